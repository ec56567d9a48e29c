"""Writes dummy_data/256_ObjectCategories.tar: the real archive's layout with tiny JPEGs.

The real tar holds `256_ObjectCategories/<NNN>.<name>/<NNN>_<MMMM>.jpg` in 257 numbered
folders, with directory entries, and a few members that are not images (`198.spider/RENAME2`,
Windows `Thumbs.db` files). The fake one has 13 of the folders, under their real numbers: the
10 Caltech classes of Office-Caltech-10 (so that office_caltech_10's test uses the same tar),
`001.ak47`, `198.spider` (with its `RENAME2`) and `257.clutter`, 3 images each (8x8 random
JPEGs; the first `001.ak47` image is grayscale, as some real ones are), and one `Thumbs.db`.

office_caltech_10's generator writes its own identical copy with `write_tar`.

Run: python -m nevis_datasets.tasks.caltech256.dummy_data_generation
"""

import os
import pathlib

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.caltech256 import caltech256

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / '256_ObjectCategories.tar'
# Folder numbers: ak47, backpack, calculator, coffee-mug, computer-keyboard, computer-monitor,
# computer-mouse, spider, head-phones, laptop-101, touring-bike, video-projector, clutter.
FOLDERS = (1, 3, 27, 41, 45, 46, 47, 101, 127, 198, 224, 238, 257)
IMAGES_PER_FOLDER = 3
_MTIME = 1_170_000_000  # Fixed, so the archive is byte-for-byte reproducible.


def _jpeg(rng: np.random.Generator, grayscale: bool = False) -> bytes:
  pixels = rng.integers(0, 256, (8, 8) if grayscale else (8, 8, 3), dtype=np.uint8)
  return fake_archives.image_bytes(pixels, 'JPEG')


def write_tar(path: os.PathLike) -> None:
  """Writes the fake 256_ObjectCategories.tar to `path`."""
  rng = np.random.default_rng(0)
  with fake_archives.write_tar(path, mtime=_MTIME) as archive:
    archive.add('256_ObjectCategories/')
    for number in FOLDERS:
      folder = f'256_ObjectCategories/{number:03d}.{caltech256.CLASS_NAMES[number - 1]}'
      archive.add(f'{folder}/')
      for i in range(1, IMAGES_PER_FOLDER + 1):
        archive.add(f'{folder}/{number:03d}_{i:04d}.jpg', _jpeg(rng, grayscale=number == i == 1))
      if number == 198:
        archive.add(f'{folder}/RENAME2', b'')
      if number == 3:
        archive.add(f'{folder}/Thumbs.db', b'\xd0\xcf\x11\xe0 not really a thumbnail cache')


def main() -> None:
  write_tar(_OUT)


if __name__ == '__main__':
  main()
