"""Free-disk-space check before large builds: fail in seconds, not after hours of writing.

A task states what it writes (`DiskNeeds`); `check_free_space` adds up what lands on each
filesystem (the download dir and the data dir may be different disks) and raises
`InsufficientDiskSpaceError` where a filesystem has less free space than that.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Mapping

from etils import epath

from nevis_datasets import errors

# Set to 1 to build even where the check says the disk is too small (e.g. a filesystem that
# reports its free space wrongly, or sizes known to be smaller for a custom build).
SKIP_ENV = 'NEVIS_SKIP_DISK_CHECK'


def mib(n: float) -> int:
  return int(n * 2**20)


def gib(n: float) -> int:
  return int(n * 2**30)


def human(n: int) -> str:
  """`n` bytes as e.g. '147.0 GiB'."""
  for unit, size in (('TiB', 2**40), ('GiB', 2**30), ('MiB', 2**20), ('KiB', 2**10)):
    if n >= size:
      return f'{n / size:.1f} {unit}'
  return f'{n} B'


@dataclasses.dataclass(frozen=True)
class DiskNeeds:
  """What a build writes, in bytes (known sizes of the real dataset, rounded up).

  Attributes:
    download: archives downloaded (plus what is extracted from them) in the download dir.
    upstream: the prepared upstream TFDS dataset(s), in the data dir (TFDS-derived tasks).
    task: the NEVIS dataset itself, in the data dir.
  """

  download: int = 0
  upstream: int = 0
  task: int = 0

  @property
  def total(self) -> int:
    return self.download + self.upstream + self.task


class InsufficientDiskSpaceError(errors.UserError, OSError):
  """A filesystem has less free space than the build needs."""


def _existing(path: epath.PathLike) -> str:
  """The closest existing ancestor of `path` (the dir may not exist yet)."""
  path = os.path.abspath(os.fspath(path))
  while not os.path.exists(path):
    parent = os.path.dirname(path)
    if parent == path:
      break
    path = parent
  return path


def _is_local(path: epath.PathLike) -> bool:
  """Remote paths (gs://, s3://...) have no free space to ask for."""
  return '://' not in os.fspath(path)


def check_free_space(task: str, needs: Mapping[epath.PathLike, Mapping[str, int]], *,
                     advice: str = '') -> None:
  """Raises where a filesystem has less free space than the build needs there.

  Args:
    task: the task id, for the message.
    needs: a dir -> {what is written there: bytes}. Dirs on the same filesystem are added up.
    advice: what to do besides freeing space (e.g. how to point the build at another disk).

  Raises:
    InsufficientDiskSpaceError: naming the task, the need per item, the free space and the fix.
  """
  if os.environ.get(SKIP_ENV, '') not in ('', '0'):
    return
  by_device: dict[int, tuple[str, dict[str, int]]] = {}
  for directory, items in needs.items():
    if not _is_local(directory) or not sum(items.values()):
      continue
    existing = _existing(directory)
    device = os.stat(existing).st_dev
    _, merged = by_device.setdefault(device, (existing, {}))
    for what, size in items.items():
      merged[f'{what} in {os.fspath(directory)}'] = size
  for existing, items in by_device.values():
    need = sum(items.values())
    free = shutil.disk_usage(existing).free
    if free >= need:
      continue
    detail = ', '.join(f'{what}: {human(size)}' for what, size in items.items() if size)
    raise InsufficientDiskSpaceError(
        f'[{task}] Not enough free disk space: the build needs about {human(need)} on the '
        f'filesystem of {existing} ({detail}), but only {human(free)} is free. Free '
        f'{human(need - free)} there, or build on a larger disk{advice}. Set {SKIP_ENV}=1 to '
        'build anyway.')
