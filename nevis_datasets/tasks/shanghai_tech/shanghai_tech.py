"""ShanghaiTech (Zhang et al., CVPR 2016): 1198 crowd images in two parts, people counted.

The Kaggle archive (`tthien/shanghaitech`, extracted by the toolkit) holds
`ShanghaiTech/part_<A|B>/<train|test>_data/images/IMG_<k>.jpg` (part A: 300 + 182 web images,
some grayscale; part B: 400 + 316 street photos) and beside them
`.../ground-truth/GT_IMG_<k>.mat`, whose `image_info` (a 1x1 cell holding a struct) has the
head positions of the image as `location` (one x, y row per head) and their `number`. A copy of
the tree under `shanghaitech_h5_empty/` is not used, as in the reference.

Label = the number of `location` rows, quantised into 10 classes of contiguous counts by the
reference's rule (`toolkit.labels.count_buckets`) over all ground-truth files of both parts, as
the reference; class names ('<lowest>-<highest>') come from the data. Splits: the training
images of both parts are divided into train/dev/dev_test by a hash of their path, the test
images of both parts are test.

Differences from the reference (see README.md): no count cap (the reference's lookup failed
from 5000 on); empty buckets where bounds coincide; class names that say each bucket's counts;
train/dev/dev_test by hash instead of a seeded permutation in zip order; a ground truth without
its image is tolerated up to 1%; a malformed ground-truth file or name stops the build.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
import re
from typing import Any

from absl import logging
import numpy as np

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import trees

ARCHIVE = 'shanghaitech.zip'
ROOT = 'ShanghaiTech'
# A ground-truth file, relative to ROOT; its image is `<part>/<split>_data/images/<IMG_k>.jpg`.
_GROUND_TRUTH = re.compile(r'(part_[AB])/(train|test)_data/ground-truth/GT_(IMG_\d+)\.mat')


def image_of(ground_truth: str) -> tuple[str, str]:
  """The image (relative to ROOT) and the source split of a ground-truth file (relative to ROOT).

  Raises:
    ValueError: not `part_<A|B>/<train|test>_data/ground-truth/GT_IMG_<k>.mat`.
  """
  match = _GROUND_TRUTH.fullmatch(ground_truth)
  if not match:
    raise ValueError(f'{ROOT}/{ground_truth} is not a ground-truth file '
                     'part_<A|B>/<train|test>_data/ground-truth/GT_IMG_<k>.mat')
  part, split, image = match.groups()
  return f'{part}/{split}_data/images/{image}.jpg', split


def head_count(mat: Mapping[str, Any], file_name: str) -> int:
  """The number of heads of a ground-truth file (`scipy.io.loadmat`): its `location` rows.

  Raises:
    ValueError: no `image_info` cell holding a struct whose `location` is N x 2 numbers.
  """
  if 'image_info' not in mat:
    raise ValueError(f"{file_name} has no 'image_info' variable")
  info = np.asarray(mat['image_info'])
  record = np.asarray(info.flat[0]) if info.dtype == object and info.size == 1 else None
  if record is None or record.size != 1 or 'location' not in (record.dtype.names or ()):
    raise ValueError(f"{file_name}: 'image_info' is not a 1x1 cell holding a struct with a "
                     "'location' field")
  location = np.asarray(record['location'].flat[0])
  if location.size == 0:
    return 0
  if location.ndim != 2 or location.shape[1] != 2 or not np.issubdtype(location.dtype,
                                                                         np.number):
    raise ValueError(f"{file_name}: 'location' has shape {location.shape} and dtype "
                     f'{location.dtype}, not N x 2 coordinates')
  return location.shape[0]


class ShanghaiTech(toolkit.TaskBuilder):
  """ShanghaiTech A+B; images of the extracted Kaggle archive, label = bucket of their count."""

  TASK = 'shanghai_tech'
  CLASS_NAMES = None  # The count buckets of the data (`set_class_names`).
  SPLIT_RULE = splits.TRAIN_TEST

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download_kaggle(dl_manager) / ROOT  # Not shanghaitech_h5_empty/.
    with self.expected_content(ARCHIVE):
      if not root.is_dir():
        raise ValueError(f'{ROOT}/ is missing')
      files = dict(trees.extracted_files(root))
      annotated = {}  # Image -> (head count, source split).
      for name, path in files.items():
        if name.endswith('.mat'):
          image, split = image_of(name)
          annotated[image] = (head_count(toolkit.matfiles.read_mat(path), name), split)
      # Every ground truth counts, as in the reference, its image in the archive or not.
      buckets = toolkit.labels.count_buckets([c for c, _ in annotated.values()],
                                             self.task.num_classes)
    self.set_class_names(buckets.class_names)
    unused = sum(name.endswith('.jpg') and name not in annotated for name in files)
    logging.info('[%s] %d ground-truth files; %d .jpg files without one not used. Count '
                 'buckets: %s.', self.TASK, len(annotated), unused, ', '.join(buckets.class_names))
    missing = [f'{ROOT}/{image}' for image in annotated if image not in files]
    self.check_missing_images(missing, len(annotated), listed_in=f'the {ROOT}/ ground truth',
                              archive=ARCHIVE)
    for image, (count, split) in sorted(annotated.items()):
      if image in files:
        yield toolkit.Example(key=f'{ROOT}/{image}', image=files[image],
                              label=buckets.label(count), source_split=split)
