"""Writes dummy_data/: fake ISIC 2017 zips and ground-truth CSVs, in the real layout.

Each real zip `<stem>.zip` holds a `<stem>/` folder with `ISIC_<7 digits>.jpg` dermoscopy images,
an `ISIC_<7 digits>_superpixels.png` map per image and a `<stem>_metadata.csv` (age, sex),
which the builder ignores. Each `ISIC-2017_*_Part3_GroundTruth.csv` has the header
`image_id,melanoma,seborrheic_keratosis` and one row of 0.0/1.0 flags per image. Here: 20
training, 4 validation and 6 test images (8x8 JPEGs), each with a superpixel map.

Run: python -m nevis_datasets.tasks.melanoma.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.melanoma import melanoma

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_DATE = (2017, 1, 20, 0, 0, 0)  # Fixed, so the archives are byte-for-byte reproducible.
# Part stem -> (first image number, flags (melanoma, seborrheic_keratosis) of each image).
_ROWS = {
    'ISIC-2017_Training_Data': (0, [(1, 0), (0, 1), (0, 0), (0, 0)] * 5),
    'ISIC-2017_Validation_Data': (1769, [(1, 0), (0, 1), (0, 0), (0, 0)]),
    'ISIC-2017_Test_v2_Data': (12086, [(0, 0), (1, 0), (0, 1), (0, 0), (1, 0), (0, 0)]),
}


def main() -> None:
  rng = np.random.default_rng(0)
  for part in melanoma.PARTS:
    first, flags = _ROWS[part.stem]
    ids = [f'ISIC_{first + i:07d}' for i in range(len(flags))]
    with fake_archives.write_zip(_DIR / f'{part.stem}.zip', date_time=_DATE,
                                 compression=zipfile.ZIP_DEFLATED) as archive:
      archive.add(f'{part.stem}/')
      for image_id in ids:
        pixels = rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)
        archive.add(f'{part.stem}/{image_id}.jpg', fake_archives.image_bytes(pixels, 'JPEG'))
        superpixels = rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)
        archive.add(f'{part.stem}/{image_id}_superpixels.png',
                    fake_archives.image_bytes(superpixels, 'PNG'))
      archive.add(f'{part.stem}/{part.stem}_metadata.csv',
                  ''.join(['image_id,age_approximate,sex\n',
                           *(f'{image_id},55,female\n' for image_id in ids)]).encode())
    rows = [f'{image_id},{m:.1f},{k:.1f}\n' for image_id, (m, k) in zip(ids, flags)]
    (_DIR / part.ground_truth).write_text('image_id,melanoma,seborrheic_keratosis\n'
                                          + ''.join(rows))


if __name__ == '__main__':
  main()
