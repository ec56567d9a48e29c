"""Writes dummy_data/Aberdeen.zip: the real archive's layout with tiny random images.

The real archive holds JPEGs at its top level, named `<person><n>.jpg`. The fake one has plain
names (`neil`, `jenni`, `kay`, `lisa`, `dave_faquhar`, the last id), a name with an underscore
(`anon_one`), and the aliases `neilg` -> `neil`, `kayg` -> `kay`, `clean_adrian` -> `adrian`
and `jsheenang` -> `jsheenan`. One image is grayscale (converted to RGB) and the archive holds
a Thumbs.db (ignored).

Run: python -m nevis_datasets.tasks.aberdeen.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'Aberdeen.zip'
_FILES = (
    'neil1', 'neil2', 'neilg1', 'neilg2', 'jenni1', 'jenni2', 'jenni3', 'adrian1',
    'clean_adrian1', 'clean_adrian2', 'jsheenan1', 'jsheenang1', 'jsheenang2', 'anon_one1',
    'anon_one2', 'dave_faquhar1', 'dave_faquhar2', 'dave_faquhar3', 'kay1', 'kayg2', 'kayg3',
    'lisa5',
)
_TIMESTAMP = (1992, 1, 1, 0, 0, 0)


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_zip(_OUT, date_time=_TIMESTAMP) as archive:
    for name in _FILES:
      shape = (6, 5) if name == 'jenni3' else (6, 5, 3)
      pixels = rng.integers(0, 256, shape, dtype=np.uint8)
      archive.add(f'{name}.jpg', fake_archives.image_bytes(pixels, 'JPEG'))
    archive.add('Thumbs.db', b'not an image')


if __name__ == '__main__':
  main()
