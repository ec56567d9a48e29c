"""Caltech 101 Silhouettes, 28x28 (Marlin et al.): 8671 binary object silhouettes, 101 classes.

Two MAT files: `caltech101_silhouettes_28.mat`, whose `classnames` (a 1x101 cell of strings)
names the labels in id order, and `caltech101_silhouettes_28_split1.mat`, the official split 1:
`train_data` / `val_data` / `test_data` (4100 / 2264 / 2307 rows of 784 values in {0, 1}) and
`*_labels` (one column, 1..101). Each row is a 28x28 image in C order (as the reference reshapes
it), stored as 0/255; label = `*_labels[:, 0] - 1`, names in the file's order. Train is divided
0.8/0.2 into train/dev by a hash of the key `train/<row>`; val is dev_test and test is test.
The arrays are small (6.8 MB as uint8): they are read whole and the rows listed as arrays.

Differences from the reference (see README.md): every split is 0/255 (the reference's in-place
`*= 255` left its `train` split 0/1); train/dev by hash instead of a seeded draw in row order;
malformed arrays or labels stop the build with a message.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_BASE_URL = 'https://people.cs.umass.edu/~marlin/data/'
_NAMES_FILE = 'caltech101_silhouettes_28.mat'
_SPLIT_FILE = 'caltech101_silhouettes_28_split1.mat'
_SIDE = 28
# The split file's prefixes (`<prefix>_data`, `<prefix>_labels`) -> the source split of the
# split rule.
SOURCE_SPLITS = {'train': 'train', 'val': 'validation', 'test': 'test'}


def class_names(variables: Mapping[str, Any], file_name: str) -> list[str]:
  """The `classnames` cell of a MAT file (`scipy.io.loadmat`), in label order.

  Raises:
    ValueError: no `classnames`, or an entry that is not one string.
  """
  if 'classnames' not in variables:
    raise ValueError(f'{file_name} has no classnames')
  names = []
  for entry in np.asarray(variables['classnames']).flatten():
    entry = np.asarray(entry)
    if entry.size != 1 or entry.dtype.kind != 'U':
      raise ValueError(f'{file_name}: classnames entry {entry!r} is not one string')
    names.append(str(entry.item()))
  return names


def binary_images(data: np.ndarray, name: str) -> np.ndarray:
  """Rows of 784 values in {0, 1} -> N x 28 x 28 uint8 images of 0/255 (rows in C order).

  Raises:
    ValueError: not a 2-D array of 784 columns, or values other than 0 and 1.
  """
  data = np.asarray(data)
  if data.ndim != 2 or data.shape[1] != _SIDE * _SIDE:
    raise ValueError(f'{name} has shape {data.shape}, not (rows, {_SIDE * _SIDE})')
  if data.dtype.kind not in 'biuf' or not np.isin(data, (0, 1)).all():
    raise ValueError(f'{name} holds values other than 0 and 1')
  return (data.astype(np.uint8) * 255).reshape(-1, _SIDE, _SIDE)


def label_ids(labels: np.ndarray, rows: int, num_classes: int, name: str) -> np.ndarray:
  """A `rows` x 1 column of labels 1..num_classes -> 0-based label ids.

  Raises:
    ValueError: another shape, or a label that is not a whole number in 1..num_classes.
  """
  labels = np.asarray(labels)
  if labels.shape != (rows, 1) or labels.dtype.kind not in 'iuf':
    raise ValueError(f'{name} has shape {labels.shape}, not ({rows}, 1) numbers')
  ids = labels[:, 0].astype(np.int64)
  if (ids != labels[:, 0]).any() or ids.min(initial=1) < 1 or ids.max(initial=1) > num_classes:
    raise ValueError(f'{name} holds labels that are not whole numbers in 1..{num_classes}')
  return ids - 1


class Silhouettes28(toolkit.TaskBuilder):
  """Caltech 101 Silhouettes 28x28; rows of the split1 arrays, names from `classnames`."""

  TASK = 'silhouettes_28'
  CLASS_NAMES = None  # The `classnames` of the MAT file (`set_class_names`).
  GRAYSCALE = True  # Binary silhouettes.
  SPLIT_RULE = splits.TRAIN_VALIDATION_TEST

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    names_path = self.download(dl_manager, _BASE_URL + _NAMES_FILE)
    split_path = self.download(dl_manager, _BASE_URL + _SPLIT_FILE)
    with self.expected_content(_NAMES_FILE):
      names = class_names(toolkit.matfiles.read_mat(names_path), _NAMES_FILE)
    self.set_class_names(names)
    with self.expected_content(_SPLIT_FILE):
      variables = toolkit.matfiles.read_mat(split_path)
      parts = []
      for prefix, source_split in SOURCE_SPLITS.items():
        data, labels = f'{prefix}_data', f'{prefix}_labels'
        missing = [v for v in (data, labels) if v not in variables]
        if missing:
          raise ValueError(f'{_SPLIT_FILE} has no {" or ".join(missing)}')
        images = binary_images(variables[data], data)
        ids = label_ids(variables[labels], len(images), len(names), labels)
        parts.append((prefix, source_split, images, ids))
    for prefix, source_split, images, ids in parts:
      for row, (image, label) in enumerate(zip(images, ids)):
        yield toolkit.Example(key=f'{prefix}/{row}', image=image, label=int(label),
                              source_split=source_split)
