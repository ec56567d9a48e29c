"""Writes dummy_data/kth-tips2-b_col_200x200.tar: the real tar's layout with tiny PNGs.

The real tar holds `KTH-TIPS2-b/<material>/sample_<x>/<CC><x>-scale_<s>_im_<i>_col.png` (11
materials, samples a-d, 108 colour 200x200 PNGs per sample: 9 scales x 12 pose/illumination
images; `<CC>` is the material's CUReT number), with directory entries for every folder. The
fake one has 3 materials, 2 samples each, 4 colour 8x8 PNGs per sample.

Run: python -m nevis_datasets.tasks.kth_tips_2b.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'kth-tips2-b_col_200x200.tar'
_MTIME = 1_104_537_600  # 2005-01-01: fixed, so the tar is byte-for-byte reproducible.
# Material -> its number in the file names.
_MATERIALS = {'cork': 16, 'cracker': 60, 'wool': 22}
_SAMPLES = ('a', 'b')
_IMAGES = ((2, 1), (4, 3), (5, 7), (9, 12))  # (scale, image) pairs.


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_tar(_OUT, mtime=_MTIME) as archive:
    archive.add('KTH-TIPS2-b')
    for material, number in _MATERIALS.items():
      archive.add(f'KTH-TIPS2-b/{material}')
      for sample in _SAMPLES:
        folder = f'KTH-TIPS2-b/{material}/sample_{sample}'
        archive.add(folder)
        for scale, image in _IMAGES:
          pixels = rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)
          archive.add(f'{folder}/{number}{sample}-scale_{scale}_im_{image}_col.png',
                      fake_archives.image_bytes(pixels, 'PNG'))


if __name__ == '__main__':
  main()
