"""Writes dummy_data/AwA2-data.zip: a fake Animals with Attributes 2 archive, in the real layout.

The real zip holds `Animals_with_Attributes2/` with directory entries, `JPEGImages/<class>/
<class>_<n>.jpg`, per-image licence files `licenses/<class>/<class>_<n>.txt`, READMEs and the
label files: `classes.txt` and `predicates.txt` (`<id>\\t<name>` lines, the id right-aligned in 7
characters), `predicate-matrix-binary.txt` and `-continuous.txt` (one row per class) and
`trainclasses.txt` / `testclasses.txt` (one class name a line). The fake has the real 50
classes, 85 predicates and 40/10 class lists, but a made-up binary matrix: class i has
predicates i and i + 35, except MOLE, which has none. Photos (8x10 JPEGs) only for four train
classes (21 photos) and two test classes (3 each); one is grayscale, one CMYK. The continuous
matrix, a README and a licence file stand for the members the builder does not use.

Run: python -m nevis_datasets.tasks.awa2.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.awa2 import awa2

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_DATE = (2017, 4, 14, 0, 0, 0)  # Fixed, so the archive is byte-for-byte reproducible.
# classes.txt, in its order (ids 1..50).
ANIMALS = (
    'antelope', 'grizzly+bear', 'killer+whale', 'beaver', 'dalmatian', 'persian+cat', 'horse',
    'german+shepherd', 'blue+whale', 'siamese+cat', 'skunk', 'mole', 'tiger', 'hippopotamus',
    'leopard', 'moose', 'spider+monkey', 'humpback+whale', 'elephant', 'gorilla', 'ox', 'fox',
    'sheep', 'seal', 'chimpanzee', 'hamster', 'squirrel', 'rhinoceros', 'rabbit', 'bat',
    'giraffe', 'wolf', 'chihuahua', 'rat', 'weasel', 'otter', 'buffalo', 'zebra', 'giant+panda',
    'deer', 'bobcat', 'pig', 'lion', 'mouse', 'polar+bear', 'collie', 'walrus', 'raccoon', 'cow',
    'dolphin',
)
TEST_CLASSES = ('chimpanzee', 'giant+panda', 'hippopotamus', 'humpback+whale', 'leopard',
                'persian+cat', 'pig', 'raccoon', 'rat', 'seal')
MOLE = 'mole'  # A train class whose matrix row is all 0.
# Class -> number of photos in the fake.
PHOTOS = {'antelope': 8, 'grizzly+bear': 4, 'dalmatian': 5, MOLE: 4, 'persian+cat': 3,
          'seal': 3}
GRAYSCALE = 'antelope/antelope_10002.jpg'
CMYK = 'seal/seal_10001.jpg'


def predicates_of(animal: str) -> tuple[int, ...]:
  """The fake matrix's predicates (0-based) of a class."""
  index = ANIMALS.index(animal)
  return () if animal == MOLE else (index, index + 35)


def photos() -> list[str]:
  """The photo paths under JPEGImages/, sorted."""
  return sorted(f'{animal}/{animal}_{10001 + i}.jpg'
                for animal, count in PHOTOS.items() for i in range(count))


def _numbered(names) -> bytes:
  return ''.join(f'{i:7d}\t{name}\n' for i, name in enumerate(names, 1)).encode()


def _matrix() -> bytes:
  rows = []
  for animal in ANIMALS:
    present = predicates_of(animal)
    rows.append(' '.join('1' if j in present else '0' for j in range(len(awa2.CLASS_NAMES))))
  return ''.join(row + '\n' for row in rows).encode()


def main() -> None:
  rng = np.random.default_rng(0)
  train = [animal for animal in ANIMALS if animal not in TEST_CLASSES]
  with fake_archives.write_zip(_DIR / awa2.ZIP, date_time=_DATE,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    root = awa2.ROOT
    archive.add(f'{root}/')
    archive.add(f'{root}/README-attributes.txt',
                b'Animals with Attributes2 Dataset, rc1, April 14th 2017\n')
    archive.add(f'{root}/{awa2.CLASSES}', _numbered(ANIMALS))
    archive.add(f'{root}/{awa2.PREDICATES}', _numbered(awa2.CLASS_NAMES))
    archive.add(f'{root}/{awa2.MATRIX}', _matrix())
    archive.add(f'{root}/predicate-matrix-continuous.txt',
                ''.join('  -1.00  ' * 85 + '\n' for _ in ANIMALS).encode())
    archive.add(f'{root}/trainclasses.txt', ''.join(f'{name}\n' for name in train).encode())
    archive.add(f'{root}/testclasses.txt', ''.join(f'{name}\n' for name in TEST_CLASSES).encode())
    archive.add(f'{awa2.IMAGES}/')
    for animal in PHOTOS:
      archive.add(f'{awa2.IMAGES}/{animal}/')
    for path in photos():
      pixels = rng.integers(0, 256, (8, 10, 3), dtype=np.uint8)
      mode = {GRAYSCALE: 'L', CMYK: 'CMYK'}.get(path)
      archive.add(f'{awa2.IMAGES}/{path}', fake_archives.image_bytes(pixels, 'JPEG', mode=mode))
    archive.add(f'{root}/licenses/antelope/antelope_10001.txt', b'Photographer : someone\n')


if __name__ == '__main__':
  main()
