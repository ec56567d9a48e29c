"""Writes dummy_data/food-101.tar.gz: the real archive's layout with tiny random JPEGs.

Three classes (one of them `cheese_plate`, whose id depends on the sort rule, see README.md),
7 images each: 5 listed in meta/train.txt, 2 in meta/test.txt. meta/classes.txt and
meta/labels.txt list all 101 classes, like the real ones. The builder reads only the images and
the two split lists.

Run: python -m nevis_datasets.tasks.food101.dummy_data_generation
"""

import gzip
import io
import pathlib
import tarfile

import numpy as np
from PIL import Image

from nevis_datasets.tasks.food101 import food101

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'food-101.tar.gz'
_CLASSES = ('apple_pie', 'cheese_plate', 'waffles')
_TRAIN_IDS = range(100001, 100006)
_TEST_IDS = range(100006, 100008)
_MTIME = 1_400_000_000  # Fixed, so the archive is byte-for-byte reproducible.


def _add(archive: tarfile.TarFile, name: str, data: bytes | None = None) -> None:
  info = tarfile.TarInfo(name)
  info.mtime = _MTIME
  if data is None:
    info.type = tarfile.DIRTYPE
    info.mode = 0o755
    archive.addfile(info)
  else:
    info.size = len(data)
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


def _jpeg(rng: np.random.Generator) -> bytes:
  buffer = io.BytesIO()
  Image.fromarray(rng.integers(0, 256, (8, 8, 3), dtype=np.uint8), 'RGB').save(buffer, 'JPEG')
  return buffer.getvalue()


def _lines(items) -> bytes:
  return ''.join(f'{item}\n' for item in items).encode()


def main() -> None:
  rng = np.random.default_rng(0)
  # The real classes.txt is in locale order (underscores ignored: 'cheesecake' < 'cheese_plate').
  classes = sorted(food101.Food101.CLASS_NAMES, key=lambda name: name.replace('_', ''))
  with open(_OUT, 'wb') as raw, \
      gzip.GzipFile(filename='', mode='wb', fileobj=raw, mtime=_MTIME) as compressed, \
      tarfile.open(fileobj=compressed, mode='w', format=tarfile.USTAR_FORMAT) as archive:
    _add(archive, 'food-101/')
    _add(archive, 'food-101/images/')
    for name in _CLASSES:
      _add(archive, f'food-101/images/{name}/')
      for image_id in (*_TRAIN_IDS, *_TEST_IDS):
        _add(archive, f'food-101/images/{name}/{image_id}.jpg', _jpeg(rng))
    _add(archive, 'food-101/meta/')
    _add(archive, 'food-101/meta/classes.txt', _lines(classes))
    _add(archive, 'food-101/meta/labels.txt',
         _lines(name.replace('_', ' ').capitalize() for name in classes))
    _add(archive, 'food-101/meta/train.txt',
         _lines(f'{name}/{i}' for name in _CLASSES for i in _TRAIN_IDS))
    _add(archive, 'food-101/meta/test.txt',
         _lines(f'{name}/{i}' for name in _CLASSES for i in _TEST_IDS))


if __name__ == '__main__':
  main()
