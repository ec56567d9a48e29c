"""Writes dummy_data/lfwa.zip: LFW-a's layout with tiny random grayscale JPEGs.

LFW-a holds `lfw2/<Name>/<Name>_<NNNN>.jpg` for 5,749 people (250x250 grayscale JPEGs). The fake
zip holds every one of the 423 people with 5+ images (the builder checks them all): 5 images
each, except `Abdullah_Gul` (6) and `George_W_Bush` (8); and three people with fewer than 5, who
are dropped: `AJ_Cook` (1), `Zico` (3), `Aaron_Peirsol` (4). Members are written in a shuffled
order (`George_W_Bush`'s in reverse), so the split cannot come from member order. A non-`.jpg`
member (`lfw2/Zico/Zico_0001.txt`, a made-up name) is there to be left out.

Run: python -m nevis_datasets.tasks.lfwa.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.toolkit.sources import lfw as source

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'lfwa.zip'
# Image counts different from source.MIN_IMAGES; every other kept person has exactly 5.
IMAGE_COUNTS = {'Abdullah_Gul': 6, 'George_W_Bush': 8, 'AJ_Cook': 1, 'Zico': 3,
                'Aaron_Peirsol': 4}
NOT_AN_IMAGE = 'lfw2/Zico/Zico_0001.txt'
_DATE_TIME = (2011, 1, 1, 0, 0, 0)  # Fixed, so the archive is byte-for-byte reproducible.


def image_counts() -> dict[str, int]:
  """Person -> number of images in the fake archive."""
  counts = {name: source.MIN_IMAGES for name in source.CLASS_NAMES}
  counts.update(IMAGE_COUNTS)
  return counts


def member_names() -> list[str]:
  """The image members, in the order they are written."""
  rng = np.random.default_rng(0)
  names = []
  for name, count in sorted(image_counts().items()):
    numbers = np.arange(1, count + 1)
    numbers = numbers[::-1] if name == 'George_W_Bush' else rng.permutation(numbers)
    names.extend(f'lfw2/{name}/{name}_{number:04d}.jpg' for number in numbers)
  return names


def main() -> None:
  rng = np.random.default_rng(1)
  with fake_archives.write_zip(_OUT, date_time=_DATE_TIME,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    archive.add('lfw2/')
    archive.add(NOT_AN_IMAGE, b'not an image\n')
    for name in member_names():
      pixels = rng.integers(0, 256, (2, 2), dtype=np.uint8)
      archive.add(name, fake_archives.image_bytes(pixels, 'JPEG', quality=50, optimize=True))


if __name__ == '__main__':
  main()
