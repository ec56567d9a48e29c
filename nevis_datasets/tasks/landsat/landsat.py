"""Statlog (Landsat Satellite), UCI: 3x3 multispectral patches, 6 soil/crop classes in use.

Each row of `sat.trn` / `sat.tst` is 36 integers (9 pixels x 4 spectral bands, pixel-major, the
pixels row by row) and a class number. As in the reference, the 4th band is dropped and the
patch becomes a 3x3 RGB image; class `c` becomes id `c - 1`.

Differences from the reference (see README.md): train/dev/dev_test by a hash of the row key
instead of a seeded draw in file order; malformed rows stop the build instead of wrapping.
"""

from __future__ import annotations

import numpy as np

from nevis_datasets import toolkit

_BASE_URL = 'https://archive.ics.uci.edu/ml/machine-learning-databases/statlog/satimage/'
# File name (also the key prefix) -> source split.
_FILES = {'sat.trn': 'train', 'sat.tst': 'test'}
_SIDE = 3
_BANDS = 4
_KEPT_BANDS = 3
_NUM_VALUES = _SIDE * _SIDE * _BANDS

# Id order of the reference (the UCI class numbers 1..7, minus one). UCI's class 6, 'mixture
# class', has no rows in the data: id 5 never receives an example.
CLASS_NAMES = (
    'red soil',
    'cotton crop',
    'grey soil',
    'damp grey soil',
    'soil with vegetation stubble',
    'mixture class',
    'very damp grey soil',
)


def parse_line(line: str) -> tuple[np.ndarray, int]:
  """`'<36 band values> <class>'` -> (3x3x3 uint8 image of bands 1-3, label id).

  Raises:
    ValueError: the line does not hold 36 values in 0..255 and a class in 1..7.
  """
  values = [float(v) for v in line.split()]
  if len(values) != _NUM_VALUES + 1:
    raise ValueError(f'{len(values)} values, expected {_NUM_VALUES} + 1')
  pixels = np.array(values[:_NUM_VALUES])
  if pixels.min() < 0 or pixels.max() > 255 or np.any(pixels != np.floor(pixels)):
    raise ValueError('band values must be integers in 0..255')
  label = int(values[-1])
  if values[-1] != label or not 1 <= label <= len(CLASS_NAMES):
    raise ValueError(f'class {values[-1]} outside 1..{len(CLASS_NAMES)}')
  patch = pixels.astype(np.uint8).reshape(_SIDE, _SIDE, _BANDS)
  return patch[:, :, :_KEPT_BANDS], label - 1


class Landsat(toolkit.TaskBuilder):
  """Landsat; one text row per 3x3 patch, official train/test files."""

  TASK = 'landsat'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = toolkit.splits.TRAIN_TEST

  def _examples(self, dl_manager):
    for file_name, source_split in _FILES.items():
      path = self.download(dl_manager, _BASE_URL + file_name)
      with path.open('r') as lines:
        for index, (image, label) in toolkit.text.parsed_lines(
            self.TASK, lines, file_name, parse_line, 'a Landsat row of 36 band values + class'):
          yield toolkit.Example(key=f'{file_name}/{index}', image=image, label=label,
                                source_split=source_split)
