"""Writes dummy_data/GTSRB_Final_{Training_Images,Test_Images,Test_GT}.zip: the real layout.

The real training zip holds `GTSRB/Final_Training/Images/<class>/<track>_<n>.ppm` (43 class
folders 00000..00042, 30 images per track) with a `GT-<class>.csv` per folder and
`GTSRB/Readme-Images.txt`; the test zip holds `GTSRB/Final_Test/Images/<n>.ppm` with
`GT-final_test.test.csv` (no class column) and `GTSRB/Readme-Images-Final-test.txt`; the ground
truth zip holds `GT-final_test.csv` alone. The fake ones have classes 00000, 00001 and 00042, 2
tracks of 3 images each per class, and 6 test images: binary (P6) PPMs of 5x5 to 12x12 pixels.

Run: python -m nevis_datasets.tasks.german_tsr.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_TIMESTAMP = (2011, 3, 1, 0, 0, 0)
_CLASSES = (0, 1, 42)
_TRACKS = 2
_PER_TRACK = 3
_TEST_LABELS = (42, 0, 1, 1, 0, 42)  # Test image n -> class id.
_HEADER = 'Filename;Width;Height;Roi.X1;Roi.Y1;Roi.X2;Roi.Y2'
_IMAGES = 'GTSRB/Final_Training/Images'
_TEST_IMAGES = 'GTSRB/Final_Test/Images'


def _ppm(rng: np.random.Generator) -> tuple[bytes, int, int]:
  """A P6 PPM of random size and pixels, with its width and height."""
  height, width = (int(v) for v in rng.integers(5, 13, 2))
  pixels = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
  return fake_archives.image_bytes(pixels, 'PPM'), width, height


def _row(name: str, width: int, height: int) -> str:
  return f'{name};{width};{height};1;1;{width - 1};{height - 1}'


def _csv(header: str, rows: list[str]) -> bytes:
  return ''.join(f'{line}\r\n' for line in (header, *rows)).encode()


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_zip(_DIR / 'GTSRB_Final_Training_Images.zip',
                               date_time=_TIMESTAMP) as archive:
    archive.add('GTSRB/')
    archive.add('GTSRB/Final_Training/')
    archive.add(f'{_IMAGES}/')
    for class_id in _CLASSES:
      folder = f'{_IMAGES}/{class_id:05d}'
      archive.add(f'{folder}/')
      rows = []
      for track in range(_TRACKS):
        for n in range(_PER_TRACK):
          name = f'{track:05d}_{n:05d}.ppm'
          data, width, height = _ppm(rng)
          archive.add(f'{folder}/{name}', data)
          rows.append(f'{_row(name, width, height)};{class_id}')
      archive.add(f'{folder}/GT-{class_id:05d}.csv', _csv(f'{_HEADER};ClassId', rows))
    archive.add('GTSRB/Readme-Images.txt', b'GTSRB training images (fake).\r\n')

  gt_rows, test_rows = [], []
  with fake_archives.write_zip(_DIR / 'GTSRB_Final_Test_Images.zip',
                               date_time=_TIMESTAMP) as archive:
    archive.add('GTSRB/')
    archive.add('GTSRB/Final_Test/')
    archive.add(f'{_TEST_IMAGES}/')
    for n, class_id in enumerate(_TEST_LABELS):
      name = f'{n:05d}.ppm'
      data, width, height = _ppm(rng)
      archive.add(f'{_TEST_IMAGES}/{name}', data)
      test_rows.append(_row(name, width, height))
      gt_rows.append(f'{_row(name, width, height)};{class_id}')
    archive.add(f'{_TEST_IMAGES}/GT-final_test.test.csv', _csv(_HEADER, test_rows))
    archive.add('GTSRB/Readme-Images-Final-test.txt', b'GTSRB test images (fake).\r\n')

  with fake_archives.write_zip(_DIR / 'GTSRB_Final_Test_GT.zip', date_time=_TIMESTAMP) as archive:
    archive.add('GT-final_test.csv', _csv(f'{_HEADER};ClassId', gt_rows))


if __name__ == '__main__':
  main()
