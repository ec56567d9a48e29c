"""Builds every task of a stream on a Beam runner: Beam tasks as Beam jobs, several at once.

  python -m beam_pipelines.build_stream --stream full --data_dir gs://bucket/tfds \\
      --beam_pipeline_options=runner=DataflowRunner,project=P,region=R,temp_location=gs://...
  python -m beam_pipelines.build_stream --stream short --data_dir ~/tensorflow_datasets \\
      --beam_pipeline_options=runner=FnApiRunner,direct_num_workers=4,direct_running_mode=multi_processing

Each task not prepared yet is built in a worker process of its own, at most `--max_in_flight`
at a time: a Beam task (`TaskBuilder.USE_BEAM`, e.g. food101, imagenet2012) as a Beam job with
the given options (Dataflow, Flink and Spark take their usual options), the others by the
toolkit's local pool. The run goes on past failures and ends with the same status table as
`nevis build --stream` (exit status 1 while any task is missing); a rerun builds only what is
missing, and each task holds its lock, so two runs never write the same task at once.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import multiprocessing
import sys
from collections.abc import Sequence

from nevis_datasets import cli
from nevis_datasets import errors
from nevis_datasets import readiness
from nevis_datasets import registry
from nevis_streams import streams


def _build_one(task_id: str, flags: Sequence[str], verbose: bool) -> readiness.Outcome:
  """Runs in a worker process: one task, through `nevis build`'s own machinery."""
  (outcome,) = cli.build_each([task_id], flags, verbose=verbose)
  return outcome


def task_flags(task_id: str, flags: Sequence[str], beam_options: str | None) -> list[str]:
  """The `tfds build` flags of one task: Beam's options only for the tasks built by Beam."""
  if beam_options and registry.builder_class(task_id).USE_BEAM:
    return [*flags, f'--beam_pipeline_options={beam_options}']
  return list(flags)


def build_all(task_ids: Sequence[str], flags: Sequence[str], *, beam_options: str | None,
              max_in_flight: int, data_dir: str, verbose: bool = False
              ) -> list[readiness.Outcome]:
  """Builds the tasks that are not prepared, `max_in_flight` at once; outcomes in task order."""
  outcomes: dict[str, readiness.Outcome] = {}
  missing = []
  for task_id in task_ids:
    registry.builder_class(task_id)  # Unknown or unavailable tasks fail before any build.
    done = readiness.prepared(data_dir, task_id)
    if done is None:
      missing.append(task_id)
    else:
      outcomes[task_id] = done
  print(f'{len(task_ids) - len(missing)} of {len(task_ids)} tasks prepared; building '
        f'{len(missing)}, at most {max_in_flight} at a time.', flush=True)
  # Fresh interpreters: a forked copy of this process would share its open files and locks.
  context = multiprocessing.get_context('spawn')
  with concurrent.futures.ProcessPoolExecutor(max_in_flight, mp_context=context) as pool:
    futures = {pool.submit(_build_one, task_id, task_flags(task_id, flags, beam_options),
                           verbose): task_id for task_id in missing}
    for number, future in enumerate(concurrent.futures.as_completed(futures), 1):
      task_id = futures[future]
      outcome = future.result()
      outcomes[task_id] = outcome
      print(f'[{number}/{len(missing)}] {task_id}: {outcome.status.value}', flush=True)
  return [outcomes[task_id] for task_id in task_ids]


def main(argv: Sequence[str] | None = None) -> int:
  parser = argparse.ArgumentParser(description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
  which = parser.add_mutually_exclusive_group(required=True)
  which.add_argument('--stream', help='a stream variant: full, short, tiny, debug, ...')
  which.add_argument('--tasks', help='comma-separated task ids, instead of a stream')
  parser.add_argument('--stop_year', '--stop-year', type=int, default=None)
  parser.add_argument('--data_dir', default=cli.default_data_dir())
  parser.add_argument('--beam_pipeline_options', default=None,
                      help='comma-separated Beam options for the Beam tasks, as `tfds build`')
  parser.add_argument('--max_in_flight', type=int, default=2,
                      help='tasks built at the same time (each Beam task is one job)')
  parser.add_argument('--verbose', action='store_true', help="TFDS's own output")
  args, rest = parser.parse_known_args(argv)
  try:
    if args.stream:
      task_ids = streams.get_stream(args.stream, stop_year=args.stop_year).tasks
    else:
      task_ids = [t for t in args.tasks.split(',') if t]
    outcomes = build_all(task_ids, ['--data_dir', args.data_dir, *rest],
                         beam_options=args.beam_pipeline_options,
                         max_in_flight=max(1, args.max_in_flight), data_dir=args.data_dir,
                         verbose=args.verbose)
  except errors.UserError as e:
    print(f'build_stream: {e}', file=sys.stderr)
    return 2
  print('\n' + readiness.table(outcomes))
  return 0 if all(o.status.ready for o in outcomes) else 1


if __name__ == '__main__':
  sys.exit(main())
