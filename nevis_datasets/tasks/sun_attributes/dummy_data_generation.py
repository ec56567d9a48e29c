"""Writes dummy_data/SUNAttributeDB_Images.tar.gz and dummy_data/SUNAttributeDB.tar.gz.

The real images tar.gz holds `images/<letter>/<scene>[/<sub>]/sun_<id>.jpg` (14,340 JPEGs, a few
of them grayscale or CMYK), with directory entries. The real SUNAttributeDB.tar.gz holds
`SUNAttributeDB/` with MATLAB 5 files: `images.mat` (`images`, a 14340x1 cell array of paths
relative to `images/`), `attributeLabels_continuous.mat` (`labels_cv`, 14340x102 doubles in
{0, 1/3, 2/3, 1}) and `attributes.mat` (`attributes`, a 102x1 cell array of names).

The fake ones: 16 listed images in 4 scene folders (8x6 JPEGs; one grayscale, one CMYK, one a
PNG named .jpg), one listed image missing from the images tar (tolerated: under 1%, at least
one) and one image in the tar that images.mat does not list. Image i of the list has attribute
i (value 1) and attribute 60 + i (value 1/3), but the last image in the tar has none. Fixed seeds,
mtimes and .mat headers make both archives byte-for-byte reproducible.

Run: python -m nevis_datasets.tasks.sun_attributes.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.sun_attributes import sun_attributes

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_MTIME = 1_335_000_000  # 2012-04-21: fixed, so the archives are byte-for-byte reproducible.
FOLDERS = ('a/abbey', 'a/apartment_building/outdoor', 'b/beach', 'k/kitchen')
IMAGES_PER_FOLDER = 4
MISSING = 'b/beach/sun_missing00000000.jpg'  # Listed in images.mat, not in the images tar.
UNLISTED = 'k/kitchen/sun_unlisted0000000.jpg'  # In the images tar, not in images.mat.
GRAYSCALE, CMYK, PNG = 1, 6, 11  # Indices (in listed order) of the odd images.
NO_ATTRIBUTES = 15  # k/kitchen/sun_dxxxxxxxxxxxxxx3.jpg: all its labels_cv values are 0.


def listed_images() -> list[str]:
  """The images.mat entries: 4 per folder, then the missing one."""
  names = [f'{folder}/sun_{chr(ord("a") + f)}{"x" * 14}{i}.jpg'
           for f, folder in enumerate(FOLDERS) for i in range(IMAGES_PER_FOLDER)]
  return names + [MISSING]


def labels(count: int) -> np.ndarray:
  """labels_cv: image i has attribute i (1.0) and 60 + i (1/3), but NO_ATTRIBUTES none."""
  values = np.zeros((count, len(sun_attributes.CLASS_NAMES)))
  for i in range(count):
    if i == NO_ATTRIBUTES:
      continue
    values[i, i] = 1.0
    values[i, 60 + i] = 1 / 3
  return values


def _image(rng: np.random.Generator, index: int) -> bytes:
  pixels = rng.integers(0, 256, (6, 8, 3), dtype=np.uint8)
  if index == GRAYSCALE:
    return fake_archives.image_bytes(pixels[..., 0], 'JPEG')
  if index == CMYK:
    return fake_archives.image_bytes(pixels, 'JPEG', mode='CMYK')
  if index == PNG:
    return fake_archives.image_bytes(pixels, 'PNG')
  return fake_archives.image_bytes(pixels, 'JPEG')


def _cell(strings: list[str]) -> np.ndarray:
  cell = np.empty((len(strings), 1), dtype=object)
  for i, text in enumerate(strings):
    cell[i, 0] = text
  return cell


def main() -> None:
  rng = np.random.default_rng(0)
  names = listed_images()
  with fake_archives.write_tar(_DIR / sun_attributes.IMAGES_TAR, mtime=_MTIME,
                               gzip=True) as archive:
    folders = sorted({'/'.join(parts[:end]) for name in names + [UNLISTED]
                      for parts in [name.split('/')] for end in range(1, len(parts))})
    archive.add('images')
    for folder in folders:
      archive.add(f'images/{folder}')
    for index, name in enumerate(names):
      if name != MISSING:
        archive.add(f'images/{name}', _image(rng, index))
    archive.add(f'images/{UNLISTED}', _image(rng, 0))
  files = {
      sun_attributes.ATTRIBUTES_MAT: {'attributes': _cell(list(sun_attributes.CLASS_NAMES))},
      sun_attributes.IMAGES_MAT: {'images': _cell(names)},
      sun_attributes.LABELS_MAT: {'labels_cv': labels(len(names))},
  }
  with fake_archives.write_tar(_DIR / sun_attributes.ATTRIBUTES_TAR, mtime=_MTIME,
                               gzip=True) as archive:
    archive.add('SUNAttributeDB')
    for name, variables in files.items():
      archive.add(f'SUNAttributeDB/{name}', fake_archives.mat_bytes(variables))


if __name__ == '__main__':
  main()
