"""Writes dummy_data/textures-1.zip and textures-2.zip: the real archives' layout, tiny PNGs.

The real zips hold the class folders `1` .. `25` at their top level (12 in one zip, 13 in the
other), 40 grayscale 1280x960 PNGs in each. The fake ones hold 6 grayscale 8x6 PNGs in each of
folders 1, 2 and 12 (textures-1.zip) and 13 and 25 (textures-2.zip), with directory entries, a
`Thumbs.db` and another `.db` file, which are not images. The image file names are made up (the
real ones are not known here).

Run: python -m nevis_datasets.tasks.umd.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_FOLDERS = {'textures-1.zip': ('1', '2', '12'), 'textures-2.zip': ('13', '25')}
_PER_CLASS = 6
_TIMESTAMP = (2006, 5, 1, 0, 0, 0)


def main() -> None:
  rng = np.random.default_rng(0)
  for file_name, folders in _FOLDERS.items():
    with fake_archives.write_zip(_DIR / file_name, date_time=_TIMESTAMP,
                                 compression=zipfile.ZIP_DEFLATED) as archive:
      for folder in folders:
        archive.add(f'{folder}/')
        for number in range(1, _PER_CLASS + 1):
          pixels = rng.integers(0, 256, (6, 8), dtype=np.uint8)
          archive.add(f'{folder}/T{folder}_{number:02d}.png',
                      fake_archives.image_bytes(pixels, 'PNG'))
      archive.add(f'{folders[0]}/Thumbs.db', b'\xd0\xcf\x11\xe0 not a thumbnail cache')
      archive.add(f'{folders[-1]}/ehthumbs_vista.db', b'\xd0\xcf\x11\xe0 not a thumbnail cache')


if __name__ == '__main__':
  main()
