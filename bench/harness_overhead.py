"""Harness overhead: the event loop's wall time against the time the learner itself spends.

On the DEMO stream (tasks built first, imports and one run done to warm up), the benchmarker runs
the linear-probe learner with everything a real run does: metrics, JSON lines, CSV, TensorBoard
and a checkpoint after every event. Overhead = (loop time - learner time) / learner time; the
last line is that ratio (target < 5%).

  python -m bench.harness_overhead [--repeats 3] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile

from etils import epath

from nevis_bench import environment
from nevis_bench import reporting
from nevis_bench.learners import linear_probe
from nevis_datasets import cli as datasets_cli
from nevis_streams import streams


def one_run(data_dir: str, run_dir: epath.Path) -> tuple[float, float]:
  """(loop seconds, learner seconds) of a complete DEMO run with all reporting."""
  result = environment.run(
      streams.get_stream('demo'), linear_probe.make_learner(), run_dir, data_dir,
      on_event_done=reporting.EventWriter(run_dir), show_progress=False)
  return result.loop_seconds, result.learner_seconds


def main() -> None:
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument('--repeats', type=int, default=3)
  parser.add_argument('--data-dir', default=None)
  args = parser.parse_args()
  with tempfile.TemporaryDirectory() as tmp:
    data_dir = args.data_dir or f'{tmp}/data'
    datasets_cli.build_demo_tasks(data_dir)
    one_run(data_dir, epath.Path(tmp) / 'warmup')
    runs = [one_run(data_dir, epath.Path(tmp) / f'run{i}') for i in range(args.repeats)]
  overheads = [(loop - learner) / learner for loop, learner in runs]
  for (loop, learner), overhead in zip(runs, overheads):
    print(f'loop {loop:6.2f} s, learner {learner:6.2f} s, overhead {overhead:6.1%}')
  print(f'harness overhead (median of {args.repeats}, target < 5%): '
        f'{statistics.median(overheads):.1%}')


if __name__ == '__main__':
  main()
