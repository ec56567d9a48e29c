"""Writes dummy_data/spatial_envelope_256x256_static_8outdoorcategories.zip with tiny images.

The real archive holds 2688 256x256 JPEGs named `<class>_<source><number>.jpg` (e.g.
`coast_arnat59.jpg`) in one folder. The fake one has 3 images per class (8x8 JPEGs), plus a
Thumbs.db and a text file, neither of which is an image.

Run: python -m nevis_datasets.tasks.scenes8.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.scenes8 import scenes8

_OUT = (pathlib.Path(__file__).parent / 'dummy_data' /
        'spatial_envelope_256x256_static_8outdoorcategories.zip')
_FOLDER = 'spatial_envelope_256x256_static_8outdoorcategories'
_SOURCES = ('art', 'n', 'urb')
_TIMESTAMP = (2007, 1, 1, 0, 0, 0)


def main() -> None:
  rng = np.random.default_rng(0)
  members = {}
  for name in scenes8.CLASS_NAMES:
    for index, source in enumerate(_SOURCES):
      pixels = rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)
      members[f'{_FOLDER}/{name}_{source}{100 + index}.jpg'] = fake_archives.image_bytes(
          pixels, 'JPEG', quality=50)
  members[f'{_FOLDER}/Thumbs.db'] = b'not an image'
  members[f'{_FOLDER}/notes.txt'] = b'not an image either\n'
  with fake_archives.write_zip(_OUT, date_time=_TIMESTAMP) as archive:
    archive.add(f'{_FOLDER}/')
    for name in sorted(members):
      archive.add(name, members[name])


if __name__ == '__main__':
  main()
