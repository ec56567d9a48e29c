"""Writes dummy_data/shanghaitech.zip: the Kaggle archive's layout, tiny images, few heads.

The real archive (Kaggle `tthien/shanghaitech`) holds
`ShanghaiTech/part_<A|B>/<train|test>_data/images/IMG_<k>.jpg` (part A 300 + 182, part B 400 +
316 JPEGs, part A with some grayscale ones) and `.../ground-truth/GT_IMG_<k>.mat`: MATLAB 5 files
whose `image_info` is a 1x1 cell holding a 1x1 struct with `location` (one x, y row of doubles
per head) and `number` (1x1 uint16); plus a copy of the tree under `shanghaitech_h5_empty/`
with empty `ground-truth-h5/` folders. The fake one has 12 images in part A (8 train, 4 test)
and 18 in part B (12 train, 6 test), 8x6 JPEGs (part A's IMG_2 grayscale), an image without a
ground truth (not used) and a `shanghaitech_h5_empty/` copy of one image whose count would shift
every bucket bound if it were used. Counts: see COUNTS (the test derives the buckets from them by
hand).

Run: python -m nevis_datasets.tasks.shanghai_tech.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'shanghaitech.zip'
_DATE = (2019, 3, 1, 0, 0, 0)  # Fixed, so the zip is byte-for-byte reproducible.
# (part, split) -> the head counts of IMG_1, IMG_2, ...
COUNTS = {
    ('part_A', 'train'): (211, 92, 148, 65, 187, 104, 52, 131),
    ('part_A', 'test'): (166, 73, 117, 82),
    ('part_B', 'train'): (0, 14, 27, 5, 41, 19, 33, 9, 58, 24, 3, 46),
    ('part_B', 'test'): (8, 30, 11, 37, 16, 21),
}
GRAY = 'part_A/train_data/images/IMG_2.jpg'
WITHOUT_GROUND_TRUTH = 'part_B/test_data/images/IMG_7.jpg'
_H5_EMPTY = 'shanghaitech_h5_empty/ShanghaiTech'


def ground_truth(rng: np.random.Generator, count: int) -> bytes:
  """A GT_IMG_<k>.mat of `count` heads, in the real files' layout."""
  record = np.empty((1, 1), dtype=[('location', 'O'), ('number', 'O')])
  record[0, 0]['location'] = rng.integers(0, (8, 6), (count, 2)) + 0.5  # x, y in the image.
  record[0, 0]['number'] = np.array([[count]], np.uint16)
  cell = np.empty((1, 1), dtype=object)
  cell[0, 0] = record
  return fake_archives.mat_bytes({'image_info': cell})


def _image(rng: np.random.Generator, name: str) -> bytes:
  pixels = rng.integers(0, 256, (6, 8, 3), dtype=np.uint8)
  return fake_archives.image_bytes(pixels, 'JPEG', mode='L' if name == GRAY else None)


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_zip(_OUT, date_time=_DATE, compression=zipfile.ZIP_DEFLATED) as archive:
    archive.add('ShanghaiTech/')
    for (part, split), counts in COUNTS.items():
      folder = f'{part}/{split}_data'
      for sub in ('', '/ground-truth', '/images'):
        archive.add(f'ShanghaiTech/{folder}{sub}/')
      for k, count in enumerate(counts, 1):
        archive.add(f'ShanghaiTech/{folder}/ground-truth/GT_IMG_{k}.mat', ground_truth(rng, count))
      for k in range(1, len(counts) + 1):
        name = f'{folder}/images/IMG_{k}.jpg'
        archive.add(f'ShanghaiTech/{name}', _image(rng, name))
    archive.add(f'ShanghaiTech/{WITHOUT_GROUND_TRUTH}', _image(rng, WITHOUT_GROUND_TRUTH))
    for sub in ('', '/part_A', '/part_A/train_data', '/part_A/train_data/ground-truth',
                '/part_A/train_data/ground-truth-h5', '/part_A/train_data/images'):
      archive.add(f'{_H5_EMPTY}{sub}/')
    archive.add(f'{_H5_EMPTY}/part_A/train_data/ground-truth/GT_IMG_1.mat', ground_truth(rng, 2))
    archive.add(f'{_H5_EMPTY}/part_A/train_data/images/IMG_1.jpg', _image(rng, 'IMG_1.jpg'))


if __name__ == '__main__':
  main()
