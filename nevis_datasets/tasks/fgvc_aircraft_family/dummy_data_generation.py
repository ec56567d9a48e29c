"""Writes dummy_data/fgvc-aircraft-2013b.tar.gz: the real archive's layout with tiny JPEGs.

The real archive holds `fgvc-aircraft-2013b/data/images/<7-digit id>.jpg` (10,000 photos), the
70 family names in `data/families.txt` and, per split (train, val, trainval = train + val,
test), the lists `data/images_family_<split>.txt` (`<id> <family>` per line) and
`data/images_<split>.txt` (ids only), besides the manufacturer / variant lists and Matlab
evaluation code, not written here. The fake one has 4 families (`A300`, `Boeing 737`, `F/A-18`,
`Yak-42`), 5 trainval (3 train + 2 val) and 2 test images each, as 8x6 random JPEGs; some ids
have leading zeros, as in the real lists.

Run: python -m nevis_datasets.tasks.fgvc_aircraft_family.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.fgvc_aircraft_family import fgvc_aircraft_family

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'fgvc-aircraft-2013b.tar.gz'
_ROOT = 'fgvc-aircraft-2013b'
FAMILIES = ('A300', 'Boeing 737', 'F/A-18', 'Yak-42')
# Images per family in each of the real lists' splits; trainval is train + val.
_SPLIT_SIZES = {'train': 3, 'val': 2, 'test': 2}
_MTIME = 1_370_000_000  # Fixed, so the archive is byte-for-byte reproducible.


def _lines(items) -> bytes:
  return ''.join(f'{item}\n' for item in items).encode()


def main() -> None:
  rng = np.random.default_rng(0)
  count = len(FAMILIES) * sum(_SPLIT_SIZES.values())
  ids = [f'{i:07d}' for i in rng.choice(2_000_000, size=count, replace=False)]
  rows = {split: [] for split in _SPLIT_SIZES}  # (id, family) pairs.
  for family in FAMILIES:
    for split, size in _SPLIT_SIZES.items():
      rows[split] += [(ids.pop(), family) for _ in range(size)]
  rows['trainval'] = rows['train'] + rows['val']
  rows = {split: sorted(pairs) for split, pairs in rows.items()}  # The lists are sorted by id.
  with fake_archives.write_tar(_OUT, mtime=_MTIME, gzip=True) as archive:
    archive.add(f'{_ROOT}/')
    archive.add(f'{_ROOT}/README.md', b'# Fine-Grained Visual Classification of Aircraft\n')
    archive.add(f'{_ROOT}/data/')
    archive.add(f'{_ROOT}/data/images/')
    for image_id, _ in sorted(rows['trainval'] + rows['test']):
      pixels = rng.integers(0, 256, (6, 8, 3), dtype=np.uint8)
      archive.add(f'{_ROOT}/data/images/{image_id}.jpg',
                  fake_archives.image_bytes(pixels, 'JPEG', quality=50))
    archive.add(f'{_ROOT}/data/families.txt', _lines(fgvc_aircraft_family.CLASS_NAMES))
    for split in ('train', 'val', 'trainval', 'test'):
      archive.add(f'{_ROOT}/data/images_family_{split}.txt',
                  _lines(f'{image_id} {family}' for image_id, family in rows[split]))
      archive.add(f'{_ROOT}/data/images_{split}.txt',
                  _lines(image_id for image_id, _ in rows[split]))


if __name__ == '__main__':
  main()
