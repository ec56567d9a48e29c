"""Writes dummy_data/kth-tips2-a_col_200x200.tar: the real tar's layout with tiny PNGs.

The real tar holds `KTH-TIPS2-a/<material>/sample_<x>/<CC><x>-scale_<s>_im_<i>_col.png` (11
materials, samples a-d, up to 108 colour 200x200 PNGs per sample: 9 scales x 12
pose/illumination images, some scales missing for some samples; `<CC>` is the material's CUReT
number), with directory entries for every folder. The fake one has 3 materials, 3 samples each:
4 colour 8x8 PNGs in samples a and b, 2 in sample c (the missing scales).

Run: python -m nevis_datasets.tasks.kth_tips_2a.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'kth-tips2-a_col_200x200.tar'
_MTIME = 1_104_537_600  # 2005-01-01: fixed, so the tar is byte-for-byte reproducible.
# Material -> its number in the file names.
_MATERIALS = {'brown_bread': 48, 'lettuce_leaf': 23, 'wood': 54}
# Sample -> its (scale, image) pairs.
_SAMPLES = {
    'a': ((2, 1), (4, 3), (5, 7), (9, 12)),
    'b': ((2, 1), (4, 3), (5, 7), (9, 12)),
    'c': ((5, 7), (9, 12)),
}


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_tar(_OUT, mtime=_MTIME) as archive:
    archive.add('KTH-TIPS2-a')
    for material, number in _MATERIALS.items():
      archive.add(f'KTH-TIPS2-a/{material}')
      for sample, images in _SAMPLES.items():
        folder = f'KTH-TIPS2-a/{material}/sample_{sample}'
        archive.add(folder)
        for scale, image in images:
          pixels = rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)
          archive.add(f'{folder}/{number}{sample}-scale_{scale}_im_{image}_col.png',
                      fake_archives.image_bytes(pixels, 'PNG'))


if __name__ == '__main__':
  main()
