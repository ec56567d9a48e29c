"""Small, byte-reproducible fake archives in the layout of the real ones, for the tasks'
dummy_data generators.

Every member gets the archive's fixed timestamp and fixed permissions, and gzip headers get no
file name, so rerunning a generator rewrites its committed archives byte for byte.
"""

from __future__ import annotations

import contextlib
import gzip as gzip_lib
import io
import os
import tarfile
import zipfile
from typing import BinaryIO, Iterator

import numpy as np
from PIL import Image

Target = str | os.PathLike | BinaryIO
DateTime = tuple[int, int, int, int, int, int]


class TarWriter:
  """Adds members to an open tar, all with the same mtime and fixed modes."""

  def __init__(self, archive: tarfile.TarFile, mtime: int):
    self._archive = archive
    self._mtime = mtime

  def add(self, name: str, data: bytes | None = None) -> None:
    """Adds a file holding `data`, or a directory entry when `data` is None."""
    info = tarfile.TarInfo(name)
    info.mtime = self._mtime
    if data is None:
      info.type = tarfile.DIRTYPE
      info.mode = 0o755
      self._archive.addfile(info)
    else:
      info.size = len(data)
      info.mode = 0o644
      self._archive.addfile(info, io.BytesIO(data))


class ZipWriter:
  """Adds members to an open zip, all with the same date and no permission bits."""

  def __init__(self, archive: zipfile.ZipFile, date_time: DateTime, compression: int):
    self._archive = archive
    self._date_time = date_time
    self._compression = compression

  def add(self, name: str, data: bytes | None = None) -> None:
    """Adds a file holding `data`, or an (always stored) directory entry when `data` is None."""
    if data is None:
      name = name if name.endswith('/') else name + '/'
      self._archive.writestr(zipfile.ZipInfo(name, self._date_time), b'')
    else:
      self._archive.writestr(zipfile.ZipInfo(name, self._date_time), data, self._compression)


@contextlib.contextmanager
def write_tar(target: Target, *, mtime: int, gzip: bool = False) -> Iterator[TarWriter]:
  """Writes a USTAR tar (gzipped, with the same mtime, when `gzip`) to a path or binary file."""
  with contextlib.ExitStack() as stack:
    raw = target if hasattr(target, 'write') else stack.enter_context(open(target, 'wb'))
    if gzip:
      raw = stack.enter_context(
          gzip_lib.GzipFile(filename='', mode='wb', fileobj=raw, mtime=mtime))
    archive = stack.enter_context(
        tarfile.open(fileobj=raw, mode='w', format=tarfile.USTAR_FORMAT))
    yield TarWriter(archive, mtime)


@contextlib.contextmanager
def write_zip(target: Target, *, date_time: DateTime,
              compression: int = zipfile.ZIP_STORED) -> Iterator[ZipWriter]:
  """Writes a zip to a path or binary file; its files are compressed with `compression`."""
  with zipfile.ZipFile(target, 'w', compression=compression) as archive:
    yield ZipWriter(archive, date_time, compression)


def image_bytes(pixels: np.ndarray, file_format: str, *, mode: str | None = None,
                **options) -> bytes:
  """`pixels` as an image file's bytes (converted to `mode` first); `options` go to PIL's save."""
  image = Image.fromarray(pixels)
  if mode is not None:
    image = image.convert(mode)
  buffer = io.BytesIO()
  image.save(buffer, file_format, **options)
  return buffer.getvalue()


# The 116-byte text of a MAT 5 header, where scipy writes the current time: fixed here.
_MAT_HEADER = b'MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: Thu Feb 14 12:00:00 2013'


def mat_bytes(variables: dict[str, np.ndarray]) -> bytes:
  """A MATLAB v5 file holding `variables` (`scipy.io.savemat`), with a fixed header."""
  import scipy.io  # pylint: disable=import-outside-toplevel  # Only the .mat generators.
  buffer = io.BytesIO()
  scipy.io.savemat(buffer, variables)
  return _MAT_HEADER.ljust(116) + buffer.getvalue()[116:]
