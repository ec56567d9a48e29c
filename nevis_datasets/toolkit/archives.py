"""Reading images straight out of zip archives, without extracting them to disk first.

A member's declared size is checked before it is read: a zip bomb (a small archive declaring a
huge member) would otherwise be decompressed whole into memory. The cap is far above any real
image of the benchmark (`NEVIS_MAX_IMAGE_BYTES` raises it).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import lzma
import os
import tarfile
import threading
import zipfile
import zlib
from collections.abc import Iterator, Mapping

from etils import epath

from nevis_datasets import errors

MAX_IMAGE_BYTES_ENV = 'NEVIS_MAX_IMAGE_BYTES'
# The largest real NEVIS images (scanned mammograms, paintings) are tens of MB.
DEFAULT_MAX_IMAGE_BYTES = 256 * 2**20

# What reading a damaged, truncated or mislabelled archive raises (zipfile, tarfile, gzip, bz2
# and lzma streams); `bz2` reports bad data as a plain OSError, caught by `is_read_error`.
READ_ERRORS = (zipfile.BadZipFile, tarfile.TarError, EOFError, zlib.error, lzma.LZMAError,
               gzip.BadGzipFile)

_OPEN = threading.local()


class CorruptArchiveError(errors.UserError, ValueError):
  """An archive, or a member of one, that cannot be read as the source data."""


def is_read_error(error: BaseException) -> bool:
  """Whether `error` is what a damaged archive or compressed stream raises."""
  return isinstance(error, READ_ERRORS) or (
      type(error) is OSError and error.errno is None  # pylint: disable=unidiomatic-typecheck
      and str(error) == 'Invalid data stream')  # bz2's message.


def max_image_bytes(environ: Mapping[str, str] = os.environ) -> int:
  """The largest image file the toolkit reads (bytes), from NEVIS_MAX_IMAGE_BYTES if set."""
  value = environ.get(MAX_IMAGE_BYTES_ENV, '').strip()
  if not value:
    return DEFAULT_MAX_IMAGE_BYTES
  try:
    limit = int(value)
  except ValueError:
    limit = 0
  if limit <= 0:
    raise ValueError(f'{MAX_IMAGE_BYTES_ENV}={value!r} must be a positive number of bytes.')
  return limit


def check_image_size(size: int, what: str) -> None:
  """Raises CorruptArchiveError when an image of `size` bytes exceeds the cap."""
  limit = max_image_bytes()
  if size > limit:
    raise CorruptArchiveError(
        f'{what} is {size:,} bytes, more than any real image ({limit:,}; set '
        f'{MAX_IMAGE_BYTES_ENV} to raise the cap if it is a real image)')


def _zip(f, archive: str) -> zipfile.ZipFile:
  """A ZipFile over the open file `f`; CorruptArchiveError if it is not a readable zip."""
  try:
    return zipfile.ZipFile(f)
  except READ_ERRORS as e:
    raise CorruptArchiveError(
        f'{archive} is not a readable zip archive ({type(e).__name__}: {e}): the file is '
        'damaged or incomplete. Delete it and build again (it is downloaded again, or place '
        'a good copy in the manual dir).') from e


@contextlib.contextmanager
def _opened(archive: epath.PathLike) -> Iterator[zipfile.ZipFile]:
  with epath.Path(archive).open('rb') as f, _zip(f, os.fspath(archive)) as zf:
    yield zf


@dataclasses.dataclass(frozen=True)
class ZipMember:
  """One member of a zip archive: a cheap, picklable image source (Beam workers read it too)."""

  archive: str
  name: str

  def read(self) -> bytes:
    """The member's bytes; CorruptArchiveError if it is damaged or larger than the cap."""
    # ZipFile objects share a file offset: each thread of each process keeps its own handle.
    handles = _OPEN.__dict__.setdefault('handles', {})
    handle_key = (os.getpid(), self.archive)
    if handle_key not in handles:
      handles[handle_key] = _zip(epath.Path(self.archive).open('rb'), self.archive)
    archive = handles[handle_key]
    what = f'{self.name} in {self.archive}'
    try:
      info = archive.getinfo(self.name)
      check_image_size(info.file_size, what)  # Before decompressing anything.
      return archive.read(info)
    except (KeyError, *READ_ERRORS) as e:
      raise CorruptArchiveError(f'{what} cannot be read ({type(e).__name__}: {e})') from e


def zip_members(archive: epath.PathLike) -> list[ZipMember]:
  """Every file member of `archive`, sorted by name (directories and Thumbs.db left out)."""
  with _opened(archive) as zf:
    names = sorted(info.filename for info in zf.infolist() if not info.is_dir())
  return [ZipMember(os.fspath(archive), name) for name in names
          if not name.rsplit('/', 1)[-1] == 'Thumbs.db']


def declared_sizes(archive: epath.PathLike) -> list[int]:
  """The uncompressed sizes a zip's central directory declares (read without decompressing)."""
  with _opened(archive) as zf:
    return [info.file_size for info in zf.infolist() if not info.is_dir()]

