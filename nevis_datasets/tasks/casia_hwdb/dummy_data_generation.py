"""Writes dummy_data/: fake CASIA-HWDB1.1 zips of .gnt files, in the real layout.

The real `Gnt1.1TrainPart1.zip`, `Gnt1.1TrainPart2.zip` and `Gnt1.1Test.zip` hold one .gnt file
per writer (e.g. `1001-c.gnt`; writers 1001-1240 train, 1241-1300 test), each a sequence of
records: uint32 LE length (width*height+10), 2-byte GB2312 tag, uint16 LE width, uint16 LE
height, width*height uint8 pixels (white 255 background, dark ink). Here: two .gnt files per
zip, 3x3 to 6x6 random characters of 6 tags, in code order: 0xA2A1 (not GB2312: named by its
code), the symbol '！' (0xA3A1), '啊' (0xB0A1), '阿' (0xB0A2), '国' (0xB9FA), '中' (0xD6D0).
Each training file has every tag twice (12 records), each test file once (6).

`write_source` also writes large fake sets, with every one of the 3926 classes, for
bench/casia_beam_build.py.

Run: python -m nevis_datasets.tasks.casia_hwdb.dummy_data_generation
"""

from __future__ import annotations

import pathlib
import zipfile
from collections.abc import Sequence

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.casia_hwdb import casia_hwdb

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_DATE = (2011, 5, 1, 0, 0, 0)  # Fixed, so the archives are byte-for-byte reproducible.
DUMMY_CODES = (0xA2A1, 0xA3A1, 0xB0A1, 0xB0A2, 0xB9FA, 0xD6D0)
# Writer numbers of the fake .gnt files, per zip.
_WRITERS = {'Gnt1.1TrainPart1.zip': (1001, 1002), 'Gnt1.1TrainPart2.zip': (1121, 1122),
            'Gnt1.1Test.zip': (1241, 1242)}


def gnt_record(code: int, pixels: np.ndarray) -> bytes:
  """One .gnt record of a uint8 height x width image, in the file's own form (255 = paper)."""
  height, width = pixels.shape
  return (casia_hwdb.HEADER.pack(width * height + casia_hwdb.HEADER.size,
                                 code.to_bytes(2, 'big'), width, height)
          + np.ascontiguousarray(pixels, np.uint8).tobytes())


def all_codes() -> list[int]:
  """3926 codes, as many as the real classes: the 3755 GB2312 level-1 characters and the first
  171 GB2312 symbols (the real 171 are not listed anywhere; these stand in for them)."""
  def decodable(first_bytes: range) -> list[int]:
    codes = []
    for high in first_bytes:
      for low in range(0xA1, 0xFF):
        try:
          bytes((high, low)).decode('gb2312')
        except UnicodeDecodeError:
          continue
        codes.append(high << 8 | low)
    return codes

  level1 = decodable(range(0xB0, 0xD8))
  symbols = [c for c in decodable(range(0xA1, 0xAA))
             if casia_hwdb.class_name(c) != f'0x{c:04X}'][:171]
  return symbols + level1


def _character(rng: np.random.Generator, sizes: tuple[int, int], strokes: int) -> np.ndarray:
  """A fake character: white paper with `strokes` dark bars (none where `strokes` is 0)."""
  height, width = rng.integers(sizes[0], sizes[1] + 1, size=2)
  if not strokes:
    return rng.integers(0, 256, (height, width), dtype=np.uint8)
  pixels = np.full((height, width), 255, np.uint8)
  for _ in range(strokes):
    top, left = rng.integers(0, height), rng.integers(0, width)
    thick, long = rng.integers(2, 6), rng.integers(height // 3, height)
    box = (slice(top, top + long), slice(left, left + thick)) if rng.random() < 0.5 else (
        slice(top, top + thick), slice(left, left + long))
    pixels[box] = rng.integers(0, 120)
  return pixels


def write_source(directory: pathlib.Path, *, codes: Sequence[int],
                 writers: dict[str, Sequence[int]], records_per_writer: int,
                 sizes: tuple[int, int] = (3, 6), strokes: int = 0, seed: int = 0) -> int:
  """Writes the three zips into `directory`; returns the number of characters written.

  Each .gnt file `<writer>-c.gnt` holds `records_per_writer` characters, their tags cycling
  through `codes` (from an offset per file, so that every code appears when there are more
  codes than records per file), of random sizes within `sizes`: random noise, or white paper
  with dark bars when `strokes` is given.
  """
  rng = np.random.default_rng(seed)
  directory.mkdir(parents=True, exist_ok=True)
  total = 0
  for zip_name, _ in casia_hwdb.ARCHIVES:
    with fake_archives.write_zip(directory / zip_name, date_time=_DATE,
                                 compression=zipfile.ZIP_DEFLATED) as archive:
      for writer in writers[zip_name]:
        start = total % len(codes)
        records = [gnt_record(codes[(start + i) % len(codes)], _character(rng, sizes, strokes))
                   for i in range(records_per_writer)]
        archive.add(f'{writer}-c.gnt', b''.join(records))
        total += records_per_writer
  return total


def write_large(directory: pathlib.Path, num_characters: int, *, writers_per_zip: int = 4,
                seed: int = 0) -> int:
  """A benchmark-sized fake set: at least `num_characters` 32..96 px characters of all 3926
  classes, in 3 x `writers_per_zip` .gnt files; returns the number written."""
  files = 3 * writers_per_zip
  per_writer = -(-num_characters // files)
  writers = {zip_name: range(1001 + i * writers_per_zip, 1001 + (i + 1) * writers_per_zip)
             for i, (zip_name, _) in enumerate(casia_hwdb.ARCHIVES)}
  return write_source(directory, codes=all_codes(), writers=writers,
                      records_per_writer=per_writer, sizes=(32, 96), strokes=6, seed=seed)


def main() -> None:
  # Each file starts its cycle at code 0: training files hold 12 records (each tag twice),
  # test files 6 (each tag once).
  rng = np.random.default_rng(0)
  _DIR.mkdir(exist_ok=True)
  for zip_name, source_split in casia_hwdb.ARCHIVES:
    repeats = 2 if source_split == 'train' else 1
    with fake_archives.write_zip(_DIR / zip_name, date_time=_DATE,
                                 compression=zipfile.ZIP_DEFLATED) as archive:
      for writer in _WRITERS[zip_name]:
        records = [gnt_record(code, _character(rng, (3, 6), 0))
                   for code in DUMMY_CODES * repeats]
        archive.add(f'{writer}-c.gnt', b''.join(records))


if __name__ == '__main__':
  main()
