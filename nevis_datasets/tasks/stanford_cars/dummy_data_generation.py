"""Writes dummy_data/car_ims.tgz and dummy_data/cars_annos.mat in the real files' layout.

The real `car_ims.tgz` holds `car_ims/000001.jpg` ... `car_ims/016185.jpg`, numbered class by
class; the real `cars_annos.mat` (MATLAB 5) holds `annotations`, a 1x16185 struct array with
fields `relative_im_path`, `bbox_x1`, `bbox_y1`, `bbox_x2`, `bbox_y2`, `class` (1..196) and
`test` (0/1), and `class_names`, a 1x196 cell array of strings. The fake ones have 3 classes
(class 1 `AM General Hummer SUV 2000`, class 174 `Ram C/V Cargo Van Minivan 2012`, class 196
`smart fortwo Convertible 2012`), 5 train and 2 test images each (8x6 random JPEGs), and all
196 class names. The .mat header's creation date is fixed, so both files are byte-for-byte
reproducible.

Run: python -m nevis_datasets.tasks.stanford_cars.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.stanford_cars import stanford_cars

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
CLASSES = (1, 174, 196)  # The .mat's 1-based class numbers.
_TEST_FLAGS = (0, 1, 0, 0, 1, 0, 0)  # Per class: 5 train, 2 test images, interleaved.
_FIELDS = ('relative_im_path', 'bbox_x1', 'bbox_y1', 'bbox_x2', 'bbox_y2', 'class', 'test')
_MTIME = 1_360_000_000  # Fixed, so the archive is byte-for-byte reproducible.


def _annotations() -> np.ndarray:
  rows = []
  for number, (class_number, test) in enumerate(
      ((c, t) for c in CLASSES for t in _TEST_FLAGS), start=1):
    rows.append((f'car_ims/{number:06d}.jpg', np.uint16(1), np.uint16(2), np.uint16(7),
                 np.uint16(5), np.uint8(class_number), np.uint8(test)))
  annotations = np.zeros((1, len(rows)), dtype=[(field, 'O') for field in _FIELDS])
  for index, row in enumerate(rows):
    annotations[0, index] = row
  return annotations


def main() -> None:
  rng = np.random.default_rng(0)
  annotations = _annotations()
  with fake_archives.write_tar(_DIR / 'car_ims.tgz', mtime=_MTIME, gzip=True) as archive:
    archive.add('car_ims/')
    for path in annotations[0]['relative_im_path']:
      pixels = rng.integers(0, 256, (6, 8, 3), dtype=np.uint8)
      archive.add(path, fake_archives.image_bytes(pixels, 'JPEG', quality=50))
  class_names = np.array(stanford_cars.CLASS_NAMES, dtype=object).reshape(1, -1)
  (_DIR / 'cars_annos.mat').write_bytes(
      fake_archives.mat_bytes({'annotations': annotations, 'class_names': class_names}))


if __name__ == '__main__':
  main()
