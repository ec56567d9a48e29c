"""Writes dummy_data/CVCMUSCIMA_WI.zip and dummy_data/Partitions_Set.zip, in the real layout.

The real CVCMUSCIMA_WI.zip holds every page (`w-NN/pNNN.png`, 50 writers x 20 pages) in three
flavours: `CVCMUSCIMA_WI/PNG_GT_Gray` (8-bit grayscale), `PNG_GT_BW` (binary) and
`PNG_GT_NoStaff` (binary, staff lines removed). Partitions_Set.zip holds the partition lists,
one `w-NN/pNNN.png` entry a line. Here: 3 writers (w-23, w-05, w-50: label ids 0, 8, 27) x 8
tiny grayscale pages; pages p001-p005 are listed for training, p006-p007 for testing and p008 in
neither list; the BW and NoStaff flavours of a few pages are there too (not used).

Run: python -m nevis_datasets.tasks.cvc_muscima.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.cvc_muscima import cvc_muscima

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_DATE = (2012, 3, 1, 0, 0, 0)  # Fixed, so the archives are byte-for-byte reproducible.
WRITERS = ('w-05', 'w-23', 'w-50')
TRAINING_PAGES = ('p001', 'p002', 'p003', 'p004', 'p005')
TESTING_PAGES = ('p006', 'p007')
UNLISTED_PAGES = ('p008',)


def main() -> None:
  rng = np.random.default_rng(0)
  pages = TRAINING_PAGES + TESTING_PAGES + UNLISTED_PAGES
  with fake_archives.write_zip(_DIR / 'CVCMUSCIMA_WI.zip', date_time=_DATE,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    for flavour in ('PNG_GT_BW', 'PNG_GT_Gray', 'PNG_GT_NoStaff'):
      archive.add(f'CVCMUSCIMA_WI/{flavour}/')
      for writer in WRITERS:
        archive.add(f'CVCMUSCIMA_WI/{flavour}/{writer}/')
        for page in pages if flavour == 'PNG_GT_Gray' else pages[:2]:
          pixels = rng.integers(0, 256, (12, 8), dtype=np.uint8)
          if flavour != 'PNG_GT_Gray':
            pixels = np.where(pixels > 127, 255, 0).astype(np.uint8)
          archive.add(f'CVCMUSCIMA_WI/{flavour}/{writer}/{page}.png',
                      fake_archives.image_bytes(pixels, 'PNG'))
  listed = dict(zip(cvc_muscima.PARTITIONS, (TRAINING_PAGES, TESTING_PAGES)))
  with fake_archives.write_zip(_DIR / 'Partitions_Set.zip', date_time=_DATE,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    archive.add('Partitions_Set/')
    archive.add('Partitions_Set/set_2_Independent/')
    for name, listed_pages in listed.items():
      lines = [f'{writer}/{page}.png\n' for writer in WRITERS for page in listed_pages]
      archive.add(name, ''.join(lines).encode())


if __name__ == '__main__':
  main()
