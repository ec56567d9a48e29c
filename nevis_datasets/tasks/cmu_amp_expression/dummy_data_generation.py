"""Writes dummy_data/faceExpressionDatabase.zip: the real layout with tiny random BMPs.

The real archive holds `A00.bmp` ... `M74.bmp` (64x64 grayscale BMPs) and `readme.txt` at its
top level. Here: subjects A, B and M, each with the first 3 train, 1 dev, 1 dev_test and 2 test
image numbers of the reference's split, plus the readme (ignored by the builder).

Run: python -m nevis_datasets.tasks.cmu_amp_expression.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.cmu_amp_expression import cmu_amp_expression

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'faceExpressionDatabase.zip'
_SUBJECTS = ('A', 'B', 'M')
PER_SPLIT = {'train': 3, 'dev': 1, 'dev_test': 1, 'test': 2}
_DATE = (2003, 1, 1, 0, 0, 0)  # Fixed, so the archive is byte-for-byte reproducible.


def chosen_names() -> list[str]:
  """The file names written: the first few of each split, per subject, in name order."""
  names = []
  for subject in _SUBJECTS:
    for split, count in PER_SPLIT.items():
      names += sorted(name for name, s in cmu_amp_expression.reference_splits().items()
                      if s == split and name[0] == subject)[:count]
  return sorted(names)


def _bmp(rng: np.random.Generator) -> bytes:
  return fake_archives.image_bytes(rng.integers(0, 256, (8, 8), dtype=np.uint8), 'BMP')


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_zip(_OUT, date_time=_DATE, compression=zipfile.ZIP_DEFLATED) as archive:
    for name in chosen_names():
      archive.add(name, _bmp(rng))
    archive.add('readme.txt', b'CMU AMP face expression database\n')


if __name__ == '__main__':
  main()
