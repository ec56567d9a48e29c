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
import struct
import tarfile
import zipfile
import zlib
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


class RarWriter:
  """Adds STORED (uncompressed) members to a RAR 4 archive, all with the same DOS date.

  RAR 4 (the format of WinRAR 2.9 to 4.x, e.g. the TID archives): a marker block, a main header,
  one header per member (followed by its bytes) and an end block; every header carries the low
  16 bits of the CRC-32 of its fields. Members are stored as if archived on Windows (`\\`
  separators, DOS attributes), as the real archives were; `rarfile` reads them without unrar.
  """

  _MARKER = b'Rar!\x1a\x07\x00'
  _FILE, _DIR = 0x8000, 0x80E0  # LONG_BLOCK; a directory also sets all dictionary bits.
  _WIN32, _UNPACK_VERSION, _STORE = 2, 29, 0x30
  _ARCHIVE_ATTR, _DIR_ATTR = 0x20, 0x10

  def __init__(self, raw: BinaryIO, date_time: DateTime):
    self._raw = raw
    year, month, day, hour, minute, second = date_time
    self._dos_time = ((year - 1980) << 25 | month << 21 | day << 16 | hour << 11 | minute << 5
                      | second // 2)
    raw.write(self._MARKER)
    raw.write(self._block(0x73, 0x0000, struct.pack('<HI', 0, 0)))  # Main header, reserved.

  @staticmethod
  def _block(head_type: int, flags: int, fields: bytes) -> bytes:
    body = struct.pack('<BHH', head_type, flags, 7 + len(fields)) + fields
    return struct.pack('<H', zlib.crc32(body) & 0xFFFF) + body

  def add(self, name: str, data: bytes | None = None) -> None:
    """Adds a file holding `data`, or a directory entry when `data` is None."""
    encoded = name.rstrip('/').replace('/', '\\').encode('ascii')
    payload = b'' if data is None else data
    fields = struct.pack(
        '<IIBIIBBHI', len(payload), len(payload), self._WIN32, zlib.crc32(payload),
        self._dos_time, self._UNPACK_VERSION if data is not None else 20, self._STORE,
        len(encoded), self._DIR_ATTR if data is None else self._ARCHIVE_ATTR) + encoded
    self._raw.write(self._block(0x74, self._DIR if data is None else self._FILE, fields))
    self._raw.write(payload)

  def close(self) -> None:
    self._raw.write(self._block(0x7B, 0x4000, b''))  # End of archive.


@contextlib.contextmanager
def write_rar(target: Target, *, date_time: DateTime) -> Iterator[RarWriter]:
  """Writes a RAR 4 archive of STORED members to a path or binary file (see `RarWriter`)."""
  with contextlib.ExitStack() as stack:
    raw = target if hasattr(target, 'write') else stack.enter_context(open(target, 'wb'))
    archive = RarWriter(raw, date_time)
    yield archive
    archive.close()


def image_bytes(pixels: np.ndarray, file_format: str, *, mode: str | None = None,
                **options) -> bytes:
  """`pixels` as an image file's bytes (converted to `mode` first); `options` go to PIL's save."""
  image = Image.fromarray(pixels)
  if mode is not None:
    image = image.convert(mode)
  buffer = io.BytesIO()
  image.save(buffer, file_format, **options)
  return buffer.getvalue()


def random_png(mode: str, shape: tuple[int, int], rng: np.random.Generator) -> bytes:
  """A PNG of random pixels in `mode`: 'L', 'RGB', 'RGBA' (opaque) or 'I;16' (12-bit values).

  The modes a medical-image archive mixes, which a builder must convert to the task's mode.
  """
  if mode == 'I;16':
    return image_bytes(rng.integers(0, 4096, shape, dtype=np.uint16), 'PNG')
  if mode in ('RGB', 'RGBA'):
    pixels = rng.integers(0, 256, (*shape, 3), dtype=np.uint8)
    return image_bytes(pixels, 'PNG', mode='RGBA' if mode == 'RGBA' else None)
  if mode == 'L':
    return image_bytes(rng.integers(0, 256, shape, dtype=np.uint8), 'PNG')
  raise ValueError(f'No random PNG of mode {mode!r}.')


# The 116-byte text of a MAT 5 header, where scipy writes the current time: fixed here.
_MAT_HEADER = b'MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: Thu Feb 14 12:00:00 2013'


def mat_bytes(variables: dict[str, np.ndarray]) -> bytes:
  """A MATLAB v5 file holding `variables` (`scipy.io.savemat`), with a fixed header."""
  import scipy.io  # pylint: disable=import-outside-toplevel  # Only the .mat generators.
  buffer = io.BytesIO()
  scipy.io.savemat(buffer, variables)
  return _MAT_HEADER.ljust(116) + buffer.getvalue()[116:]


_XLSX_NS = 'http://schemas.openxmlformats.org'


def xlsx_bytes(rows: list[tuple[str, ...]], *, date_time: DateTime) -> bytes:
  """A minimal one-sheet Office Open XML spreadsheet of string cells (at most 26 columns).

  For the metadata spreadsheets some archives ship beside their images: present in the fake
  so that a builder is seen to leave them out.
  """
  cells = ''.join(
      f'<row r="{r}">' + ''.join(
          f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{value}</t></is></c>'
          for c, value in enumerate(row)) + '</row>'
      for r, row in enumerate(rows, 1))
  rels = f'{_XLSX_NS}/package/2006/relationships'
  office = f'{_XLSX_NS}/officeDocument/2006/relationships'
  main = f'{_XLSX_NS}/spreadsheetml/2006/main'
  sheet_type = 'application/vnd.openxmlformats-officedocument.spreadsheetml'
  parts = {
      '[Content_Types].xml':
          f'<Types xmlns="{_XLSX_NS}/package/2006/content-types">'
          '<Default Extension="rels" '
          'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          f'<Override PartName="/xl/workbook.xml" ContentType="{sheet_type}.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" '
          f'ContentType="{sheet_type}.worksheet+xml"/></Types>',
      '_rels/.rels':
          f'<Relationships xmlns="{rels}"><Relationship Id="rId1" '
          f'Type="{office}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      'xl/workbook.xml':
          f'<workbook xmlns="{main}" xmlns:r="{office}"><sheets>'
          '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels':
          f'<Relationships xmlns="{rels}"><Relationship Id="rId1" '
          f'Type="{office}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml':
          f'<worksheet xmlns="{main}"><sheetData>{cells}</sheetData></worksheet>',
  }
  buffer = io.BytesIO()
  with write_zip(buffer, date_time=date_time,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    for name, xml in parts.items():
      archive.add(name, ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                         + xml).encode())
  return buffer.getvalue()
