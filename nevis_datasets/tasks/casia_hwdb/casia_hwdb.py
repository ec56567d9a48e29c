"""CASIA-HWDB1.1: offline handwritten Chinese characters (3755 GB2312 level-1 + 171 symbols).

Three zips, `Gnt1.1TrainPart1.zip`, `Gnt1.1TrainPart2.zip` (the training writers) and
`Gnt1.1Test.zip` (the test writers), hold one `.gnt` file per writer (300 writers, about 3,900
characters each, 1,172,907 in all). A .gnt file is a sequence of records: uint32 LE total
length, a 2-byte GB2312 tag code, uint16 LE width, uint16 LE height, then width*height uint8
pixels (white background); the length must be width*height+10. Every length field is checked
(`scan_records`): a bad record stops the build with the zip, the member and the byte offset.

Labels: the 3926 class names are not listed anywhere public (the 171 symbols are only known from
the data), so `_examples` first walks every record's header to collect the tags, then names the
classes in GB2312 code order (the tag as a big-endian integer): a tag's name is its character
(`gb2312`), or `0x<code>` for a tag that does not decode to one printable character. Images are
255 - pixels (background 0), grayscale, at their own size. The records of a member cannot be
reached one by one (they sit in a deflated zip member), so each member is one
`toolkit.ExampleGroup`, read and decoded by a Beam worker. Splits (`splits.TRAIN_TEST`): the
training zips are divided 0.7/0.15/0.15 into train/dev/dev_test by a hash of the key
`<zip>/<member>/<record index>`; the test zip is test.

Differences from the reference (see README.md): class ids by GB2312 code (the reference numbered
`list(set(labels))`, an order that changes from process to process); undecodable tags named by
their hex code (the reference used the raw bytes); hashed train/dev/dev_test instead of a seeded
draw in reading order; every record validated with a clear error instead of `assert`.
"""

from __future__ import annotations

import dataclasses
import struct
from collections.abc import Iterable, Iterator

from absl import logging
import numpy as np

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

TASK = 'casia_hwdb'
_BASE_URL = 'http://www.nlpr.ia.ac.cn/databases/Download/Offline/CharData/'
# Zip (the catalog file name) -> its source split.
ARCHIVES = (
    ('Gnt1.1TrainPart1.zip', 'train'),
    ('Gnt1.1TrainPart2.zip', 'train'),
    ('Gnt1.1Test.zip', 'test'),
)
GNT_SUFFIX = '.gnt'

# A record's header: total length, tag code, width, height (little-endian but the tag).
HEADER = struct.Struct('<I2sHH')
# What `scan_records` gives per record: where its header starts, its tag (big-endian code) and
# its image size.
RECORD_DTYPE = np.dtype([('offset', '<i8'), ('code', '<u2'), ('width', '<u2'),
                         ('height', '<u2')])


def scan_records(data: bytes, where: str) -> np.ndarray:
  """The records of a .gnt file's bytes (`RECORD_DTYPE`), every length field checked.

  Args:
    data: the whole .gnt file.
    where: the file, as the user knows it (e.g. `1001-c.gnt in Gnt1.1Test.zip`), for messages.

  Raises:
    ValueError: naming `where` and the byte offset of the first bad record: a header cut off
      by the end of the file, a zero-size image, a length other than width*height+10, or a
      record running past the end of the file; or a file without records.
  """
  end = len(data)
  if not end:
    raise ValueError(f'{where} is empty: a .gnt file holds at least one character record')
  rows = []
  offset = 0
  unpack = HEADER.unpack_from
  while offset < end:
    at = f'{where}, record {len(rows)} at byte offset {offset}'
    if end - offset < HEADER.size:
      raise ValueError(f'{at}: truncated: {end - offset} byte(s) left, fewer than the '
                       f'{HEADER.size}-byte record header')
    length, tag, width, height = unpack(data, offset)
    if not width or not height:
      raise ValueError(f'{at}: zero-size image ({width}x{height})')
    if length != width * height + HEADER.size:
      raise ValueError(f'{at}: length field {length}, but a {width}x{height} image makes a '
                       f'record of {width * height + HEADER.size} bytes')
    if offset + length > end:
      raise ValueError(f'{at}: the {length}-byte record runs past the end of the file '
                       f'({end} bytes): truncated')
    rows.append((offset, int.from_bytes(tag, 'big'), width, height))
    offset += length
  return np.array(rows, dtype=RECORD_DTYPE)


