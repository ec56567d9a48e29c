"""Oxford Flowers 17 (Nilsback & Zisserman): 1360 photos of 17 UK flower species, 80 of each.

`17flowers.tgz` holds `jpg/image_0001.jpg` .. `jpg/image_1360.jpg`, numbered class by class (80
per class, in a fixed order), so the label of image `i` is `(i - 1) // 80`. `datasplits.mat`
holds three official splits as 1-based image numbers; the first one (`trn1`, `val1`, `tst1`) is
used, as in the reference: `trn1` is divided into train/dev by a hash of the member path, `val1`
becomes dev_test and `tst1` test.

Differences from the reference (see README.md): train/dev by hash instead of a seeded draw in
archive order; no extra `all` split; an image listed in two splits, or listed but missing from
the archive, stops the build.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from typing import Any

from absl import logging
import numpy as np

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import trees

_IMAGES_URL = 'https://www.robots.ox.ac.uk/~vgg/data/flowers/17/17flowers.tgz'
_SPLITS_URL = 'https://www.robots.ox.ac.uk/~vgg/data/flowers/17/datasplits.mat'
_IMAGES_PER_CLASS = 80
_NUM_IMAGES = 1360
_IMAGE_MEMBER = re.compile(r'jpg/image_(\d{4})\.jpg')
# The variables of datasplits.mat the reference reads (split 1 of 3) -> source split.
SPLIT_VARIABLES = {'trn1': 'train', 'val1': 'validation', 'tst1': 'test'}

# The image order of the archive (VGG's category order; the reference names no classes).
CLASS_NAMES = (
    'daffodil', 'snowdrop', 'lily valley', 'bluebell', 'crocus', 'iris', 'tigerlily', 'tulip',
    'fritillary', 'sunflower', 'daisy', "colts' foot", 'dandelion', 'cowslip', 'buttercup',
    'windflower', 'pansy',
)


def image_index(member: str) -> int | None:
  """The 1-based number of image member `member` (`jpg/image_0081.jpg` -> 81).

  Returns:
    None for a file that is not an image (`jpg/files.txt`, the list of the image names).

  Raises:
    ValueError: an `image_*` file that is not `jpg/image_<NNNN>.jpg` with NNNN in 1..1360.
  """
  if not posixpath.basename(member).startswith('image_'):
    return None
  match = _IMAGE_MEMBER.fullmatch(member)
  if not match:
    raise ValueError(f'{member!r} is not named jpg/image_<NNNN>.jpg')
  index = int(match[1])
  if not 1 <= index <= _NUM_IMAGES:
    raise ValueError(f'{member!r}: image number {index} outside 1..{_NUM_IMAGES}')
  return index


def label_of(index: int) -> int:
  """The label id of image number `index`: the images come class by class, 80 per class."""
  return (index - 1) // _IMAGES_PER_CLASS


def source_splits(variables: Mapping[str, Any]) -> dict[int, str]:
  """Image number -> source split, from the variables of datasplits.mat.

  Raises:
    ValueError: `trn1`, `val1` or `tst1` is missing or does not hold image numbers in
      1..1360, or an image is listed twice.
  """
  listed_in: dict[int, str] = {}  # Image number -> the variable listing it.
  for variable in SPLIT_VARIABLES:
    if variable not in variables:
      raise ValueError(f'datasplits.mat has no variable {variable!r}')
    try:
      values = np.asarray(variables[variable], dtype=np.float64).ravel()
    except (TypeError, ValueError):
      raise ValueError(f'datasplits.mat variable {variable!r} is not a numeric array') from None
    if not np.all((values == np.floor(values)) & (values >= 1) & (values <= _NUM_IMAGES)):
      raise ValueError(f'datasplits.mat variable {variable!r} holds values that are not image '
                       f'numbers in 1..{_NUM_IMAGES}')
    for index in values.astype(int).tolist():
      if index in listed_in:
        raise ValueError(f'image {index} is listed twice, in {listed_in[index]!r} and '
                         f'{variable!r} of datasplits.mat')
      listed_in[index] = variable
  return {index: SPLIT_VARIABLES[variable] for index, variable in listed_in.items()}


class OxfordFlowers17(toolkit.TaskBuilder):
  """Oxford Flowers 17; label from the image number, splits from datasplits.mat (split 1)."""

  TASK = 'oxford_flowers_17'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_VALIDATION_TEST

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download(dl_manager, _IMAGES_URL, extract=True)
    mat = self.download(dl_manager, _SPLITS_URL)
    with self.expected_content('datasplits.mat'):
      split_of = source_splits(toolkit.matfiles.read_mat(mat))
    found: set[int] = set()
    for key, path in trees.extracted_files(root):
      with self.expected_content('17flowers.tgz'):
        index = image_index(key)
      if index is None:
        logging.info('[%s] %s is not an image: not used.', self.TASK, key)
        continue
      if index not in split_of:
        logging.info('[%s] %s is in none of %s: not used.', self.TASK, key,
                     ', '.join(SPLIT_VARIABLES))
        continue
      found.add(index)
      yield toolkit.Example(key=key, image=path, label=label_of(index),
                            source_split=split_of[index])
    missing = sorted(set(split_of) - found)
    with self.expected_content('17flowers.tgz'):
      if missing:
        raise ValueError(f'datasplits.mat lists {len(missing)} image(s) that the archive lacks '
                         f'(e.g. jpg/image_{missing[0]:04d}.jpg): the archive is incomplete')
