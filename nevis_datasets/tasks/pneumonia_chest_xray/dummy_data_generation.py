"""Writes dummy_data/chest-xray-pneumonia.zip: the Kaggle archive's layout, tiny images.

The real archive holds the 5,856 JPEGs of `chest_xray/{train,val,test}/{NORMAL,PNEUMONIA}/`
twice: at `chest_xray/` and as a nested copy of the same tree at `chest_xray/chest_xray/`
(with `.DS_Store` files), plus macOS resource forks under `chest_xray/__MACOSX/`. Most JPEGs are
8-bit grayscale, a few are RGB. The fake one has, in the nested copy, 12 training images
(5 NORMAL, 7 PNEUMONIA, with the real naming schemes), 2 `val` and 4 `test` images, among them
an RGB JPEG (the builder must store it as grayscale); the same files again at `chest_xray/`, and
the `.DS_Store` and `__MACOSX` leftovers (none of which may be used).

Run: python -m nevis_datasets.tasks.pneumonia_chest_xray.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'chest-xray-pneumonia.zip'
_DATE = (2018, 3, 24, 0, 0, 0)  # Fixed, so the archive is byte-for-byte reproducible.
# Folder -> class -> file names, in the real archive's naming schemes.
FILES = {
    'train': {
        'NORMAL': ('IM-0115-0001.jpeg', 'IM-0117-0001.jpeg', 'IM-0119-0001.jpeg',
                   'NORMAL2-IM-0381-0001.jpeg', 'NORMAL2-IM-0382-0001.jpeg'),
        'PNEUMONIA': ('person1000_bacteria_2931.jpeg', 'person1000_virus_1681.jpeg',
                      'person1001_bacteria_2932.jpeg', 'person1002_bacteria_2933.jpeg',
                      'person1003_virus_1685.jpeg', 'person1004_virus_1686.jpeg',
                      'person1005_bacteria_2936.jpeg'),
    },
    'val': {
        'NORMAL': ('NORMAL2-IM-1427-0001.jpeg',),
        'PNEUMONIA': ('person1946_bacteria_4874.jpeg',),
    },
    'test': {
        'NORMAL': ('IM-0001-0001.jpeg', 'NORMAL2-IM-0007-0001.jpeg'),
        'PNEUMONIA': ('person100_bacteria_475.jpeg', 'person1_virus_6.jpeg'),
    },
}
RGB = 'train/PNEUMONIA/person1000_virus_1681.jpeg'  # An RGB JPEG among the grayscale ones.
SIZE = (6, 8)  # Height, width.


def main() -> None:
  rng = np.random.default_rng(0)
  images = {}
  for folder, classes in FILES.items():
    for label, names in classes.items():
      for name in names:
        path = f'{folder}/{label}/{name}'
        if path == RGB:
          pixels = rng.integers(0, 256, (*SIZE, 3), dtype=np.uint8)
        else:
          pixels = rng.integers(0, 256, SIZE, dtype=np.uint8)
        images[path] = fake_archives.image_bytes(pixels, 'JPEG')
  ds_store = b'\x00\x00\x00\x01Bud1' + bytes(26)
  resource_fork = b'\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ' + bytes(10)
  with fake_archives.write_zip(_OUT, date_time=_DATE, compression=zipfile.ZIP_DEFLATED) as archive:
    archive.add('chest_xray/')
    for copy in ('chest_xray', 'chest_xray/chest_xray'):  # The same files twice.
      for path, data in images.items():
        archive.add(f'{copy}/{path}', data)
    for folder in ('', 'train/', 'test/'):
      archive.add(f'chest_xray/chest_xray/{folder}.DS_Store', ds_store)
    archive.add('chest_xray/__MACOSX/chest_xray/._.DS_Store', resource_fork)
    archive.add('chest_xray/__MACOSX/chest_xray/train/NORMAL/._IM-0115-0001.jpeg',
                resource_fork)


if __name__ == '__main__':
  main()
