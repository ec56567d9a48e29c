"""Writes dummy_data/non_rigid_shape_{A,B}.zip: the real zips' layout with tiny silhouettes.

Each real zip holds `non_rigid_shape_<X>/<class>/<class><n>.tif` (binary TIFF silhouettes,
100 per class, 2000 in all), its root folder's entry first, then one entry per class folder.
The fake ones hold 10 classes each, 3 binary 8x8 TIFFs per class. The class folders are the 20
animals of the paper (as `<animal>` folder names: `deer` and `cow` are in `non_rigid_shape_A`
and one folder is spelt `dolphine`, per third-party scripts; the other names and the division
of the classes between the zips are made up here).

Run: python -m nevis_datasets.tasks.animal.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_DATE_TIME = (2009, 1, 1, 0, 0, 0)  # Fixed, so the zips are byte-for-byte reproducible.
CLASSES = {
    'non_rigid_shape_A': ('bird', 'butterfly', 'cat', 'cow', 'crocodile', 'deer', 'dog',
                          'dolphine', 'duck', 'elephant'),
    'non_rigid_shape_B': ('fish', 'flyingbird', 'hen', 'horse', 'leopard', 'monkey', 'rabbit',
                          'rat', 'spider', 'tortoise'),
}
_NUMBERS = (1, 18, 100)  # Image numbers in the file names.


def main() -> None:
  rng = np.random.default_rng(0)
  for root, classes in CLASSES.items():
    with fake_archives.write_zip(_DIR / f'{root}.zip', date_time=_DATE_TIME,
                                 compression=zipfile.ZIP_DEFLATED) as archive:
      archive.add(root)
      for name in classes:
        archive.add(f'{root}/{name}')
        for number in _NUMBERS:
          pixels = (rng.integers(0, 2, (8, 8)) * 255).astype(np.uint8)
          archive.add(f'{root}/{name}/{name}{number}.tif',
                      fake_archives.image_bytes(pixels, 'TIFF', mode='1'))


if __name__ == '__main__':
  main()
