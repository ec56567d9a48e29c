"""The dataset commands of `nevis`: list the catalog, build tasks, add ArrayRecord copies.

  nevis list [--data_dir DIR]
  nevis build TASK [TASK ...] [any `tfds build` flag: --data_dir, --manual_dir,
                               --beam_pipeline_options, --file_format, --overwrite, ...]
  nevis convert TASK [TASK ...] [--data_dir DIR]   # ArrayRecord beside the TFRecords

(`nevis run` and `nevis demo` are the benchmarker's: `nevis_bench.cli`.)

`nevis build` is `tfds build` restricted to NEVIS tasks, without the `mlcroissant` dependency
that the upstream `tfds` CLI needs.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import signal
import sys
from collections.abc import Iterator, Sequence

from etils import epath

from nevis_datasets import catalog
from nevis_datasets import errors
from nevis_datasets import formats
from nevis_datasets import registry


class NotPreparedError(errors.UserError, FileNotFoundError):
  """A task that must be built before this command can use it."""


def _default_data_dir() -> str:
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


def build(task_ids: Sequence[str], tfds_flags: Sequence[str]) -> None:
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
  parse(['nevis build', *names, *tfds_flags]).execute()


def convert(task_ids: Sequence[str], data_dir: str) -> None:
  """Adds ArrayRecord shards beside the TFRecords of each prepared task (see `formats`)."""
  import tensorflow_datasets as tfds  # pylint: disable=g-import-not-at-top

  for task_id in task_ids:
    task_id = task_id.removeprefix('nevis/')
    registry.builder_class(task_id)
    builder = tfds.builder(f'nevis/{task_id}', data_dir=data_dir)
    if not builder.is_prepared():
      raise NotPreparedError(
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


def main(argv: Sequence[str] | None = None) -> int:
  argv = list(sys.argv[1:] if argv is None else argv)
  os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')  # TensorFlow's start-up chatter.
  parser = argparse.ArgumentParser(prog='nevis', description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
  commands = parser.add_subparsers(dest='command', required=True)
  list_parser = commands.add_parser('list', help='print the task catalog with status')
  list_parser.add_argument('--data_dir', default=_default_data_dir())
  commands.add_parser('build', help='build tasks: nevis build TASK [TASK ...] [tfds build flags]')
  convert_parser = commands.add_parser(
      'convert', help='add ArrayRecord files (for PyTorch / tfds.data_source) to built tasks')
  convert_parser.add_argument('tasks', nargs='+')
  convert_parser.add_argument('--data_dir', default=_default_data_dir())

  try:
    if argv[:1] == ['build']:  # Task ids first, then flags that go to `tfds build` untouched.
      task_ids = [a for a in itertools.takewhile(lambda a: not a.startswith('-'), argv[1:])]
      if not task_ids:
        parser.error('nevis build needs at least one task id (see `nevis list`)')
      with _sigterm_interrupts():
        build(task_ids, argv[1 + len(task_ids):])
      return 0
    args = parser.parse_args(argv)
    if args.command == 'convert':
      with _sigterm_interrupts():
        convert(args.tasks, args.data_dir)
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


if __name__ == '__main__':
  sys.exit(main())
