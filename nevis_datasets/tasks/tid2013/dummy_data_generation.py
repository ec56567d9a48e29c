"""Writes dummy_data/tid2013.rar: the real archive's layout, with a smaller table and tiny BMPs.

The real RAR holds `reference_images/I<ss>.BMP` (25), `distorted_images/i<ss>_<tt>_<l>.bmp`
(25 subjects x 24 types x 5 levels, 512x384 RGB) and score tables, among them
`metrics_values/MSSIM.txt` (one value a line, in subject, type, level order) and `mos.txt`. The
fake one has 2 subjects x 3 types x 5 levels (the test shrinks the source's table size to
match: `SIZE`), 4x3 BMPs, and is STORED (`fake_archives.write_rar`: rarfile reads it without
an external tool). Its MSSIM values have two decimals, so that some are tied.

Run: python -m nevis_datasets.tasks.tid2013.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.toolkit.sources import tid

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'tid2013.rar'
_DATE_TIME = (2013, 6, 1, 12, 0, 0)  # Fixed, so that the archive is byte-for-byte reproducible.
SIZE = dict(num_subjects=2, num_types=3, num_levels=5)
SOURCE = tid.Tid(**{**vars(tid.TID2013), **SIZE})  # What the test builds from.


def _bmp(rng: np.random.Generator) -> bytes:
  return fake_archives.image_bytes(rng.integers(0, 256, (3, 4, 3), dtype=np.uint8), 'BMP')


def main() -> None:
  rng = np.random.default_rng(2013)
  names = SOURCE.image_names()
  values = np.round(rng.uniform(0.5, 1.0, len(names)), 2)
  with fake_archives.write_rar(_OUT, date_time=_DATE_TIME) as archive:
    for folder in ('distorted_images', 'metrics_values', 'reference_images'):
      archive.add(folder)
    for number, name in enumerate(names):
      # TID2013 names its images in lower case, but for a few upper-case `I`s.
      archive.add(f'distorted_images/{"I" + name[1:] if number % 7 == 3 else name}', _bmp(rng))
    archive.add('metrics_values/MSSIM.txt', b''.join(b'%.2f\r\n' % v for v in values))
    archive.add('mos.txt', b''.join(b'%.4f\r\n' % v for v in rng.uniform(0, 9, len(names))))
    for subject in range(1, SOURCE.num_subjects + 1):
      archive.add(f'reference_images/I{subject:02d}.BMP', _bmp(rng))


if __name__ == '__main__':
  main()
