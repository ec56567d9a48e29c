"""Writes dummy_data/sketches_png.zip: the real archive's layout with tiny sketches.

The real archive holds `png/<class>/<n>.png` for 250 class folders, 80 sketches each, numbered
1..20000 across the classes (as far as known: `airplane` 1-80, `alarm clock` 81-160, ...),
plus `png/filelist.txt` (one `<class>/<n>.png` per line), with directory entries. The fake one
has 8 sketches (32x32 grayscale PNGs: dark strokes on white, instead of 1111x1111) in each of 3
classes, numbered as in the real archive, and the file list.

Run: python -m nevis_datasets.tasks.sketch.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.sketch import sketch

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'sketches_png.zip'
_DATE = (2012, 4, 1, 0, 0, 0)
_CLASSES = ('airplane', 'bear (animal)', 'zebra')  # Ids 0, 15, 249.
_PER_CLASS = 8  # 80 in the real archive.
_REAL_PER_CLASS = 80
_SIDE = 32


def _sketch(rng: np.random.Generator) -> np.ndarray:
  pixels = np.full((_SIDE, _SIDE), 255, dtype=np.uint8)
  for _ in range(4):  # A few dark strokes.
    row, col = rng.integers(0, _SIDE, 2)
    length = rng.integers(4, _SIDE // 2)
    if rng.integers(2):
      pixels[row, col:col + length] = 0
    else:
      pixels[row:row + length, col] = 0
  return pixels


def main() -> None:
  rng = np.random.default_rng(0)
  listed = []
  with fake_archives.write_zip(_OUT, date_time=_DATE, compression=zipfile.ZIP_DEFLATED) as archive:
    archive.add('png/')
    for name in _CLASSES:
      archive.add(f'png/{name}/')
      first = sketch.CLASS_NAMES.index(name) * _REAL_PER_CLASS + 1
      for number in range(first, first + _PER_CLASS):
        archive.add(f'png/{name}/{number}.png',
                    fake_archives.image_bytes(_sketch(rng), 'PNG'))
        listed.append(f'{name}/{number}.png')
    archive.add('png/filelist.txt', ('\n'.join(listed) + '\n').encode())


if __name__ == '__main__':
  main()
