"""Writes dummy_data/tiny-imagenet-200.zip: the real archive's layout, with tiny images.

The real zip holds, under `tiny-imagenet-200/` (with directory entries): `wnids.txt` (the 200
wnids, one a line, in no sorted order), `words.txt` (`<wnid>\\t<names>` for every ImageNet
synset), `train/<wnid>/<wnid>_boxes.txt` and `train/<wnid>/images/<wnid>_<n>.JPEG` (500 a
class), `val/val_annotations.txt` (`<file>\\t<wnid>\\t<x0>\\t<y0>\\t<x1>\\t<y1>`) and
`val/images/val_<n>.JPEG` (10,000), and `test/images/test_<n>.JPEG` (10,000, unlabelled), all
64x64 JPEGs, a few of them grayscale. The fake one lists the real 200 wnids in a shuffled
order, and has 3 classes (n01443537 0, n02124075 32, n12267677 199) with 7 train images each,
6 annotated val images and 2 test images, all 8x8; `GRAY_TRAIN` and `GRAY_VAL` are grayscale
JPEGs (the builder must store them as RGB), the others RGB.

Run: python -m nevis_datasets.tasks.tiny_imagenet.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.tiny_imagenet import tiny_imagenet

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'tiny-imagenet-200.zip'
_DATE = (2015, 3, 1, 0, 0, 0)  # Fixed, so the archive is byte-for-byte reproducible.
_ROOT = tiny_imagenet.ROOT
_SIDE = 8
WNIDS = ('n01443537', 'n02124075', 'n12267677')
NUM_TRAIN = 7  # A class.
GRAY_TRAIN = 'train/n02124075/images/n02124075_3.JPEG'
# Val file -> wnid; the lines of val_annotations.txt, in this order.
VAL_LABELS = {
    'val_0.JPEG': 'n12267677', 'val_1.JPEG': 'n01443537', 'val_2.JPEG': 'n02124075',
    'val_3.JPEG': 'n01443537', 'val_4.JPEG': 'n12267677', 'val_5.JPEG': 'n12267677',
}
GRAY_VAL = 'val/images/val_4.JPEG'


def _jpeg(rng: np.random.Generator, member: str) -> bytes:
  pixels = rng.integers(0, 256, (_SIDE, _SIDE, 3), dtype=np.uint8)
  mode = 'L' if member in (GRAY_TRAIN, GRAY_VAL) else None
  return fake_archives.image_bytes(pixels, 'JPEG', mode=mode, quality=90)


def main() -> None:
  rng = np.random.default_rng(0)
  _OUT.parent.mkdir(exist_ok=True)
  with fake_archives.write_zip(_OUT, date_time=_DATE, compression=zipfile.ZIP_DEFLATED) as archive:
    archive.add(_ROOT)
    shuffled = rng.permutation(np.array(tiny_imagenet.CLASS_NAMES)).tolist()
    archive.add(_ROOT + 'wnids.txt', ''.join(f'{wnid}\n' for wnid in shuffled).encode())
    archive.add(_ROOT + 'words.txt', b'n00001740\tentity\nn01443537\tgoldfish, Carassius '
                b'auratus\nn02124075\tEgyptian cat\nn12267677\tacorn\n')
    archive.add(_ROOT + 'train/')
    for wnid in WNIDS:
      archive.add(f'{_ROOT}train/{wnid}/')
      boxes = ''.join(f'{wnid}_{i}.JPEG\t0\t1\t6\t7\n' for i in range(NUM_TRAIN))
      archive.add(f'{_ROOT}train/{wnid}/{wnid}_boxes.txt', boxes.encode())
      archive.add(f'{_ROOT}train/{wnid}/images/')
      for i in range(NUM_TRAIN):
        member = f'train/{wnid}/images/{wnid}_{i}.JPEG'
        archive.add(_ROOT + member, _jpeg(rng, member))
    archive.add(_ROOT + 'val/')
    annotations = ''.join(f'{name}\t{wnid}\t1\t2\t6\t7\n' for name, wnid in VAL_LABELS.items())
    archive.add(_ROOT + 'val/val_annotations.txt', annotations.encode())
    archive.add(_ROOT + 'val/images/')
    for name in VAL_LABELS:
      archive.add(f'{_ROOT}val/images/{name}', _jpeg(rng, f'val/images/{name}'))
    archive.add(_ROOT + 'test/')
    archive.add(_ROOT + 'test/images/')
    for i in range(2):
      archive.add(f'{_ROOT}test/images/test_{i}.JPEG', _jpeg(rng, 'test'))


if __name__ == '__main__':
  main()
