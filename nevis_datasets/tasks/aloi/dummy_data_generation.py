"""Writes dummy_data/aloi_red4_{col,view,ill}.tar: the real layout with tiny random PNGs.

Each real tar holds `png4/<object>/<object>_<condition>.png` for objects 1..1000 (192x144
colour PNGs), with directory entries: `_i<colour temperature>` images in the col tar,
`_r<angle>` in the view tar, `_l<light>c<camera>` in the ill tar. Here objects 1, 2 and 1000,
with 2 col, 4 view and 1 ill image each. No stereo tar: the builder does not use it.

Run: python -m nevis_datasets.tasks.aloi.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_OBJECTS = (1, 2, 1000)
# Tar -> the condition suffixes of each object's images.
CONDITIONS = {
    'col': ('i110', 'i120'),
    'view': ('r0', 'r5', 'r10', 'r15'),
    'ill': ('l1c1',),
}
_MTIME = 1_100_000_000  # Fixed, so the archives are byte-for-byte reproducible.


def _png(rng: np.random.Generator) -> bytes:
  return fake_archives.image_bytes(rng.integers(0, 256, (3, 4, 3), dtype=np.uint8), 'PNG')


def main() -> None:
  rng = np.random.default_rng(0)
  for tar, conditions in CONDITIONS.items():
    with fake_archives.write_tar(_DIR / f'aloi_red4_{tar}.tar', mtime=_MTIME) as archive:
      archive.add('png4/')
      for obj in _OBJECTS:
        archive.add(f'png4/{obj}/')
        for condition in conditions:
          archive.add(f'png4/{obj}/{obj}_{condition}.png', _png(rng))


if __name__ == '__main__':
  main()
