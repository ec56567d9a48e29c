"""Mall (Chen, Loy, Gong & Xiang, BMVC 2012): 2000 frames of a mall webcam, people counted.

`mall_dataset.zip` holds `mall_dataset/frames/seq_<nnnnnn>.jpg` (frames 1 to 2000 of one video,
640x480 JPEGs) and `mall_dataset/mall_gt.mat`, whose `count` (2000x1) is the number of people
in each frame, in frame order (`frame`, their head positions, is not used; nor are
`mall_feat.mat` and `perspective_roi.mat`). The zip is extracted once and read from there.

Label = the frame's count, quantised into 10 classes of contiguous counts by the reference's
rule (`toolkit.labels.count_buckets`) over all the counts of mall_gt.mat, as the reference;
class names ('<lowest>-<highest>') come from the data. Splits: the paper's protocol, frames 1
to 800 for training (divided into train/dev/dev_test by a hash of the frame path) and the other
1200 for test.

Differences from the reference (see README.md): no count cap (the reference's lookup failed
beyond 99); empty buckets where bounds coincide; class names that say each bucket's counts;
train/dev/dev_test by hash instead of a seeded permutation; frames missing from the zip are
counted and tolerated up to 1%; a malformed mall_gt.mat or frame name stops the build.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
import re
from typing import Any, ClassVar

from absl import logging
import numpy as np

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import trees

_URL = 'https://personal.ie.cuhk.edu.hk/~ccloy/files/datasets/mall_dataset.zip'
ZIP = 'mall_dataset.zip'
FRAMES = 'mall_dataset/frames'
GROUND_TRUTH = 'mall_dataset/mall_gt.mat'
_FRAME_NAME = re.compile(r'seq_(\d{6})\.jpg')


def parse_counts(mat: Mapping[str, Any]) -> list[int]:
  """The per-frame counts of mall_gt.mat (`scipy.io.loadmat`), in frame order.

  Raises:
    ValueError: no `count` variable, or it is not a vector of non-negative integers.
  """
  if 'count' not in mat:
    raise ValueError("mall_gt.mat has no 'count' variable")
  counts = np.asarray(mat['count'])
  if counts.ndim != 2 or 1 not in counts.shape or not np.issubdtype(counts.dtype, np.number):
    raise ValueError(f"'count' has shape {counts.shape} and dtype {counts.dtype}, not a vector "
                     'of numbers')
  counts = counts.ravel()
  bad = ~np.isfinite(counts) | (counts < 0) | (counts != np.round(counts))
  if bad.any():
    frame = int(np.flatnonzero(bad)[0])
    raise ValueError(f"'count' of frame {frame + 1} is {counts[frame]}, not a count")
  return [int(c) for c in counts]


def frame_number(name: str) -> int | None:
  """The frame number of a file of the frames folder, None for a file that is not a .jpg.

  Raises:
    ValueError: a .jpg not named `seq_<6 digits>.jpg`.
  """
  if not name.lower().endswith('.jpg'):
    return None
  match = _FRAME_NAME.fullmatch(name)
  if not match:
    raise ValueError(f'{FRAMES}/{name} is not named seq_<6 digits>.jpg')
  return int(match.group(1))


class Mall(toolkit.TaskBuilder):
  """Mall; the frames of the extracted zip, label = bucket of their count in mall_gt.mat."""

  TASK = 'mall'
  CLASS_NAMES = None  # The count buckets of the data (`set_class_names`).
  SPLIT_RULE = splits.TRAIN_TEST
  # Facts of the source, class attributes so that a test builds a smaller fake of its layout.
  NUM_FRAMES: ClassVar[int] = 2000
  TRAIN_FRAMES: ClassVar[int] = 800  # The paper's protocol: frames 1..800 train, others test.

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download(dl_manager, _URL, extract=True)
    with self.expected_content(ZIP):
      if not (root / GROUND_TRUTH).is_file():
        raise ValueError(f'{GROUND_TRUTH} is missing')
      counts = parse_counts(toolkit.matfiles.read_mat(root / GROUND_TRUTH))
      if len(counts) != self.NUM_FRAMES:
        raise ValueError(f'{GROUND_TRUTH} counts {len(counts)} frames, not {self.NUM_FRAMES}')
      if not (root / FRAMES).is_dir():
        raise ValueError(f'{FRAMES}/ is missing')
      frames = {}
      for name, path in trees.extracted_files(root / FRAMES):
        number = frame_number(name)
        if number is None:
          logging.info('[%s] %s/%s is not a frame: not used.', self.TASK, FRAMES, name)
          continue
        if not 1 <= number <= self.NUM_FRAMES:
          raise ValueError(f'{FRAMES}/{name}: {GROUND_TRUTH} counts frames 1 to '
                           f'{self.NUM_FRAMES} only')
        frames[number] = (name, path)
      # Every frame of mall_gt.mat counts, as in the reference, in the zip or not.
      buckets = toolkit.labels.count_buckets(counts, self.task.num_classes)
    self.set_class_names(buckets.class_names)
    logging.info('[%s] Count buckets: %s.', self.TASK, ', '.join(buckets.class_names))
    missing = [f'{FRAMES}/seq_{n:06d}.jpg' for n in range(1, self.NUM_FRAMES + 1)
               if n not in frames]
    self.check_missing_images(missing, self.NUM_FRAMES, listed_in=GROUND_TRUTH, archive=ZIP)
    for number, (name, path) in sorted(frames.items()):
      yield toolkit.Example(key=f'{FRAMES}/{name}', image=path,
                            label=buckets.label(counts[number - 1]),
                            source_split='train' if number <= self.TRAIN_FRAMES else 'test')
