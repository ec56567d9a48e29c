"""Writes dummy_data/uiuc.tar.gz: the real archive's layout with tiny random PGMs.

The real archive holds `CarData/TrainImages/{pos,neg}-<n>.pgm` (100x40 training windows),
`CarData/TestImages/test-<n>.pgm` and `CarData/TestImages_Scale/test-<n>.pgm` (whole test
scenes) and text files (`README.txt`, `trueLocations.txt`, `trueLocations_Scale.txt`). The
builder reads only the training windows; the rest is here to prove it is left out.

Run: python -m nevis_datasets.tasks.uiuc_cars.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'uiuc.tar.gz'
_ROOT = 'CarData'
POSITIVES = 11
NEGATIVES = 9
_TEST_SCENES = 3
_MTIME = 1_020_000_000  # Fixed, so the archive is byte-for-byte reproducible.


def _pgm(rng: np.random.Generator) -> bytes:
  return fake_archives.image_bytes(rng.integers(0, 256, (4, 10), dtype=np.uint8), 'PPM')


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_tar(_OUT, mtime=_MTIME, gzip=True) as archive:
    archive.add(f'{_ROOT}/')
    archive.add(f'{_ROOT}/README.txt', b'UIUC Image Database for Car Detection\n')
    archive.add(f'{_ROOT}/TrainImages/')
    for i in range(NEGATIVES):
      archive.add(f'{_ROOT}/TrainImages/neg-{i}.pgm', _pgm(rng))
    for i in range(POSITIVES):
      archive.add(f'{_ROOT}/TrainImages/pos-{i}.pgm', _pgm(rng))
    for folder in ('TestImages', 'TestImages_Scale'):
      archive.add(f'{_ROOT}/{folder}/')
      for i in range(_TEST_SCENES):
        archive.add(f'{_ROOT}/{folder}/test-{i}.pgm', _pgm(rng))
    archive.add(f'{_ROOT}/trueLocations.txt', b'0: (48,26) (108,27)\n')
    archive.add(f'{_ROOT}/trueLocations_Scale.txt', b'0: (68,50,153)\n')


if __name__ == '__main__':
  main()
