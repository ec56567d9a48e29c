"""Writes dummy_data/FMD.zip: the real archive's layout with tiny JPEGs.

The real zip holds 1000 photos as `image/<material>/<material>_{moderate,object}_NNN_new.jpg`
(512x384, 100 per material), a mask of the same name under `mask/`, two MATLAB files (a
script and its `.asv` backup) and a `Thumbs.db`. The fake one holds 8 photos (8x6 JPEGs) of
each of 3 materials, one of them grayscale, their masks, and the three non-image files (their
names and places are made up: only their extensions are known).

Run: python -m nevis_datasets.tasks.flickr_material_database.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'FMD.zip'
_MATERIALS = ('fabric', 'glass', 'wood')
_NAMES = tuple(f'{kind}_{number:03d}_new.jpg' for kind in ('moderate', 'object')
               for number in range(1, 5))
_TIMESTAMP = (2009, 6, 1, 0, 0, 0)


def _jpeg(pixels: np.ndarray) -> bytes:
  return fake_archives.image_bytes(pixels, 'JPEG', quality=50)


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_zip(_OUT, date_time=_TIMESTAMP) as archive:
    for folder in ('image', 'mask'):
      archive.add(f'{folder}/')
      for name in _MATERIALS:
        archive.add(f'{folder}/{name}/')
        for file_name in _NAMES:
          if folder == 'mask':
            pixels = np.where(rng.random((6, 8)) < 0.5, 0, 255).astype(np.uint8)
          elif (name, file_name) == ('glass', _NAMES[0]):
            pixels = rng.integers(0, 256, (6, 8), dtype=np.uint8)  # Grayscale: made RGB.
          else:
            pixels = rng.integers(0, 256, (6, 8, 3), dtype=np.uint8)
          archive.add(f'{folder}/{name}/{name}_{file_name}', _jpeg(pixels))
    archive.add('image/fabric/Thumbs.db', b'\xd0\xcf\x11\xe0 not a thumbnail cache')
    archive.add('image/showimages.m', b"% Shows the images.\nimshow('fabric.jpg');\n")
    archive.add('image/showimages.asv', b'% Shows the images (backup).\n')


if __name__ == '__main__':
  main()
