"""Writes dummy_data/volcanoes.tar.gz: the real archive's layout with tiny random images.

The real `.sdt` rasters are 1024x1024 (1 MiB each); the fake ones are `SIDE`x`SIDE`, and the test
patches the builder's `_IMAGE_SIDE` to match.

Run: python -m nevis_datasets.tasks.magellan_venus_volcanoes.dummy_data_generation
"""

import gzip
import pathlib

import numpy as np

from nevis_datasets import fake_archives

SIDE = 16
_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'volcanoes.tar.gz'

# Image number -> lines of its GroundTruths/img<N>.lxyr (None: no file). Confidence first.
GROUND_TRUTHS = {
    1: ['1 120.50 340.25 8.10', '3 512.00 77.00 4.20'],  # pos
    2: ['2 10.00 20.00 5.00', '3 30.00 40.00 6.00'],  # neg: no confidence-1 volcano
    3: [],  # neg: empty file
    4: None,  # neg: no ground-truth file
    5: ['4 1.00 2.00 3.00', '1 5.00 6.00 7.00'],  # pos: not on the first line
    6: ['1 900.00 900.00 10.00'],  # pos
    7: ['4 100.00 100.00 3.00'],  # neg
    8: ['1 64.00 64.00 9.00', '1 70.00 80.00 9.00'],  # pos
    9: ['2 640.00 480.00 6.50'],  # neg
    10: ['3 1.00 1.00 2.00', '1 2.00 2.00 2.00'],  # pos
}


def main() -> None:
  rng = np.random.default_rng(0)
  # Gzipped here, not by write_tar(gzip=True): unlike the helper's, this gzip header names the
  # inner file (volcanoes.tar), and the committed archive stays byte-identical.
  with open(_OUT, 'wb') as raw, gzip.GzipFile(fileobj=raw, mode='wb', mtime=0) as zipped, \
      fake_archives.write_tar(zipped, mtime=0) as archive:
    for folder in ('package', 'package/Images', 'package/GroundTruths', 'package/Chips',
                   'package/FOA', 'package/Programs', 'package/Tables'):
      archive.add(folder + '/')
    archive.add('package/README', b'JARtool volcanoes package (fake).\n')
    for n, lines in GROUND_TRUTHS.items():
      image = rng.integers(0, 256, SIDE * SIDE, dtype=np.uint8)
      archive.add(f'package/Images/img{n}.sdt', image.tobytes())
      archive.add(f'package/Images/img{n}.spr', f'0\n{SIDE}\n0.0\n1.0\n{SIDE}\n'.encode())
      if lines is not None:
        text = ''.join(line + '\n' for line in lines)
        archive.add(f'package/GroundTruths/img{n}.lxyr', text.encode())
    # Ignored by the reference's filter, although they are rasters of the right size.
    chip = rng.integers(0, 256, SIDE * SIDE, dtype=np.uint8).tobytes()
    archive.add('package/Chips/exp_A1_Ctrn.sdt', chip)
    archive.add('package/FOA/img1.sdt', chip)
    archive.add('package/Programs/vread.m', b'function img = vread(name)\n')
    archive.add('package/Tables/Experiments_Images_Table', b'A1 img1 img2\n')


if __name__ == '__main__':
  main()
