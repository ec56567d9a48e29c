"""What every pipeline of this package takes from its command line: the tasks and Beam's options.

`--stream NAME [--stop_year Y]` or `--tasks a,b,c` chooses the tasks (stream order), `--data_dir`
where they are prepared, and `--beam_pipeline_options=runner=...,k=v` the runner, written as
`tfds build` writes it. Without a runner the pipeline runs on Beam's in-process FnApiRunner
(Beam's DirectRunner first downloads a binary, which fails offline). Options are checked before
any work starts (`toolkit.beam_options.validate`): a misspelt one is one line, not Beam's usage.
"""

from __future__ import annotations

import argparse
import dataclasses
import uuid

from etils import epath
import tensorflow_datasets as tfds

from beam_pipelines import prepared
from nevis_datasets import cli
from nevis_datasets import errors
from nevis_datasets.toolkit import beam_options
from nevis_streams import streams


def add_arguments(parser: argparse.ArgumentParser) -> None:
  """The task selection, data dir and Beam options flags."""
  which = parser.add_mutually_exclusive_group(required=True)
  which.add_argument('--stream', help='a stream variant: full, short, tiny, debug, ...')
  which.add_argument('--tasks', help='comma-separated task ids, instead of a stream')
  parser.add_argument('--stop_year', '--stop-year', type=int, default=None)
  parser.add_argument('--data_dir', '--data-dir', default=cli.default_data_dir())
  parser.add_argument('--output_dir', '--output-dir', default=None,
                      help='where the reports go (default: <data_dir>/nevis_reports/<pipeline>/'
                           '<stream or "tasks">)')
  parser.add_argument('--beam_pipeline_options', default=None,
                      help='comma-separated Beam options, as `tfds build` takes them, e.g. '
                           'runner=FnApiRunner,direct_num_workers=2,'
                           'direct_running_mode=multi_processing')


def task_ids(args: argparse.Namespace) -> list[str]:
  """The chosen tasks in stream order (a task may appear more than once in a stream)."""
  if args.stream:
    return list(streams.get_stream(args.stream, stop_year=args.stop_year).tasks)
  return [task for task in args.tasks.split(',') if task]


def pipeline_options(flag: str | None, *, name: str):
  """Beam `PipelineOptions` from `--beam_pipeline_options` (FnApiRunner unless one is named).

  Raises:
    beam_options.BeamOptionsError: an unknown option, a bad value or an unknown runner.
  """
  beam = tfds.core.lazy_imports.apache_beam
  flags = [f'--{option}' for option in (flag or '').split(',') if option]
  config = tfds.download.DownloadConfig(
      beam_options=beam.options.pipeline_options.PipelineOptions(flags))
  config = beam_options.with_local_runner(config)
  beam_options.validate(name, config)
  return config.beam_options


@dataclasses.dataclass(frozen=True)
class Launch:
  """What a report pipeline runs on: Beam's options, the prepared tasks, the others, the output."""

  options: object
  tasks: list[prepared.PreparedTask]
  missing: list[str]
  output_dir: epath.Path


def resolve(args: argparse.Namespace, *, name: str) -> Launch:
  """Checks the options and finds the prepared tasks before any work starts.

  Raises:
    errors.UserError: bad Beam options, or none of the tasks prepared in the data dir.
  """
  options = pipeline_options(args.beam_pipeline_options, name=name)
  tasks, missing = prepared.prepared_tasks(task_ids(args), args.data_dir)
  if not tasks:
    raise errors.UserError(f'none of the tasks is prepared in {args.data_dir}; build them '
                           f'first (nevis build --stream ... or nevis build <task>).')
  output = epath.Path(args.output_dir or epath.Path(args.data_dir) / 'nevis_reports' / name /
                      (args.stream or 'tasks'))
  return Launch(options, tasks, missing, output)


def write_file(path: epath.Path, data: str | bytes) -> None:
  """Writes `path` whole or not at all (a temporary file renamed): a kill leaves no half file."""
  temporary = path.parent / f'.{path.name}.{uuid.uuid4().hex}.tmp'
  if isinstance(data, str):
    temporary.write_text(data)
  else:
    temporary.write_bytes(data)
  temporary.replace(path)
