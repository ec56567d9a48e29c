"""Writes dummy_data/lfw.tgz: the real archive's layout with tiny random JPEGs.

The real archive holds `lfw/<Name>/<Name>_<NNNN>.jpg` for 5,749 people (250x250 JPEGs), in no
particular member order. The fake one holds every one of the 423 people with 5+ images (the
builder checks them all): 5 images each, except `Abdullah_Gul` (6) and `George_W_Bush` (8); and
three people with fewer than 5, who are dropped: `AJ_Cook` (1), `Zico` (3), `Aaron_Peirsol`
(4). Each person's images are written in a shuffled order (`George_W_Bush` in reverse), so the
split cannot come from member order.

Run: python -m nevis_datasets.tasks.lfw.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.toolkit.sources import lfw as source

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'lfw.tgz'
# Image counts different from source.MIN_IMAGES; every other kept person has exactly 5.
IMAGE_COUNTS = {'Abdullah_Gul': 6, 'George_W_Bush': 8, 'AJ_Cook': 1, 'Zico': 3,
                'Aaron_Peirsol': 4}
_MTIME = 1_190_000_000  # Fixed, so the archive is byte-for-byte reproducible.


def image_counts() -> dict[str, int]:
  """Person -> number of images in the fake archive."""
  counts = {name: source.MIN_IMAGES for name in source.CLASS_NAMES}
  counts.update(IMAGE_COUNTS)
  return counts


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_tar(_OUT, mtime=_MTIME, gzip=True) as archive:
    archive.add('lfw/')
    for name, count in sorted(image_counts().items()):
      archive.add(f'lfw/{name}/')
      numbers = np.arange(1, count + 1)
      numbers = numbers[::-1] if name == 'George_W_Bush' else rng.permutation(numbers)
      for number in numbers:
        pixels = rng.integers(0, 256, (2, 2, 3), dtype=np.uint8)
        archive.add(f'lfw/{name}/{name}_{number:04d}.jpg',
                    fake_archives.image_bytes(pixels, 'JPEG', quality=50))


if __name__ == '__main__':
  main()