def record_image(data: bytes, record: np.void) -> np.ndarray:
  """A record's image: 255 - its pixels (ink bright on a 0 background), height x width uint8."""
  width, height = int(record['width']), int(record['height'])
  pixels = np.frombuffer(data, np.uint8, count=width * height,
                         offset=int(record['offset']) + HEADER.size)
  return 255 - pixels.reshape(height, width)


def class_name(code: int) -> str:
  """The class name of a tag code: its GB2312 character, else `0x<4 hex digits>`.

  The hex form covers tags that are not GB2312 (the reference mentions some) and tags that
  decode to anything but one printable, non-blank character (TFDS stores class names one a
  line, stripped: a blank or control character would not survive).
  """
  try:
    name = code.to_bytes(2, 'big').decode('gb2312')
  except UnicodeDecodeError:
    name = ''
  if len(name) == 1 and name.isprintable() and not name.isspace():
    return name
  return f'0x{code:04X}'


def class_names(codes: Iterable[int]) -> list[str]:
  """The names of the tag codes found, in code order (label ids)."""
  return [class_name(code) for code in sorted(set(codes))]


def gnt_members(archive: str, zip_name: str) -> list[toolkit.archives.ZipMember]:
  """The .gnt members of a zip, sorted by name; other members are logged and left out.

  Raises:
    ValueError: the zip holds no .gnt file.
  """
  members = toolkit.archives.zip_members(archive)
  gnt = [m for m in members if m.name.lower().endswith(GNT_SUFFIX)]
  for member in members:
    if member not in gnt:
      logging.info('[%s] %s in %s is not a .gnt file: not used.', TASK, member.name, zip_name)
  if not gnt:
    raise ValueError(f'{zip_name} holds no .gnt file ({len(members)} other member(s))')
  return gnt


@dataclasses.dataclass(frozen=True)
class GntReader:
  """Reads one .gnt member where its examples are encoded (a Beam worker): picklable.

  Attributes:
    archive: the zip's path.
    zip_name: the zip's catalog file name (first part of the keys, and messages).
    member: the .gnt member's name in the zip.
    source_split: the zip's source split.
  """

  archive: str
  zip_name: str
  member: str
  source_split: str

  def __call__(self) -> Iterator[toolkit.Example]:
    data = toolkit.archives.ZipMember(self.archive, self.member).read()
    try:
      records = scan_records(data, f'{self.member} in {self.zip_name}')
    except ValueError as e:  # It passed when listed: the file changed during the build.
      raise toolkit.CorruptDataError(
          f'[{TASK}] {e}. {self.archive} changed during the build (it was valid when listed); '
          'replace it with a good copy and build again.') from e
    names: dict[int, str] = {}
    for index, record in enumerate(records):
      code = int(record['code'])
      if code not in names:
        names[code] = class_name(code)
      yield toolkit.Example(key=f'{self.zip_name}/{self.member}/{index}',
                            image=record_image(data, record), label=names[code],
                            source_split=self.source_split)


class CasiaHwdb(toolkit.TaskBuilder):
  """CASIA-HWDB1.1 from its three zips of .gnt files; class names discovered from the tags."""

  TASK = TASK
  CLASS_NAMES = None  # Discovered: `set_class_names` in `_examples`.
  GRAYSCALE = True
  SPLIT_RULE = splits.TRAIN_TEST
  # 1.17M records in ~3 GB of .gnt files: Beam workers read and decode the members.
  USE_BEAM = True

  def _examples(self, dl_manager) -> Iterator[toolkit.ExampleGroup]:
    readers: list[GntReader] = []
    codes: set[int] = set()
    total = 0
    for zip_name, source_split in ARCHIVES:
      archive = str(self.download(dl_manager, _BASE_URL + zip_name))  # Read in place.
      with self.expected_content(zip_name):
        for member in gnt_members(archive, zip_name):
          # The header-only pass: every record's length checked here, before any worker starts.
          records = scan_records(member.read(), f'{member.name} in {zip_name}')
          codes.update(np.unique(records['code']).tolist())
          total += len(records)
          readers.append(GntReader(archive, zip_name, member.name, source_split))
    self.set_class_names(class_names(codes))
    logging.info('[%s] %d characters of %d classes in %d .gnt files.', self.TASK, total,
                 len(codes), len(readers))
    for reader in readers:
      yield toolkit.ExampleGroup(key=f'{reader.zip_name}/{reader.member}', read=reader)
