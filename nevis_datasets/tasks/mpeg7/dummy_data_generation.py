"""Writes dummy_data/MPEG7dataset.zip: the real archive's layout with tiny random silhouettes.

Shapes are `original/<class>-<n>.gif` (1-bit or 8-bit GIFs), with the six extra files the
reference skips (`confusions.*`, `shapedata.*`) and a directory entry (ignored).

Run: python -m nevis_datasets.tasks.mpeg7.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'MPEG7dataset.zip'
_DIR = 'original'
# Classes at both ends of the sorted list, and an upper-case one.
_SHAPES = {'Bone': 4, 'HCircle': 3, 'apple': 4, 'lizzard': 4, 'watch': 5}
_EXTRAS = ('confusions.gif', 'confusions.eps', 'confusions.fig', 'shapedata.gif',
           'shapedata.eps', 'shapedata.fig')
_TIMESTAMP = (2001, 1, 1, 0, 0, 0)


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_zip(_OUT, date_time=_TIMESTAMP) as archive:
    archive.add(f'{_DIR}/')
    for name, count in _SHAPES.items():
      for n in range(1, count + 1):
        pixels = (rng.integers(0, 2, (7, 6)) * 255).astype(np.uint8)
        archive.add(f'{_DIR}/{name}-{n}.gif',
                    fake_archives.image_bytes(pixels, 'GIF', mode='1' if n % 2 else 'L'))
    for name in _EXTRAS:
      data = (fake_archives.image_bytes(np.zeros((4, 4), np.uint8), 'GIF', mode='L')
              if name.endswith('.gif') else b'not a shape')
      archive.add(f'{_DIR}/{name}', data)


if __name__ == '__main__':
  main()
