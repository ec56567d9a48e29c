"""Writes dummy_data/G_NC.zip and dummy_data/G_PC.zip: the release's layout, tiny images.

The real zips (GitHub release v0.1 of hasibzunair/synthetic-covid-cxr-dataset) hold the
generated 256x256 JPEGs as `G1/<n>.jpg` (translated from Normal X-rays; G_NC.zip) and
`G2/<n>_g2.jpg` (translated from Pneumonia X-rays; G_PC.zip), the names the authors' generation
notebook writes. The fake ones hold 14 images each (8x8 RGB JPEGs, one of them a grayscale
JPEG, which the builder converts to RGB), with the folder's directory entry and a Thumbs.db,
which is not an image.

Run: python -m nevis_datasets.tasks.synthetic_covid19_xray.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_DATE = (2020, 10, 20, 0, 0, 0)  # Fixed, so the archives are byte-for-byte reproducible.
COUNT = 14  # Images per zip.
GRAYSCALE = 'G2/3_g2.jpg'
# Zip -> (folder, file name suffix).
ZIPS = {'G_NC.zip': ('G1', ''), 'G_PC.zip': ('G2', '_g2')}


def members(zip_name: str) -> list[str]:
  folder, suffix = ZIPS[zip_name]
  return [f'{folder}/{i}{suffix}.jpg' for i in range(1, COUNT + 1)]


def main() -> None:
  rng = np.random.default_rng(0)
  for zip_name, (folder, _) in ZIPS.items():
    with fake_archives.write_zip(_DIR / zip_name, date_time=_DATE,
                                 compression=zipfile.ZIP_DEFLATED) as archive:
      archive.add(f'{folder}/')
      for member in members(zip_name):
        pixels = rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)
        mode = 'L' if member == GRAYSCALE else None
        archive.add(member, fake_archives.image_bytes(pixels, 'JPEG', mode=mode))
      archive.add(f'{folder}/Thumbs.db', b'\xd0\xcf\x11\xe0 not an image')


if __name__ == '__main__':
  main()
