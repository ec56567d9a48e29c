"""Writes dummy_data/mall_dataset.zip: a 30-frame Mall in the real zip's layout.

The real zip holds `mall_dataset/frames/seq_000001.jpg` to `seq_002000.jpg` (640x480 colour
JPEGs), `mall_dataset/mall_gt.mat` (`count`: 2000x1, the number of people per frame; `frame`:
a 1x2000 cell array of 1x1 structs whose `loc` holds each head's x, y), `mall_feat.mat` and
`perspective_roi.mat`, with directory entries. The fake one is the same for 30 frames (tested
with `NUM_FRAMES = 30`, `TRAIN_FRAMES = 20`): 8x6 JPEGs, `count` as uint8 (an integer type, as
the reference's indexing with it implies; the real type is not known here), and frame
MISSING_FRAME absent from frames/ (its count still joins the buckets, as in the reference).
Counts: see COUNTS (the test derives the buckets from them by hand).

Run: python -m nevis_datasets.tasks.mall.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'mall_dataset.zip'
_DATE = (2012, 9, 1, 0, 0, 0)  # Fixed, so the zip is byte-for-byte reproducible.
# The people in frames 1, 2, ...: 20 training frames, then 10 test frames.
COUNTS = (29, 31, 33, 30, 27, 26, 24, 22, 21, 19, 17, 15, 14, 13, 17, 18, 20, 23, 25, 28,
          32, 34, 36, 37, 39, 40, 41, 44, 47, 53)
TRAIN_FRAMES = 20
MISSING_FRAME = 7


def _ground_truth(rng: np.random.Generator) -> dict[str, np.ndarray]:
  frame = np.empty((1, len(COUNTS)), dtype=object)
  for i, count in enumerate(COUNTS):
    record = np.empty((1, 1), dtype=[('loc', 'O')])
    record[0, 0]['loc'] = rng.integers(0, (8, 6), (count, 2)) + 0.5  # x, y in the 8x6 frames.
    frame[0, i] = record
  return {'count': np.array(COUNTS, np.uint8)[:, None], 'frame': frame}


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_zip(_OUT, date_time=_DATE, compression=zipfile.ZIP_DEFLATED) as archive:
    archive.add('mall_dataset/')
    archive.add('mall_dataset/frames/')
    for number in range(1, len(COUNTS) + 1):
      pixels = rng.integers(0, 256, (6, 8, 3), dtype=np.uint8)
      if number != MISSING_FRAME:
        archive.add(f'mall_dataset/frames/seq_{number:06d}.jpg',
                    fake_archives.image_bytes(pixels, 'JPEG'))
    archive.add('mall_dataset/mall_feat.mat',
                fake_archives.mat_bytes({'feat': np.zeros((len(COUNTS), 4))}))
    archive.add('mall_dataset/mall_gt.mat', fake_archives.mat_bytes(_ground_truth(rng)))
    archive.add('mall_dataset/perspective_roi.mat',
                fake_archives.mat_bytes({'roi': np.ones((6, 8), np.uint8)}))


if __name__ == '__main__':
  main()
