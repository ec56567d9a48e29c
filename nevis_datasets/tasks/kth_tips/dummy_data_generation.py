"""Writes dummy_data/kth_tips_col_200x200.tar: the real tar's layout with tiny PNGs.

The real tar holds `KTH_TIPS/<material>/<CC>-scale_<s>_im_<i>_col.png` (81 colour 200x200 PNGs
per material: 9 scales x 9 pose/illumination images; `<CC>` is the CUReT sample number of the
material), with directory entries for `KTH_TIPS/` and each material folder. The fake one has 3
materials with 5 colour 8x8 PNGs each.

Run: python -m nevis_datasets.tasks.kth_tips.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'kth_tips_col_200x200.tar'
_MTIME = 1_072_915_200  # 2004-01-01: fixed, so the tar is byte-for-byte reproducible.
# Material -> its sample number in the file names.
_MATERIALS = {'aluminium_foil': 15, 'linen': 44, 'styrofoam': 12}
_IMAGES = ((1, 1), (1, 2), (3, 1), (5, 4), (9, 9))  # (scale, image) pairs.


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_tar(_OUT, mtime=_MTIME) as archive:
    archive.add('KTH_TIPS')
    for material, number in _MATERIALS.items():
      archive.add(f'KTH_TIPS/{material}')
      for scale, image in _IMAGES:
        pixels = rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)
        archive.add(f'KTH_TIPS/{material}/{number}-scale_{scale}_im_{image}_col.png',
                    fake_archives.image_bytes(pixels, 'PNG'))


if __name__ == '__main__':
  main()
