"""Writes dummy_data/scene_categories.zip: the real archive's layout with tiny images.

The real archive holds 4485 grayscale JPEGs as `<class>/image_<NNNN>.jpg` in 15 top-level
class folders (with directory entries). The fake one has 2 images (8x8 grayscale JPEGs) per
class.

Run: python -m nevis_datasets.tasks.scenes15.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.scenes15 import scenes15

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'scene_categories.zip'
_TIMESTAMP = (2006, 1, 1, 0, 0, 0)


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_zip(_OUT, date_time=_TIMESTAMP) as archive:
    for name in sorted(scenes15.CLASS_NAMES):
      archive.add(f'{name}/')
      for number in (1, 2):
        pixels = rng.integers(0, 256, (8, 8), dtype=np.uint8)
        archive.add(f'{name}/image_{number:04d}.jpg',
                    fake_archives.image_bytes(pixels, 'JPEG', quality=50))


if __name__ == '__main__':
  main()
