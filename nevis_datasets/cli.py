"""The dataset commands of `nevis`: list the catalog, build tasks, add ArrayRecord copies.

  nevis list [--data_dir DIR]
  nevis list --stream NAME [--stop-year Y] [--data_dir DIR] [--manual_dir DIR]
  nevis build TASK [TASK ...] [any `tfds build` flag: --data_dir, --manual_dir,
                               --beam_pipeline_options, --file_format, --overwrite, ...]
  nevis build --stream NAME [--stop-year Y] [tfds build flags]
      (builds print one progress line per task; --verbose shows TFDS's own output instead)
  nevis convert TASK [TASK ...] [--data_dir DIR]   # ArrayRecord beside the TFRecords

`--stream` builds (or, with `list`, checks) every task of a stream that is not prepared yet, in
stream order, going on past failures, and ends with one table: each task's status and what to
do for every task that is not ready; the exit status is 1 while any task is missing. Which
tasks a stream has is `nevis_streams`' knowledge: the `nevis` command passes it in.

(`nevis run` and `nevis demo` are the benchmarker's: `nevis_bench.cli`.)

`nevis build` is `tfds build` restricted to NEVIS tasks, without the `mlcroissant` dependency
that the upstream `tfds` CLI needs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import logging
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence

from etils import epath

from nevis_datasets import catalog
from nevis_datasets import errors
from nevis_datasets import formats
from nevis_datasets import readiness
from nevis_datasets import registry
from nevis_datasets.toolkit import progress

# A stream's task ids in order: (stream name, stop year or None) -> ids. Given by the caller.
StreamTasks = Callable[[str, 'int | None'], Sequence[str]]


def default_data_dir() -> str:
  return os.environ.get('TFDS_DATA_DIR') or os.path.expanduser('~/tensorflow_datasets')


def _prepared_versions(data_dir: str, task_id: str) -> list[str]:
  task_dir = epath.Path(data_dir) / 'nevis' / task_id
  if not task_dir.exists():
    return []
  return sorted(p.name for p in task_dir.iterdir() if (p / 'dataset_info.json').exists())


def task_table(data_dir: str) -> str:
  """The catalog as a text table, with builder and on-disk status."""
  header = ('task', 'name', 'years', 'classes', 'type', 'source', 'builder', 'prepared')
  rows = [header]
  for task in catalog.TASKS.values():
    prepared = _prepared_versions(data_dir, task.task_id)
    rows.append((
        task.task_id,
        task.paper_name[:40],
        ','.join(map(str, task.years)) or '-',
        str(task.num_classes),
        task.task_type.value,
        task.source.value,
        'yes' if registry.has_builder(task.task_id) else 'no',
        ','.join(prepared) or '-',
    ))
  widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
  lines = ['  '.join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
  datasets = [t.task_id for t in catalog.full_stream_tasks()]
  built = sum(registry.has_builder(t) for t in datasets)
  demos = [t for t in catalog.TASKS if t not in datasets]
  lines.insert(1, '-' * len(lines[0]))
  lines.append(f'\n{built} of the {len(datasets)} NEVIS datasets have builders, and '
               f'{sum(registry.has_builder(t) for t in demos)} of the {len(demos)} demo tasks. '
               f'Data dir: {data_dir}')
  return '\n'.join(lines)


def skip_keras() -> None:
  """Keeps TensorFlow from importing Keras, which a build never uses (about 1 s of start-up).

  TensorFlow's `__init__` imports `keras.src.optimizers` eagerly and carries on without it on
  an ImportError; a `None` entry in `sys.modules` makes `import keras` raise one. Only where
  nothing imported Keras yet, and only in the `nevis build` command's own process.
  """
  if 'keras' not in sys.modules and 'tensorflow' not in sys.modules:
    sys.modules['keras'] = None


@contextlib.contextmanager
def _beam_unless_asked(tfds_flags: Sequence[str]) -> Iterator[None]:
  """Within, `import apache_beam` fails fast unless the flags ask for Beam (2 s saved).

  TFDS 4.9.10's build command imports Beam for every build, only to parse
  --beam_pipeline_options; without that flag no NEVIS build uses Beam (Beam tasks take the
  local pool path), and TFDS carries on when the import fails.
  """
  asked = any(flag.lstrip('-').replace('-', '_').startswith('beam_pipeline_options')
              for flag in tfds_flags)
  if asked or 'apache_beam' in sys.modules:
    yield
    return
  sys.modules['apache_beam'] = None
  try:
    yield
  finally:
    if sys.modules.get('apache_beam', 0) is None:
      del sys.modules['apache_beam']


class _OwnWarningsOnly(logging.Filter):
  """Passes nevis's own warnings (skipped images, missing files) and everyone's errors."""

  def filter(self, record: logging.LogRecord) -> bool:
    return (record.levelno >= logging.ERROR
            or f'{os.sep}nevis_datasets{os.sep}' in record.pathname)


@contextlib.contextmanager
def _one_line_per_task(verbose: bool) -> Iterator[None]:
  """Unless `verbose`: the toolkit's progress line instead of TFDS's bars, info and warnings."""
  if verbose:
    yield
    return
  import tensorflow_datasets as tfds  # pylint: disable=g-import-not-at-top

  absl_logger = logging.getLogger('absl')
  own_only = _OwnWarningsOnly()
  absl_logger.addFilter(own_only)
  tfds.disable_progress_bar()
  progress.enable()
  try:
    with contextlib.redirect_stdout(io.StringIO()):  # TFDS prints the whole DatasetInfo.
      yield
  finally:
    progress.enable(False)
    tfds.enable_progress_bar()
    absl_logger.removeFilter(own_only)


def build(task_ids: Sequence[str], tfds_flags: Sequence[str], *, verbose: bool = False
          ) -> None:
  """Runs `tfds build` on `nevis/<task>` for each task (checked first, with clear errors)."""
  skip_keras()
  from tensorflow_datasets.scripts.cli import build as tfds_build  # pylint: disable=g-import-not-at-top
  from tensorflow_datasets.scripts.cli import cli_utils  # pylint: disable=g-import-not-at-top

  names = []
  for task_id in task_ids:
    task_id = task_id.removeprefix('nevis/')
    registry.builder_class(task_id)  # Unknown or unavailable tasks fail here, clearly.
    names.append(f'nevis/{task_id}')
  parse = cli_utils.make_flags_parser(tfds_build.Args, 'nevis build')
  with _beam_unless_asked(tfds_flags), _one_line_per_task(verbose):
    parse(['nevis build', *names, *tfds_flags]).execute()


def _flag(flags: Sequence[str], name: str) -> str | None:
  """The value of `--name VALUE` or `--name=VALUE` among `tfds build` flags, if given."""
  for i, flag in enumerate(flags):
    if flag == f'--{name}' and i + 1 < len(flags):
      return flags[i + 1]
    if flag.startswith(f'--{name}='):
      return flag.split('=', 1)[1]
  return None


def build_each(task_ids: Sequence[str], tfds_flags: Sequence[str], *, verbose: bool = False
               ) -> list[readiness.Outcome]:
  """Builds every task not prepared yet, in order, going on past failures; one line each.

  An expected failure becomes the task's status; a bug prints its traceback and the build
  goes on with the next task (Ctrl-C and SIGTERM stop it).
  """
  data_dir = _flag(tfds_flags, 'data_dir') or default_data_dir()
  outcomes = []
  for number, task_id in enumerate(task_ids, 1):
    prefix = f'[{number}/{len(task_ids)}] {task_id}'
    outcome = readiness.prepared(data_dir, task_id)
    if outcome is None:
      print(f'{prefix}: building', flush=True)
      start, error = time.monotonic(), None
      try:
        build([task_id], tfds_flags, verbose=verbose)
      except errors.UserError as e:
        error = e
      except Exception as e:  # pylint: disable=broad-except  # A bug: shown, then go on.
        traceback.print_exc()
        error = e
      outcome = readiness.of_build(task_id, error, time.monotonic() - start, data_dir)
    print(f'{prefix}: {outcome.status.value}'
          + (f' ({outcome.detail})' if outcome.status.ready else ''), flush=True)
    outcomes.append(outcome)
  return outcomes


def check_each(task_ids: Sequence[str], data_dir: str, manual_dir: str | None
               ) -> list[readiness.Outcome]:
  return [readiness.check(task_id, data_dir, manual_dir) for task_id in task_ids]


def _stream_args(argv: Sequence[str]) -> tuple[str | None, int | None, list[str]]:
  """`--stream NAME` and `--stop-year Y` (or `--stop_year`) taken out of `argv`."""
  parser = argparse.ArgumentParser(add_help=False)
  parser.add_argument('--stream')
  parser.add_argument('--stop-year', '--stop_year', dest='stop_year', type=int)
  known, rest = parser.parse_known_args(argv)
  return known.stream, known.stop_year, rest


def _report(outcomes: Sequence[readiness.Outcome]) -> int:
  print('\n' + readiness.table(outcomes))
  return 0 if all(o.status.ready for o in outcomes) else 1


def convert(task_ids: Sequence[str], data_dir: str) -> None:
  """Adds ArrayRecord shards beside the TFRecords of each prepared task (see `formats`)."""
  import tensorflow_datasets as tfds  # pylint: disable=g-import-not-at-top

  for task_id in task_ids:
    task_id = task_id.removeprefix('nevis/')
    registry.builder_class(task_id)
    builder = tfds.builder(f'nevis/{task_id}', data_dir=data_dir)
    if not builder.is_prepared():
      raise errors.NotPreparedError(
          f'[{task_id}] is not prepared in {data_dir}: run `nevis build {task_id} '
          f'--data_dir {data_dir}` first.')
    done = formats.add_array_record(builder)
    print(f'nevis/{task_id}: ArrayRecord {"written" if done else "already there"} in '
          f'{builder.data_dir}')


def build_demo_tasks(data_dir: str) -> None:
  """Builds the synthetic demo tasks (no network), with ArrayRecord copies, and prints them."""
  import tensorflow_datasets as tfds  # pylint: disable=g-import-not-at-top

  demo_ids = [t.task_id for t in catalog.TASKS.values() if t.source is catalog.SYNTHETIC]
  for task_id in demo_ids:
    builder = tfds.builder(f'nevis/{task_id}', data_dir=data_dir)
    builder.download_and_prepare()
    formats.add_array_record(builder)
    sizes = ', '.join(f'{name} {split.num_examples}' for name, split in builder.info.splits.items())
    print(f'nevis/{task_id}: {len(builder.info.features[builder.label_key].names)} classes; '
          f'{sizes}; at {builder.data_dir}')


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
  """Within, SIGTERM unwinds like Ctrl-C: partial builds are removed, worker pools closed."""

  def interrupt(signum, frame):
    del frame
    raise KeyboardInterrupt(signal.Signals(signum).name)

  previous = signal.signal(signal.SIGTERM, interrupt)
  try:
    yield
  finally:
    signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None, stream_tasks: StreamTasks | None = None) -> int:
  """The dataset commands; `stream_tasks` resolves `--stream` (the `nevis` command gives it)."""
  argv = list(sys.argv[1:] if argv is None else argv)
  os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')  # TensorFlow's start-up chatter.
  parser = argparse.ArgumentParser(prog='nevis', description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
  commands = parser.add_subparsers(dest='command', required=True)
  list_parser = commands.add_parser(
      'list', help='print the task catalog with status (--stream NAME: what its tasks need)')
  list_parser.add_argument('--data_dir', default=default_data_dir())
  list_parser.add_argument('--manual_dir', default=None)
  list_parser.add_argument('--stream', default=None)
  list_parser.add_argument('--stop-year', '--stop_year', dest='stop_year', type=int)
  commands.add_parser('build', help='build tasks: nevis build TASK [TASK ...] | --stream NAME '
                      '[--stop-year Y], then any tfds build flags')
  convert_parser = commands.add_parser(
      'convert', help='add ArrayRecord files (for PyTorch / tfds.data_source) to built tasks')
  convert_parser.add_argument('tasks', nargs='+')
  convert_parser.add_argument('--data_dir', default=default_data_dir())

  verbose = argv[:1] == ['build'] and '--verbose' in argv
  if verbose:
    argv.remove('--verbose')
  try:
    if argv[:1] == ['build'] and any(a.startswith('--stream') for a in argv[1:]):
      stream, stop_year, flags = _stream_args(argv[1:])
      task_ids = _resolve(stream_tasks, stream, stop_year)
      with _sigterm_interrupts():
        return _report(build_each(task_ids, flags, verbose=verbose))
    if argv[:1] == ['build']:  # Task ids first, then flags that go to `tfds build` untouched.
      task_ids = [a for a in itertools.takewhile(lambda a: not a.startswith('-'), argv[1:])]
      if not task_ids:
        parser.error('nevis build needs at least one task id (see `nevis list`)')
      with _sigterm_interrupts():
        build(task_ids, argv[1 + len(task_ids):], verbose=verbose)
      return 0
    args = parser.parse_args(argv)
    if args.command == 'convert':
      with _sigterm_interrupts():
        convert(args.tasks, args.data_dir)
    elif args.stream:
      task_ids = _resolve(stream_tasks, args.stream, args.stop_year)
      return _report(check_each(task_ids, args.data_dir, args.manual_dir))
    else:
      print(task_table(args.data_dir))
  except errors.UserError as e:  # Expected failures: one message. Anything else: a traceback.
    print(f'nevis: {e}', file=sys.stderr)
    return 2
  except KeyboardInterrupt as e:
    print(f'nevis: interrupted{f" ({e})" if str(e) else ""}. Nothing half-written is kept; '
          'the next build reuses the downloads and extractions that were complete.',
          file=sys.stderr)
    return 128 + (signal.SIGTERM if str(e) == 'SIGTERM' else signal.SIGINT)
  return 0


class NoStreamsError(errors.UserError, ValueError):
  """`--stream` where no stream resolver was given (streams are nevis_streams' knowledge)."""


def _resolve(stream_tasks: StreamTasks | None, stream: str | None, stop_year: int | None
             ) -> Sequence[str]:
  if not stream:
    raise NoStreamsError('--stream needs a stream name, e.g. --stream short.')
  if stream_tasks is None:
    raise NoStreamsError('--stream needs the `nevis` command (it knows the streams); use '
                         '`nevis build --stream ...`.')
  return stream_tasks(stream, stop_year)


if __name__ == '__main__':
  sys.exit(main())
