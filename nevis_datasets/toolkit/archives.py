"""Reading images straight out of zip archives, without extracting them to disk first."""

from __future__ import annotations

import dataclasses
import os
import threading
import zipfile

from etils import epath

_OPEN = threading.local()


@dataclasses.dataclass(frozen=True)
class ZipMember:
  """One member of a zip archive: a cheap, picklable image source (Beam workers read it too)."""

  archive: str
  name: str

  def read(self) -> bytes:
    # ZipFile objects share a file offset: each thread of each process keeps its own handle.
    handles = _OPEN.__dict__.setdefault('handles', {})
    handle_key = (os.getpid(), self.archive)
    if handle_key not in handles:
      handles[handle_key] = zipfile.ZipFile(epath.Path(self.archive).open('rb'))
    return handles[handle_key].read(self.name)


def zip_members(archive: epath.PathLike) -> list[ZipMember]:
  """Every file member of `archive`, sorted by name (directories and Thumbs.db left out)."""
  with zipfile.ZipFile(epath.Path(archive).open('rb')) as zf:
    names = sorted(info.filename for info in zf.infolist() if not info.is_dir())
  return [ZipMember(str(archive), name) for name in names
          if not name.rsplit('/', 1)[-1] == 'Thumbs.db']
