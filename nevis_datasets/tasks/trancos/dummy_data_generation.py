"""Writes dummy_data/TRANCOS_v3.tar.gz: the real tar's layout, tiny images, few vehicles.

The real tar.gz holds `TRANCOS_v3/images/image-<c>-<n>.jpg` (1244 JPEG traffic-camera frames,
640x480) and beside each image `image-<c>-<n>.txt` (one `x y` line per annotated vehicle),
`image-<c>-<n>dots.png` and `image-<c>-<n>mask.mat`; `TRANCOS_v3/image_sets/training.txt`,
`validation.txt`, `trainval.txt` and `test.txt` (one image name a line); `TRANCOS_v3/code/`
and `TRANCOS_v3/LICENSE.txt`; with directory entries. The fake one has 20 annotated 8x6 JPEGs:
9 listed for training, 5 for validation, 5 for test and one in no list (its count still joins
the buckets, as in the reference). Among them a grayscale JPEG, an image without vehicles (an
empty annotation), an annotation with tabs and CRLF line ends and one ending in a blank line;
test.txt has no newline after its last line. Counts: see COUNTS (the test derives the buckets
from them by hand).

Run: python -m nevis_datasets.tasks.trancos.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'TRANCOS_v3.tar.gz'
_MTIME = 1_425_168_000  # 2015-03-01: fixed, so the tar is byte-for-byte reproducible.
# Image name (without .jpg) -> (its list, or None, its vehicle count).
COUNTS = {
    'image-1-000011': ('training.txt', 7),
    'image-1-000012': ('training.txt', 0),
    'image-1-000013': ('training.txt', 12),
    'image-2-000021': ('training.txt', 25),
    'image-2-000022': ('training.txt', 3),
    'image-2-000023': ('training.txt', 7),
    'image-3-000031': ('training.txt', 16),
    'image-3-000032': ('training.txt', 40),
    'image-3-000033': ('training.txt', 9),
    'image-1-000101': ('validation.txt', 1),
    'image-2-000102': ('validation.txt', 7),
    'image-3-000103': ('validation.txt', 13),
    'image-4-000104': ('validation.txt', 20),
    'image-4-000105': ('validation.txt', 5),
    'image-1-000201': ('test.txt', 2),
    'image-2-000202': ('test.txt', 10),
    'image-3-000203': ('test.txt', 30),
    'image-4-000204': ('test.txt', 4),
    'image-4-000205': ('test.txt', 15),
    'image-4-000301': (None, 7),
}
GRAY = 'image-2-000022'
TABS_CRLF = 'image-3-000031'
BLANK_END = 'image-1-000013'


def _annotation(rng: np.random.Generator, name: str, count: int) -> bytes:
  points = rng.integers(0, 640, (count, 2))
  separator, end = ('\t', '\r\n') if name == TABS_CRLF else (' ', '\n')
  text = ''.join(f'{x}{separator}{y}{end}' for x, y in points)
  return (text + ('\n' if name == BLANK_END else '')).encode()


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_tar(_OUT, mtime=_MTIME, gzip=True) as archive:
    for folder in ('TRANCOS_v3', 'TRANCOS_v3/code', 'TRANCOS_v3/image_sets',
                   'TRANCOS_v3/images'):
      archive.add(folder)
    archive.add('TRANCOS_v3/LICENSE.txt', b'Research use only.\n')
    archive.add('TRANCOS_v3/code/setup.m', b'% not used\n')
    for name, (_, count) in COUNTS.items():
      pixels = rng.integers(0, 256, (6, 8, 3), dtype=np.uint8)
      mode = 'L' if name == GRAY else None
      archive.add(f'TRANCOS_v3/images/{name}.jpg',
                  fake_archives.image_bytes(pixels, 'JPEG', mode=mode))
      archive.add(f'TRANCOS_v3/images/{name}.txt', _annotation(rng, name, count))
      archive.add(f'TRANCOS_v3/images/{name}dots.png',
                  fake_archives.image_bytes(np.zeros((6, 8, 3), np.uint8), 'PNG'))
      archive.add(f'TRANCOS_v3/images/{name}mask.mat',
                  fake_archives.mat_bytes({'BW': np.ones((6, 8), np.uint8)}))
    lists = {}
    for name, (list_name, _) in COUNTS.items():
      if list_name:
        lists.setdefault(list_name, []).append(f'{name}.jpg')
    lists['trainval.txt'] = lists['training.txt'] + lists['validation.txt']
    for list_name in ('training.txt', 'validation.txt', 'trainval.txt', 'test.txt'):
      text = '\n'.join(lists[list_name]) + ('' if list_name == 'test.txt' else '\n')
      archive.add(f'TRANCOS_v3/image_sets/{list_name}', text.encode())


if __name__ == '__main__':
  main()
