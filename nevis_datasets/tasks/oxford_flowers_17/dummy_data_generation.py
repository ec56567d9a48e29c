"""Writes dummy_data/17flowers.tgz and dummy_data/datasplits.mat in the real files' layout.

The real archive holds `jpg/image_0001.jpg` .. `jpg/image_1360.jpg` (80 per class, class by
class) and `jpg/files.txt` (the image names); the fake one holds 9 tiny JPEGs of each of 3
classes (daffodil: images 1-9, snowdrop: 81-89, pansy: 1281-1289) and files.txt.
datasplits.mat holds `trn1`..`trn3`, `val1`..`val3`, `tst1`..`tst3` as 1 x N double arrays of
image numbers, like the real one: split 1 lists the first 4 images of each class in trn1, the
next 2 in val1 and the next 2 in tst1; the 9th image of each class is in splits 2 and 3 only
(so not used).

Run: python -m nevis_datasets.tasks.oxford_flowers_17.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_FIRST_IMAGES = (1, 81, 1281)  # The first image of classes 0, 1 and 16.
_PER_CLASS = 9
_MTIME = 1_200_000_000  # Fixed, so the archive is byte-for-byte reproducible.


def _jpeg(rng: np.random.Generator) -> bytes:
  return fake_archives.image_bytes(rng.integers(0, 256, (6, 8, 3), dtype=np.uint8), 'JPEG')


def _split_variables() -> dict[str, np.ndarray]:
  """Three splits; split k rotates each class's images by k - 1 before dealing them out."""
  variables = {}
  for k in range(3):
    parts = {'trn': [], 'val': [], 'tst': []}
    for first in _FIRST_IMAGES:
      numbers = list(range(first, first + _PER_CLASS))
      if k == 0:
        numbers = numbers[:-1]  # The last image of each class is in splits 2 and 3 only.
      else:
        numbers = numbers[k:] + numbers[:k]
      parts['trn'] += numbers[:4]
      parts['val'] += numbers[4:6]
      parts['tst'] += numbers[6:8]
    for name, numbers in parts.items():
      variables[f'{name}{k + 1}'] = np.array([numbers], dtype=np.float64)
  return variables


def main() -> None:
  rng = np.random.default_rng(0)
  numbers = [first + i for first in _FIRST_IMAGES for i in range(_PER_CLASS)]
  with fake_archives.write_tar(_DIR / '17flowers.tgz', mtime=_MTIME, gzip=True) as archive:
    archive.add('jpg/')
    for number in numbers:
      archive.add(f'jpg/image_{number:04d}.jpg', _jpeg(rng))
    archive.add('jpg/files.txt', ''.join(f'image_{n:04d}.jpg\n' for n in numbers).encode())
  (_DIR / 'datasplits.mat').write_bytes(fake_archives.mat_bytes(_split_variables()))


if __name__ == '__main__':
  main()
