"""USPS handwritten digits, from the LIBSVM copy: 16x16 grayscale, official train/test."""

from __future__ import annotations

import bz2
import numpy as np

from nevis_datasets import toolkit

_BASE_URL = 'https://www.csie.ntu.edu.tw/~cjlin/libsvmtools/datasets/multiclass/'
# File name (also the key prefix) -> source split.
_FILES = {'usps.bz2': 'train', 'usps.t.bz2': 'test'}
_SIDE = 16


def parse_line(line: str) -> tuple[np.ndarray, int]:
  """`'<label> <idx>:<value> ...'` -> (16x16 uint8 image, label id).

  Pixels are placed by their 1-based LIBSVM index, so the result does not depend on trailing
  whitespace or on the order of the pairs; an index left out is a LIBSVM sparse zero. Values in
  [-1, 1] map to [0, 255] as in the reference ((v + 1) / 2 * 255, truncated), clipped first so a
  value just outside the range cannot wrap around in uint8. Labels 1..10 become ids 0..9.

  Raises:
    ValueError: the line is not a LIBSVM line with pixel indices in 1..256.
  """
  label, *pairs = line.split()
  values = np.zeros(_SIDE * _SIDE, dtype=np.float64)
  for pair in pairs:
    index, value = pair.split(':')
    index = int(index)
    if not 1 <= index <= _SIDE * _SIDE:
      raise ValueError(f'pixel index {index} outside 1..{_SIDE * _SIDE}')
    values[index - 1] = float(value)
  pixels = np.clip((values + 1.0) / 2.0 * 255.0, 0.0, 255.0).astype(np.uint8)
  return pixels.reshape(_SIDE, _SIDE), int(label) - 1


class Usps(toolkit.TaskBuilder):
  """USPS; one LIBSVM line per image, label = first token - 1."""

  TASK = 'usps'
  CLASS_NAMES = [str(digit) for digit in range(10)]
  GRAYSCALE = True
  SPLIT_RULE = toolkit.splits.TRAIN_TEST

  def _examples(self, dl_manager):
    for file_name, source_split in _FILES.items():
      path = self.download(dl_manager, _BASE_URL + file_name)
      with path.open('rb') as compressed, bz2.open(compressed, 'rt', encoding='ascii') as lines:
        for index, (image, label) in toolkit.text.parsed_lines(
            self.TASK, lines, file_name, parse_line, 'a LIBSVM line of 16x16 pixels'):
          yield toolkit.Example(key=f'{file_name.removesuffix(".bz2")}/{index}', image=image,
                                label=label, source_split=source_split)
