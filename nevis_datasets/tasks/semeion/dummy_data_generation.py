"""Writes dummy_data/semeion.data: the real file's text layout with random binary digits.

Each line is 256 pixels written `0.0000`/`1.0000`, then the 10 one-hot label columns as
`0`/`1`, space separated with a trailing space, as in the UCI file.

Run: python -m nevis_datasets.tasks.semeion.dummy_data_generation
"""

import pathlib

import numpy as np

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'semeion.data'
# 21 lines, labels 0..9 in turn: train/dev/dev_test/test 16/2/2/1 by key hash.
_NUM_LINES = 21


def main() -> None:
  rng = np.random.default_rng(0)
  lines = []
  for index in range(_NUM_LINES):
    pixels = ' '.join(f'{p:.4f}' for p in rng.integers(0, 2, 256))
    one_hot = ' '.join('1' if digit == index % 10 else '0' for digit in range(10))
    lines.append(f'{pixels} {one_hot} \n')
  _OUT.write_text(''.join(lines))


if __name__ == '__main__':
  main()
