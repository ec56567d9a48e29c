"""Writes dummy_data/face.tar.gz: the real archive's layout with tiny random PGM faces.

The real archive holds one folder per subject (`1a` ... `1t`, with directory entries) and the
subject's grayscale PGM images in it. Three subjects here, with ids 12 (`1a`), 13 (`1b`) and
0 (`1s`) in the reference's order.

Run: python -m nevis_datasets.tasks.umist.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'face.tar.gz'
_SUBJECTS = ('1a', '1b', '1s')
_PER_SUBJECT = 8
_MTIME = 1_100_000_000  # Fixed, so the archive is byte-for-byte reproducible.


def _pgm(rng: np.random.Generator) -> bytes:
  return fake_archives.image_bytes(rng.integers(0, 256, (10, 8), dtype=np.uint8), 'PPM')


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_tar(_OUT, mtime=_MTIME, gzip=True) as archive:
    for name in _SUBJECTS:
      archive.add(f'{name}/')
      for i in range(_PER_SUBJECT):
        archive.add(f'{name}/{name}{i:03d}.pgm', _pgm(rng))


if __name__ == '__main__':
  main()
