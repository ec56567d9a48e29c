"""Whether tasks are on disk, and what each one that is not needs: for many tasks at once.

`nevis build --stream` and `nevis list --stream` report every task of a stream with one of the
statuses below and, for a task that is not ready, what to do; `beam_pipelines.build_stream`
prints the same table. A status comes from the data dir and the catalog (`check`, nothing
built) or from how a build ended (`of_build`).
"""

from __future__ import annotations

import dataclasses
import enum
import os
import traceback
from collections.abc import Sequence

from etils import epath

from nevis_datasets import catalog
from nevis_datasets import errors
from nevis_datasets.toolkit import archives
from nevis_datasets.toolkit import builder as builder_lib
from nevis_datasets.toolkit import downloads


class Status(str, enum.Enum):
  PREPARED = 'prepared'  # Already on disk before this command.
  BUILT = 'built'  # Built by this command.
  NOT_BUILT = 'not built'  # `nevis list`: not on disk; the detail says what a build needs.
  MANUAL = 'needs manual download'
  KAGGLE = 'needs Kaggle credentials'
  DOWNLOAD_FAILED = 'download failed'
  CORRUPT = 'corrupt source'
  FAILED = 'failed'  # Any other expected failure (a full disk, a missing tool).
  ERROR = 'error'  # A bug: its traceback was printed.

  @property
  def ready(self) -> bool:
    return self in (Status.PREPARED, Status.BUILT)


@dataclasses.dataclass(frozen=True)
class Outcome:
  """One task's line of the table: its status, and the size and time, or what to do."""

  task: str
  status: Status
  detail: str = ''


def prepared_dir(data_dir: epath.PathLike, task_id: str) -> epath.Path | None:
  """The newest prepared version dir of `task_id` in `data_dir`, if any."""
  task_dir = epath.Path(data_dir) / 'nevis' / task_id
  if not task_dir.exists():
    return None
  versions = sorted((p for p in task_dir.iterdir() if (p / 'dataset_info.json').exists()),
                    key=lambda p: tuple(int(x) for x in p.name.split('.') if x.isdigit()))
  return versions[-1] if versions else None


def size_of(path: epath.Path) -> int:
  return sum(f.stat().length for f in path.iterdir() if f.is_file())


def human_size(num_bytes: float) -> str:
  for unit in ('B', 'KiB', 'MiB', 'GiB'):
    if num_bytes < 1024 or unit == 'GiB':
      return f'{num_bytes:.0f} {unit}' if unit == 'B' else f'{num_bytes:.1f} {unit}'
    num_bytes /= 1024
  raise AssertionError('unreachable')


def prepared(data_dir: epath.PathLike, task_id: str) -> Outcome | None:
  found = prepared_dir(data_dir, task_id)
  if found is None:
    return None
  return Outcome(task_id, Status.PREPARED, f'{found.name}, {human_size(size_of(found))}')


def check(task_id: str, data_dir: epath.PathLike, manual_dir: epath.PathLike | None
          ) -> Outcome:
  """The task's status without building it: prepared, or what its build will need."""
  done = prepared(data_dir, task_id)
  if done is not None:
    return done
  task = catalog.get(task_id)
  manual = epath.Path(manual_dir) if manual_dir else epath.Path(data_dir) / 'downloads' / 'manual'
  placed = [d.file_name for d in task.downloads if downloads.manual_file(manual, d.file_name)]
  source = task.source
  if source is catalog.SourceKind.SYNTHETIC:
    return Outcome(task_id, Status.NOT_BUILT, 'generated offline: nevis build')
  if source is catalog.SourceKind.TFDS:
    return Outcome(task_id, Status.NOT_BUILT, 'from its upstream TFDS dataset (downloaded by '
                   'TFDS, or from its manual files)')
  if source is catalog.SourceKind.MANUAL:
    return Outcome(task_id, Status.MANUAL, f'download its files by hand into {manual} (the task '
                   f'README says which); nevis build {task_id} names any that are missing')
  if source is catalog.SourceKind.KAGGLE:
    (download,) = task.downloads
    if placed:
      return Outcome(task_id, Status.NOT_BUILT, f'{download.file_name} placed in {manual}')
    if downloads.kaggle_credentials_present():
      return Outcome(task_id, Status.NOT_BUILT, 'through the Kaggle API (credentials found)')
    return Outcome(task_id, Status.KAGGLE, f'set up Kaggle credentials, or place '
                   f'{download.file_name} in {manual}')
  missing = [d for d in task.downloads if d.file_name not in placed]
  if not missing:
    return Outcome(task_id, Status.NOT_BUILT, f'all {len(placed)} files placed in {manual}')
  mirror = os.environ.get(downloads.MIRROR_ENV)
  where = f'the mirror {mirror}' if mirror else ', '.join(
      sorted({downloads.source_page(d.url) for d in missing}))
  return Outcome(task_id, Status.NOT_BUILT,
                 f'downloads {len(missing)} file(s) from {where}'
                 + (f'; {len(placed)} placed in {manual}' if placed else ''))


def of_build(task_id: str, error: BaseException | None, seconds: float,
             data_dir: epath.PathLike) -> Outcome:
  """How a build ended: built (with its size and time), or why not and what to do."""
  if error is None:
    found = prepared_dir(data_dir, task_id)
    size = human_size(size_of(found)) if found is not None else 'size unknown'
    return Outcome(task_id, Status.BUILT, f'{size} in {seconds:.1f} s')
  message = str(error).removeprefix(f'[{task_id}] ')
  if isinstance(error, downloads.KaggleCredentialsError):
    return Outcome(task_id, Status.KAGGLE, message)
  if isinstance(error, downloads.ManualDownloadError) or (
      isinstance(error, downloads.DownloadError)
      and catalog.get(task_id).source is catalog.SourceKind.MANUAL):
    return Outcome(task_id, Status.MANUAL, message)
  if isinstance(error, downloads.DownloadError):
    return Outcome(task_id, Status.DOWNLOAD_FAILED, message)
  if isinstance(error, (builder_lib.CorruptDataError, archives.CorruptArchiveError)):
    return Outcome(task_id, Status.CORRUPT, message)
  if isinstance(error, errors.UserError):
    return Outcome(task_id, Status.FAILED, message)
  return Outcome(task_id, Status.ERROR, ''.join(
      traceback.format_exception_only(type(error), error)).strip()
      + ' (a bug: its traceback is above)')


def table(outcomes: Sequence[Outcome]) -> str:
  """The outcomes as a text table, then a count of the tasks that are ready."""
  width = max([len('task'), *(len(o.task) for o in outcomes)])
  status_width = max([len('status'), *(len(o.status.value) for o in outcomes)])
  lines = [f'{"task".ljust(width)}  {"status".ljust(status_width)}  detail / what to do',
           '-' * (width + status_width + 24)]
  for outcome in outcomes:
    detail = outcome.detail.replace('\n', '\n' + ' ' * (width + status_width + 4))
    lines.append(f'{outcome.task.ljust(width)}  {outcome.status.value.ljust(status_width)}  '
                 f'{detail}'.rstrip())
  ready = sum(o.status.ready for o in outcomes)
  lines.append(f'\n{ready} of {len(outcomes)} tasks ready.')
  return '\n'.join(lines)
