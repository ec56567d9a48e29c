"""Writes dummy_data/{Cars_1999,Cars_2001,motorbikes_side}.zip: zips around tars of tiny JPEGs.

Each real zip holds `<folder>/<name>.tar` (e.g. `Cars_2001/cars_brad.tar`), whose top level
holds `image_NNNN.jpg` files, and may hold a `README` and `.mat` annotation files, which the
builder ignores (one of each here, in the Cars 2001 tar).

Run: python -m nevis_datasets.tasks.caltech_categories.dummy_data_generation
"""

import io
import pathlib
import zipfile

import numpy as np

from nevis_datasets import catalog
from nevis_datasets import fake_archives
from nevis_datasets.tasks.caltech_categories import caltech_categories

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
IMAGES_PER_CATEGORY = 9
_MTIME = 1_150_000_000  # Fixed, so the archives are byte-for-byte reproducible.
_DATE = (2006, 6, 11, 0, 0, 0)


def _jpeg(rng: np.random.Generator) -> bytes:
  return fake_archives.image_bytes(rng.integers(0, 256, (6, 8, 3), dtype=np.uint8), 'JPEG')


def _tar(category: caltech_categories.Category, rng: np.random.Generator) -> bytes:
  buffer = io.BytesIO()
  with fake_archives.write_tar(buffer, mtime=_MTIME) as archive:
    for i in range(1, IMAGES_PER_CATEGORY + 1):
      archive.add(f'image_{i:04d}.jpg', _jpeg(rng))
    if category.name == 'cars_2001':
      archive.add('README', b'Cars 2001 (rear), Caltech.\n')
      archive.add('ground_truth.mat', b'MATLAB 5.0 MAT-file (not really)')
  return buffer.getvalue()


def main() -> None:
  rng = np.random.default_rng(0)
  for category in caltech_categories.CATEGORIES:
    with fake_archives.write_zip(_DIR / catalog.url_file_name(category.url), date_time=_DATE,
                                 compression=zipfile.ZIP_DEFLATED) as archive:
      archive.add(category.tar.split('/')[0] + '/')
      archive.add(category.tar, _tar(category, rng))


if __name__ == '__main__':
  main()
