"""Writes dummy_data/T01-T05.zip ... T21-T25.zip: the real zips' layout with tiny JPEGs.

Each real zip holds five top-level texture folders `T<nn>_<name>/` (with directory entries),
each with 40 grayscale 640x480 JPEGs `T<nn>_<kk>.jpg` (kk = 01..40). The fake zips hold the
first texture folder of their range (T01_bark1, T06_wood3, ...) with 3 grayscale 8x8 JPEGs.

Run: python -m nevis_datasets.tasks.uiuc_texture.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.uiuc_texture import uiuc_texture

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_DATE = (2005, 3, 1, 0, 0, 0)
_IMAGES = (1, 2, 40)


def main() -> None:
  rng = np.random.default_rng(0)
  for number, name in enumerate(uiuc_texture.ZIPS):
    folder = uiuc_texture.CLASS_NAMES[5 * number]
    with fake_archives.write_zip(_DIR / name, date_time=_DATE,
                                 compression=zipfile.ZIP_DEFLATED) as archive:
      archive.add(f'{folder}/')
      for image in _IMAGES:
        pixels = rng.integers(0, 256, (8, 8), dtype=np.uint8)
        archive.add(f'{folder}/{folder[:3]}_{image:02d}.jpg',
                    fake_archives.image_bytes(pixels, 'JPEG', quality=50))


if __name__ == '__main__':
  main()
