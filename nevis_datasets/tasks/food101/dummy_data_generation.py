"""Writes dummy_data/food-101.tar.gz: the real archive's layout with tiny random JPEGs.

Three classes (one of them `cheese_plate`, whose id depends on the sort rule, see README.md),
7 images each: 5 listed in meta/train.txt, 2 in meta/test.txt. meta/classes.txt and
meta/labels.txt list all 101 classes, like the real ones. The builder reads only the images and
the two split lists.

Run: python -m nevis_datasets.tasks.food101.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.food101 import food101

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'food-101.tar.gz'
_CLASSES = ('apple_pie', 'cheese_plate', 'waffles')
_TRAIN_IDS = range(100001, 100006)
_TEST_IDS = range(100006, 100008)
_MTIME = 1_400_000_000  # Fixed, so the archive is byte-for-byte reproducible.


def _jpeg(rng: np.random.Generator) -> bytes:
  return fake_archives.image_bytes(rng.integers(0, 256, (8, 8, 3), dtype=np.uint8), 'JPEG')


def _lines(items) -> bytes:
  return ''.join(f'{item}\n' for item in items).encode()


def main() -> None:
  rng = np.random.default_rng(0)
  # The real classes.txt is in locale order (underscores ignored: 'cheesecake' < 'cheese_plate').
  classes = sorted(food101.Food101.CLASS_NAMES, key=lambda name: name.replace('_', ''))
  with fake_archives.write_tar(_OUT, mtime=_MTIME, gzip=True) as archive:
    archive.add('food-101/')
    archive.add('food-101/images/')
    for name in _CLASSES:
      archive.add(f'food-101/images/{name}/')
      for image_id in (*_TRAIN_IDS, *_TEST_IDS):
        archive.add(f'food-101/images/{name}/{image_id}.jpg', _jpeg(rng))
    archive.add('food-101/meta/')
    archive.add('food-101/meta/classes.txt', _lines(classes))
    archive.add('food-101/meta/labels.txt',
         _lines(name.replace('_', ' ').capitalize() for name in classes))
    archive.add('food-101/meta/train.txt',
         _lines(f'{name}/{i}' for name in _CLASSES for i in _TRAIN_IDS))
    archive.add('food-101/meta/test.txt',
         _lines(f'{name}/{i}' for name in _CLASSES for i in _TEST_IDS))


if __name__ == '__main__':
  main()
