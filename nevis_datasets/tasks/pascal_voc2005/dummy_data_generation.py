"""Writes dummy_data/voc2005_{1,2}.tar.gz: the real layout with tiny random PNGs.

Each real archive holds `VOC2005_<n>/PNGImages/<folder>/<image>.png` and the matching
`VOC2005_<n>/Annotations/<folder>/<image>.txt` (ignored by the builder). Here every folder the
builder reads gets one or two images, and each archive one annotation file.

Run: python -m nevis_datasets.tasks.pascal_voc2005.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.pascal_voc2005 import pascal_voc2005

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_MTIME = 1_120_000_000  # Fixed, so the archives are byte-for-byte reproducible.
TRAIN_IMAGES_PER_FOLDER = 2
TEST_IMAGES_PER_FOLDER = 1


def _png(rng: np.random.Generator) -> bytes:
  return fake_archives.image_bytes(rng.integers(0, 256, (4, 6, 3), dtype=np.uint8), 'PNG')


def _write(name: str, folders, per_folder: int, rng: np.random.Generator) -> None:
  with fake_archives.write_tar(_DIR / name, mtime=_MTIME, gzip=True) as archive:
    first = None
    for prefixes in folders.values():
      for folder in prefixes:
        for i in range(1, per_folder + 1):
          member = f'{folder}/{folder.rsplit("/", 1)[-1].lower()}_{i:04d}.png'
          first = first or member
          archive.add(member, _png(rng))
    annotation = first.replace('/PNGImages/', '/Annotations/').replace('.png', '.txt')
    archive.add(annotation, b'# PASCAL Annotation Version 1.00\n')


def main() -> None:
  rng = np.random.default_rng(0)
  _write('voc2005_1.tar.gz', pascal_voc2005.TRAIN_FOLDERS, TRAIN_IMAGES_PER_FOLDER, rng)
  _write('voc2005_2.tar.gz', pascal_voc2005.TEST_FOLDERS, TEST_IMAGES_PER_FOLDER, rng)


if __name__ == '__main__':
  main()
