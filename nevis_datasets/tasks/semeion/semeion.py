"""Semeion handwritten digits: 1593 binary 16x16 digits in one text file, no official split."""

from __future__ import annotations

import numpy as np

from nevis_datasets import toolkit

_URL = 'https://archive.ics.uci.edu/ml/machine-learning-databases/semeion/semeion.data'
_FILE_NAME = 'semeion.data'
_SIDE = 16
_NUM_PIXELS = _SIDE * _SIDE
_NUM_CLASSES = 10


def parse_line(line: str) -> tuple[np.ndarray, int]:
  """`'<256 pixels in {0, 1}> <10 one-hot label columns>'` -> (16x16 uint8 image, label id).

  Pixels are read as the reference does (int(float(v)), then * 255); the label is the argmax of
  the one-hot columns.

  Raises:
    ValueError: the line does not hold 256 + 10 numbers.
  """
  values = line.split()
  if len(values) != _NUM_PIXELS + _NUM_CLASSES:
    raise ValueError(f'{len(values)} values, expected {_NUM_PIXELS} + {_NUM_CLASSES}')
  pixels = np.array([int(float(v)) for v in values[:_NUM_PIXELS]])
  image = (np.clip(pixels, 0, 1) * 255).astype(np.uint8).reshape(_SIDE, _SIDE)
  one_hot = [float(v) for v in values[_NUM_PIXELS:]]
  return image, int(np.argmax(one_hot))


class Semeion(toolkit.TaskBuilder):
  """Semeion; one line per image, label = argmax of the one-hot columns."""

  TASK = 'semeion'
  CLASS_NAMES = [str(digit) for digit in range(10)]
  GRAYSCALE = True
  SPLIT_RULE = toolkit.splits.NO_SOURCE_SPLIT

  def _examples(self, dl_manager):
    path = self.download(dl_manager, _URL)
    with path.open('r') as lines:
      for index, (image, label) in toolkit.text.parsed_lines(
          self.TASK, lines, _FILE_NAME, parse_line, 'a Semeion line of 256 + 10 values'):
        yield toolkit.Example(key=f'{_FILE_NAME}/{index}', image=image, label=label)
