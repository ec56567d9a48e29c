"""`nevis` command line: run learners over streams; `list` and `build` come from nevis_datasets.

  nevis run --stream STREAM --learner NAME_OR_FILE [--stop-year YEAR] [--split dev_test|test]
            [--output DIR] [--data-dir DIR] [--no-final-eval] [--skip-missing]
  nevis demo [--learner NAME_OR_FILE] [--data-dir DIR] [--output DIR]
                                               build the demo tasks and run the DEMO stream
  nevis list [--stream NAME] | build TASK ... | build --stream NAME | convert TASK ...
                                               see `nevis_datasets.cli`

A run lives in its own directory (default `runs/<stream>-<learner>-<stop year>-<split>`), made
once the run starts. Running the same command again resumes it from its last completed event
(also from a moved directory, or with another --data-dir). Expected failures (`UserError`: an
unknown name, tasks not built, a damaged checkpoint) print one line and exit 2; anything else,
such as an exception inside a learner, keeps its traceback.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import pathlib
import sys
from collections.abc import Sequence

from etils import epath

from nevis_bench import environment
from nevis_bench import launch
from nevis_bench import learner as learner_lib
from nevis_bench import reporting
from nevis_datasets import cli as datasets_cli
from nevis_datasets import errors

# Built-in learners by module, imported only when chosen (the linear probe uses TensorFlow,
# which a PyTorch run must never import).
_BUILTIN_LEARNERS = {'linear_probe': 'nevis_bench.learners.linear_probe'}


class LearnerSpecError(errors.UserError, ValueError):
  """A --learner that is neither a built-in learner nor a .py file defining make_learner()."""


def load_learner(spec: str) -> learner_lib.Learner:
  """A built-in learner by name, or `make_learner()` from a Python file."""
  if spec in _BUILTIN_LEARNERS:
    return importlib.import_module(_BUILTIN_LEARNERS[spec]).make_learner()
  path = pathlib.Path(spec)
  if path.suffix == '.py' and path.exists():
    module_spec = importlib.util.spec_from_file_location(f'nevis_learner_{path.stem}', path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    if not hasattr(module, 'make_learner'):
      raise LearnerSpecError(
          f'{path} must define make_learner() -> nevis_bench.learner.Learner.')
    return module.make_learner()
  raise LearnerSpecError(f'Unknown learner {spec!r}: use one of {", ".join(_BUILTIN_LEARNERS)} '
                         'or a .py file that defines make_learner().')


def stream_tasks(stream_name: str, stop_year: int | None) -> tuple[str, ...]:
  """The task ids of a stream, in stream order: what `nevis build/list --stream` works on."""
  from nevis_streams import streams  # pylint: disable=g-import-not-at-top

  return streams.get_stream(stream_name, stop_year=stop_year).tasks


def run_stream(stream_name: str, learner_spec: str, *, stop_year: int | None, split: str,
               output: str | None, data_dir: str, final_eval: bool, skip_missing: bool) -> int:
  from nevis_streams import streams  # pylint: disable=g-import-not-at-top

  stream = streams.get_stream(stream_name, stop_year=stop_year, predict_splits=(split,))
  learner_name = pathlib.Path(learner_spec).stem
  run_dir = epath.Path(output or f'runs/{stream_name.lower()}-{learner_name}-'
                       f'{stop_year or "default"}-{split}')
  config = {'run_id': run_dir.name, 'stream': stream_name.lower(), 'learner': learner_spec,
            'stop_year': stop_year,
            'split': split, 'final_eval': final_eval, 'skip_missing': skip_missing,
            'data_dir': data_dir}
  reporting.check_config(run_dir, config)  # Before any work, and without writing anything.
  learner = load_learner(learner_spec)
  primary = launch.is_primary()  # Under torchrun, process 0 alone writes the run's files.
  print(f'run {run_dir}: {len(stream.training_events)} training events over '
        f'{len(stream.tasks)} tasks; learner {learner_spec}')
  result = environment.run(
      stream, learner, run_dir, data_dir,
      final_eval_split=split if final_eval else None, skip_missing=skip_missing,
      on_start=(lambda: reporting.start(run_dir, config)) if primary else None,
      on_event_done=reporting.EventWriter(run_dir) if primary else None,
      show_progress=primary)
  if not primary:
    return 0
  print(reporting.finish(run_dir, result.records, result.summary,
                         f'{stream_name} / {learner_name}'))
  print(f'\nmetrics: {run_dir / "metrics.jsonl"}, plot: {run_dir / "error_vs_flops.png"}, '
        f'TensorBoard: {run_dir / "tensorboard"}')
  return 0


def main(argv: Sequence[str] | None = None) -> int:
  argv = list(sys.argv[1:] if argv is None else argv)
  os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')  # TensorFlow's start-up chatter.
  parser = argparse.ArgumentParser(prog='nevis', description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
  commands = parser.add_subparsers(dest='command', required=True, metavar='COMMAND')
  # The dataset commands are nevis_datasets.cli's; named here so that `nevis --help` lists all.
  for name, text in (('list', 'the task catalog with status; --stream NAME: what its tasks need'),
                     ('build', 'build tasks (TASK ... or --stream NAME), with any tfds build flag'),
                     ('convert', 'add ArrayRecord files (PyTorch, tfds.data_source) to tasks')):
    commands.add_parser(name, help=text, add_help=False)
  if argv[:1] not in (['run'], ['demo']) and argv[:1] not in ([], ['-h'], ['--help']):
    return datasets_cli.main(argv, stream_tasks=stream_tasks)
  run_parser = commands.add_parser('run', help='run a learner over a stream')
  run_parser.add_argument('--stream', required=True, help='FULL, SHORT, DEMO, ... (any case)')
  run_parser.add_argument('--learner', '--config', dest='learner', required=True,
                          help='a built-in learner name or a .py file defining make_learner()')
  run_parser.add_argument('--stop-year', type=int, default=None,
                          help='tasks of years before this (default 2020; 2022 for all)')
  run_parser.add_argument('--split', choices=('dev_test', 'test'), default='dev_test',
                          help='what predict events evaluate (test only for final numbers)')
  run_parser.add_argument('--output', default=None, help='run directory')
  run_parser.add_argument('--data-dir', '--data_dir', dest='data_dir',
                          default=datasets_cli.default_data_dir())
  run_parser.add_argument('--no-final-eval', action='store_true',
                          help='skip the end-of-stream re-evaluation of every task')
  run_parser.add_argument('--skip-missing', action='store_true',
                          help='leave out tasks that are not built (recorded in the run)')
  demo_parser = commands.add_parser('demo', help='build the demo tasks and run the DEMO stream')
  demo_parser.add_argument('--data-dir', '--data_dir', dest='data_dir',
                           default=datasets_cli.default_data_dir())
  demo_parser.add_argument('--learner', '--config', dest='learner', default='linear_probe',
                           help='a built-in learner name or a .py file defining make_learner()')
  demo_parser.add_argument('--output', default=None)
  args = parser.parse_args(argv)
  try:
    if args.command == 'demo':
      datasets_cli.build_demo_tasks(args.data_dir)
      return run_stream('demo', args.learner, stop_year=None, split='dev_test',
                        output=args.output, data_dir=args.data_dir, final_eval=True,
                        skip_missing=False)
    return run_stream(args.stream, args.learner, stop_year=args.stop_year, split=args.split,
                      output=args.output, data_dir=args.data_dir,
                      final_eval=not args.no_final_eval, skip_missing=args.skip_missing)
  except errors.UserError as e:
    print(f'nevis: {e}', file=sys.stderr)
    return 2


if __name__ == '__main__':
  sys.exit(main())
