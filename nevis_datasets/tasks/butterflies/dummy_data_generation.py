"""Writes dummy_data/butterflies.zip: the real archive's layout with tiny random photos.

The real archive holds one folder per species with JPEGs named `<prefix><3 digits>.jpg`
(`admiral/adm001.jpg`). The fake one has 3 species; each has images whose numbers are on the
authors' test list and others, one CMYK JPEG (converted to RGB), and directory entries.

Run: python -m nevis_datasets.tasks.butterflies.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'butterflies.zip'
# Species -> (file prefix, image numbers); 14, 6, 41, 2, 57, 6 are test images.
_IMAGES = {
    'admiral': ('adm', (1, 2, 3, 6, 7, 14)),
    'black_swallowtail': ('bla', (1, 2, 3, 5, 41)),
    'zebra': ('zeb', (1, 2, 3, 4, 5, 6, 7, 8, 57)),
}
_TIMESTAMP = (2004, 1, 1, 0, 0, 0)


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_zip(_OUT, date_time=_TIMESTAMP) as archive:
    for species, (prefix, numbers) in _IMAGES.items():
      archive.add(f'{species}/')
      for number in numbers:
        pixels = rng.integers(0, 256, (5, 7, 3), dtype=np.uint8)
        mode = 'CMYK' if (species, number) == ('zebra', 3) else 'RGB'
        archive.add(f'{species}/{prefix}{number:03d}.jpg',
                    fake_archives.image_bytes(pixels, 'JPEG', mode=mode))


if __name__ == '__main__':
  main()
