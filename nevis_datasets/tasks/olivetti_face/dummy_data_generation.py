"""Writes dummy_data/the-orl-database-for-training-and-testing.zip, the Kaggle archive's
layout with tiny random faces.

The Kaggle copy holds `ORL/<image number>_<subject>.jpg` for images 1..400, ten per subject
(subject = (number - 1) // 10 + 1). The fake one has 3 images of each of subjects 1, 2 and 40
(numbers 1-3, 11-13, 391-393), 8-bit grayscale JPEGs except one RGB one (converted to L), and a
directory entry.

Run: python -m nevis_datasets.tasks.olivetti_face.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_OUT = (pathlib.Path(__file__).parent / 'dummy_data'
        / 'the-orl-database-for-training-and-testing.zip')
_SUBJECTS = (1, 2, 40)
_PER_SUBJECT = 3
_TIMESTAMP = (2018, 1, 1, 0, 0, 0)


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_zip(_OUT, date_time=_TIMESTAMP) as archive:
    archive.add('ORL/')
    for subject in _SUBJECTS:
      for offset in range(_PER_SUBJECT):
        number = (subject - 1) * 10 + offset + 1
        shape = (7, 6, 3) if number == 2 else (7, 6)
        pixels = rng.integers(0, 256, shape, dtype=np.uint8)
        archive.add(f'ORL/{number}_{subject}.jpg', fake_archives.image_bytes(pixels, 'JPEG'))


if __name__ == '__main__':
  main()
