"""Writes dummy_data/D<n>.gif for the 111 textures: tiny random grayscale GIFs.

The real files are 640x640 grayscale GIFs, one per texture. The fake ones are small. The builder
test downloads only three of them, of different sizes: one with sides divisible by 3 (18x18) and
two without (20x17, 16x19) (see brodatz_test.py); the other 108 are 6x6, so that the whole task
also builds from this folder as a manual dir (`tfds build ... --manual_dir dummy_data`).

Run: python -m nevis_datasets.tasks.brodatz.dummy_data_generation
"""

import pathlib

import numpy as np
from PIL import Image

from nevis_datasets import catalog
from nevis_datasets.tasks.brodatz import brodatz

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
SIZES = {'D1.gif': (20, 17), 'D10.gif': (18, 18), 'D112.gif': (16, 19)}  # (width, height).


_OTHER_SIZE = (6, 6)


def main() -> None:
  rng = np.random.default_rng(0)
  for name, (width, height) in SIZES.items():
    pixels = rng.integers(0, 256, (height, width), dtype=np.uint8)
    Image.fromarray(pixels, 'L').save(_DIR / name, 'GIF')
  others = np.random.default_rng(1)
  for url in brodatz._URLS:  # pylint: disable=protected-access
    name = catalog.url_file_name(url)
    if name not in SIZES:
      pixels = others.integers(0, 256, _OTHER_SIZE[::-1], dtype=np.uint8)
      Image.fromarray(pixels, 'L').save(_DIR / name, 'GIF')


if __name__ == '__main__':
  main()
