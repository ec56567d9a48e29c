"""The smoke run: every task of a stream built from its fake data, then a learner over it all.

  python -m nevis_bench.smoke [--stream full] [--stop-year 2022] [--learner linear_probe]
                              [--workdir DIR]

Proves end to end that every builder's output is something the benchmarker and a learner
consume: multi-label, grayscale, tiny and very large images, tasks with a handful of examples
per split. Each task is built into one temporary data dir from the fake data of its builder
test (`nevis_datasets.testing.build_from_fake_data`: dummy archives through the manual dir,
fake upstreams for TFDS-derived tasks), then the learner runs over the whole stream (FULL up
to 2022: 106 training events) and the summary table and plot are written. Needs the test
dependencies (`pip install -e '.[test]'`).
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile
import time
from collections.abc import Sequence

from absl import flags

from nevis_bench import cli
from nevis_datasets import readiness
from nevis_datasets import testing
from nevis_streams import streams


def build_all(task_ids: Sequence[str], data_dir: pathlib.Path) -> list[readiness.Outcome]:
  """Builds each task from its fake data; one line per task, failures kept going."""
  outcomes = []
  for number, task_id in enumerate(task_ids, 1):
    start, error = time.monotonic(), None
    try:
      testing.build_from_fake_data(task_id, data_dir)
    except Exception as e:  # pylint: disable=broad-except  # Reported in the table.
      error = e
    outcome = readiness.of_build(task_id, error, time.monotonic() - start, data_dir)
    print(f'[{number}/{len(task_ids)}] {task_id}: {outcome.status.value} ({outcome.detail})',
          flush=True)
    outcomes.append(outcome)
  return outcomes


def run(stream: str, stop_year: int, learner: str, workdir: pathlib.Path) -> int:
  flags.FLAGS.mark_as_parsed()  # The builder tests' absltest helpers read parsed flags.
  data_dir = workdir / 'data'
  task_ids = streams.get_stream(stream, stop_year=stop_year).tasks
  start = time.monotonic()
  outcomes = build_all(task_ids, data_dir)
  built = time.monotonic() - start
  print('\n' + readiness.table(outcomes))
  if not all(outcome.status.ready for outcome in outcomes):
    return 1
  code = cli.run_stream(stream, learner, stop_year=stop_year, split='dev_test',
                        output=str(workdir / 'run'), data_dir=str(data_dir), final_eval=True,
                        skip_missing=False)
  print(f'\nsmoke run of {stream} up to {stop_year}: {len(task_ids)} tasks built in {built:.0f} '
        f's, learner run in {time.monotonic() - start - built:.0f} s.')
  return code


def main(argv: Sequence[str] | None = None) -> int:
  parser = argparse.ArgumentParser(description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
  parser.add_argument('--stream', default='full')
  parser.add_argument('--stop-year', '--stop_year', dest='stop_year', type=int, default=2022)
  parser.add_argument('--learner', default='linear_probe')
  parser.add_argument('--workdir', type=pathlib.Path, default=None,
                      help='where the data and the run go (default: a temporary dir)')
  args = parser.parse_args(argv)
  if args.workdir is not None:
    return run(args.stream, args.stop_year, args.learner, args.workdir)
  with tempfile.TemporaryDirectory(prefix='nevis-smoke-') as workdir:
    return run(args.stream, args.stop_year, args.learner, pathlib.Path(workdir))


if __name__ == '__main__':
  sys.exit(main())
