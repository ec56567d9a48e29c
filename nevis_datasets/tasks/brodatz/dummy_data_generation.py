"""Writes dummy_data/D1.gif, D10.gif and D112.gif: tiny random grayscale GIFs.

The real files are 640x640 grayscale GIFs, one per texture. The fake ones are small, and of
different sizes: one with sides divisible by 3 (18x18) and two without (20x17, 16x19). The
builder test downloads only these three (see brodatz_test.py).

Run: python -m nevis_datasets.tasks.brodatz.dummy_data_generation
"""

import pathlib

import numpy as np
from PIL import Image

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
SIZES = {'D1.gif': (20, 17), 'D10.gif': (18, 18), 'D112.gif': (16, 19)}  # (width, height).


def main() -> None:
  rng = np.random.default_rng(0)
  for name, (width, height) in SIZES.items():
    pixels = rng.integers(0, 256, (height, width), dtype=np.uint8)
    Image.fromarray(pixels, 'L').save(_DIR / name, 'GIF')


if __name__ == '__main__':
  main()
