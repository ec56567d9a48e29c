"""Writes dummy_data/ig02-v1.0-{bikes,cars,people}.zip: the real layout with tiny images.

Each real zip holds `<class>/<name>.image.png` photos (640x480 RGB) with their
`<class>/<name>.mask.<n>.png` masks, and `<class>_{info,train,test}.txt` plus `readme.txt` at
its root. The fake ones have 5 or 6 photos (8x6 PNGs) per class with one mask each; the cars
zip has a byte-identical copy of one photo and the bikes zip a copy with the same pixels but
different bytes (both dropped), and the people zip a copy of a bikes photo (kept: another
class).

Run: python -m nevis_datasets.tasks.ig02.dummy_data_generation
"""

import pathlib

import numpy as np
from PIL import PngImagePlugin

from nevis_datasets import fake_archives

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_TIMESTAMP = (2007, 3, 1, 0, 0, 0)
_PREFIXES = {'bikes': 'bike', 'cars': 'carsgraz', 'people': 'person'}


def _png(pixels: np.ndarray, note: str | None = None) -> bytes:
  info = None
  if note is not None:
    info = PngImagePlugin.PngInfo()
    info.add_text('Comment', note)
  return fake_archives.image_bytes(pixels, 'PNG', pnginfo=info)


def main() -> None:
  rng = np.random.default_rng(0)
  photos: dict[str, dict[str, bytes]] = {}
  for name, prefix in _PREFIXES.items():
    photos[name] = {f'{prefix}_{i:03d}': _png(rng.integers(0, 256, (6, 8, 3), dtype=np.uint8))
                    for i in range(1, 6)}
  first_bike = rng.integers(0, 256, (6, 8, 3), dtype=np.uint8)
  photos['bikes']['bike_001'] = _png(first_bike)
  photos['bikes']['bike_006'] = _png(first_bike, note='re-encoded')  # Same pixels: dropped.
  photos['cars']['carsgraz_005'] = photos['cars']['carsgraz_002']  # Same bytes: dropped.
  photos['people']['person_005'] = photos['bikes']['bike_003']  # Another class: kept.

  for name, images in photos.items():
    ids = sorted(images)
    members = {
        'readme.txt': b'INRIA Annotations for Graz-02 (IG02)\n',
        f'{name}_info.txt': ''.join(f'{i} 1 0 0 0\n' for i in ids).encode(),
        f'{name}_train.txt': ''.join(f'{i}\n' for i in ids[:2]).encode(),
        f'{name}_test.txt': ''.join(f'{i}\n' for i in ids[2:4]).encode(),
    }
    for image_id in ids:
      members[f'{name}/{image_id}.image.png'] = images[image_id]
      mask = np.zeros((6, 8, 3), dtype=np.uint8)
      mask[1:4, 2:6, 0] = 255
      members[f'{name}/{image_id}.mask.0.png'] = _png(mask)
    with fake_archives.write_zip(_DIR / f'ig02-v1.0-{name}.zip', date_time=_TIMESTAMP) as zf:
      zf.add(f'{name}/')
      for member in sorted(members):
        zf.add(member, members[member])


if __name__ == '__main__':
  main()
