"""Writes dummy_data/animal_dataset_v1_c.rar: the real archive's layout, with tiny JPEGs.

The real RAR holds `animal_dataset_v1_clean_check/` with one JPEG per face,
`<species>_<n>.jpg` (about 21.9K, web photos of many sizes), each with its landmark file
`<species>_<n>.pts` (`version: 1`, `n_points: 9`, the points in braces). The fake one holds 5
species of the reference's 352 (`saluki` 0, `kultarr` 1, `lionpd` 30, `animal` 50, `urial` 351)
with 5 images each (6x8 pixels), and the awkward cases: a grayscale and a CMYK JPEG (stored as
RGB), a name with two underscores (`urial_ovis_4.jpg`, species `urial`), an upper-case `.JPG`,
an exact copy of another image of its species (dropped) and a copy of an image of another
species (kept). It is STORED (`fake_archives.write_rar`: rarfile reads it without an external
tool).

Run: python -m nevis_datasets.tasks.animal_web.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'animal_dataset_v1_c.rar'
_DATE_TIME = (2020, 3, 1, 12, 0, 0)  # Fixed, so that the archive is byte-for-byte reproducible.
FOLDER = 'animal_dataset_v1_clean_check'
SPECIES = ('saluki', 'kultarr', 'lionpd', 'animal', 'urial')
GRAY = 'kultarr_2.jpg'
CMYK = 'lionpd_3.jpg'
UNDERSCORES = 'urial_ovis_4.jpg'
UPPER = 'animal_5.JPG'
COPY = ('saluki_5.jpg', 'saluki_1.jpg')  # The same pixels, the same species: dropped.
OTHER_SPECIES_COPY = ('urial_5.jpg', 'saluki_1.jpg')  # The same pixels, another species: kept.


def _names(species: str) -> list[str]:
  names = [f'{species}_{n}.jpg' for n in range(1, 6)]
  for special in (GRAY, CMYK, UNDERSCORES, UPPER):
    if special.startswith(f'{species}_'):
      names[int(special.split('.')[0].rsplit('_', 1)[1]) - 1] = special
  return names


def _pts(rng: np.random.Generator) -> bytes:
  points = ''.join(f'{x:.3f} {y:.3f}\n' for x, y in rng.uniform(0, 8, (9, 2)))
  return f'version: 1\nn_points: 9\n{{\n{points}}}\n'.encode()


def main() -> None:
  rng = np.random.default_rng(2020)
  written = {}
  with fake_archives.write_rar(_OUT, date_time=_DATE_TIME) as archive:
    archive.add(FOLDER)
    for species in SPECIES:
      for name in _names(species):
        copied = dict((COPY, OTHER_SPECIES_COPY)).get(name)
        if copied is not None:
          data = written[copied]
        else:
          pixels = rng.integers(0, 256, (6, 8, 3), dtype=np.uint8)
          mode = 'L' if name == GRAY else 'CMYK' if name == CMYK else None
          data = fake_archives.image_bytes(pixels, 'JPEG', mode=mode, quality=95)
        written[name] = data
        archive.add(f'{FOLDER}/{name}', data)
        archive.add(f'{FOLDER}/{name.rsplit(".", 1)[0]}.pts', _pts(rng))


if __name__ == '__main__':
  main()
