"""Colorectal histology MNIST (Kaggle `kmader/colorectal-histology-mnist`): 8 tissue classes.

The Kaggle archive holds the 5000 tiles of Kather et al. (2016) as TIFFs and, at its root, CSV
copies of them downscaled (`hmnist_<side>_<side>_<L|RGB>.csv`). As in the reference only
`hmnist_28_28_RGB.csv` is read: a header naming the columns `pixel0000`..`pixel2351` and `label`,
then one tile a row, its pixels in row-major (row, column, channel) order, its label 1..8 in
Kather's class order (id = label - 1).

Differences from the reference (see README.md): splits by a hash of the row key instead of a
seeded draw in file order; columns, pixel values and labels are checked, and a bad row stops the
build naming its line (the reference wrapped values into uint8 or failed with a bare KeyError).
"""

from __future__ import annotations

import collections
import csv
import io
from collections.abc import Iterable, Iterator

import numpy as np

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_ARCHIVE = 'colorectal-histology-mnist.zip'
CSV_NAME = 'hmnist_28_28_RGB.csv'
_SIDE = 28
_CHANNELS = 3
PIXEL_COLUMNS = tuple(f'pixel{i:04d}' for i in range(_SIDE * _SIDE * _CHANNELS))
LABEL_COLUMN = 'label'
# Kather et al.'s tissue classes in their numbered order (folders 01_TUMOR .. 08_EMPTY of the
# tiles), which the CSV's labels 1..8 follow: a source-defined order, kept.
CLASS_NAMES = ('tumor', 'stroma', 'complex', 'lympho', 'debris', 'mucosa', 'adipose', 'empty')


def column_order(header: list[str]) -> np.ndarray:
  """The positions of the pixel columns (in pixel order), then of the label column.

  Columns are found by name, as the reference's `pandas` lookup did, so their order in the file
  does not matter.

  Raises:
    ValueError: the header does not name exactly the 2352 pixel columns and `label`, once each.
  """
  names = [name.strip() for name in header]
  expected = (*PIXEL_COLUMNS, LABEL_COLUMN)
  repeated = sorted(name for name, count in collections.Counter(names).items() if count > 1)
  missing = sorted(set(expected) - set(names))
  unexpected = sorted(set(names) - set(expected))
  if repeated or missing or unexpected:
    problems = [f'{what} {", ".join(found[:3])}' for what, found in (
        ('repeated column(s)', repeated), ('missing column(s)', missing),
        ('unexpected column(s)', unexpected)) if found]
    raise ValueError(f'the header is not pixel0000..pixel2351 and label: {"; ".join(problems)}')
  position = {name: i for i, name in enumerate(names)}
  return np.array([position[name] for name in expected])


def parse_row(fields: list[str], order: np.ndarray) -> tuple[np.ndarray, int]:
  """One data row -> (28x28x3 uint8 tile, label id).

  Raises:
    ValueError: not one integer per column, a pixel outside 0..255 or a label outside 1..8.
  """
  if len(fields) != len(order):
    raise ValueError(f'{len(fields)} fields, expected {len(order)}')
  try:
    values = np.array(fields, dtype=np.int64)[order]
  except ValueError as e:
    raise ValueError(f'a value is not an integer ({e})') from None
  pixels, label = values[:-1], int(values[-1])
  if pixels.min() < 0 or pixels.max() > 255:
    raise ValueError(f'pixel values {pixels.min()}..{pixels.max()} are outside 0..255')
  if not 1 <= label <= len(CLASS_NAMES):
    raise ValueError(f'label {label} is outside 1..{len(CLASS_NAMES)}')
  return pixels.astype(np.uint8).reshape(_SIDE, _SIDE, _CHANNELS), label - 1


def read_rows(lines: Iterable[str], file_name: str) -> Iterator[tuple[int, np.ndarray, int]]:
  """`(row index, tile, label id)` of every data row (0-based, blank lines not counted).

  Raises:
    ValueError: the file is empty, its header or a row is malformed (naming the line).
  """
  rows = csv.reader(lines)
  header = next(rows, None)
  if header is None:
    raise ValueError(f'{file_name} is empty')
  try:
    order = column_order(header)
  except ValueError as e:
    raise ValueError(f'{file_name} line 1: {e}') from None
  index = 0
  for row in rows:
    if not row:
      continue
    try:
      image, label = parse_row(row, order)
    except ValueError as e:
      raise ValueError(f'{file_name} line {rows.line_num}: {e}') from None
    yield index, image, label
    index += 1


class PathMnist(toolkit.TaskBuilder):
  """Path MNIST; the rows of hmnist_28_28_RGB.csv in the extracted Kaggle archive."""

  TASK = 'path_mnist'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.NO_SOURCE_SPLIT

  def _examples(self, dl_manager) -> list[toolkit.Example]:
    path = self.download_kaggle(dl_manager) / CSV_NAME
    with self.expected_content(_ARCHIVE):
      if not path.is_file():
        raise ValueError(f'{CSV_NAME} is missing')
      lines = io.StringIO(path.read_text(encoding='utf-8-sig'))
      # 5000 tiles of 2352 bytes: held as arrays, encoded as PNG by the toolkit.
      return [toolkit.Example(key=f'{CSV_NAME}/{index}', image=image, label=label)
              for index, image, label in read_rows(lines, CSV_NAME)]
