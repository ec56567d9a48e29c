"""Reading images straight out of zip archives, without extracting them to disk first."""

from __future__ import annotations

import dataclasses
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
    # ZipFile objects are not thread-safe: each thread keeps its own handle per archive.
    handles = _OPEN.__dict__.setdefault('handles', {})
    if self.archive not in handles:
      handles[self.archive] = zipfile.ZipFile(epath.Path(self.archive).open('rb'))
    return handles[self.archive].read(self.name)


def zip_members(archive: epath.PathLike) -> list[ZipMember]:
  """Every file member of `archive`, sorted by name (directories and Thumbs.db left out)."""
  with zipfile.ZipFile(epath.Path(archive).open('rb')) as zf:
    names = sorted(info.filename for info in zf.infolist() if not info.is_dir())
  return [ZipMember(str(archive), name) for name in names
          if not name.rsplit('/', 1)[-1] == 'Thumbs.db']
