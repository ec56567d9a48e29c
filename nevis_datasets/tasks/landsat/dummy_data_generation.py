"""Writes dummy_data/sat.trn and sat.tst: the real files' format with a few random rows.

Rows are 36 space-separated integers in 0..255 and a class number; like the real data, no row
has class 6. Train has 12 rows (classes 1, 2, 3, 4, 5, 7, twice each), test 3 (classes 7, 1, 3).

Run: python -m nevis_datasets.tasks.landsat.dummy_data_generation
"""

import pathlib

import numpy as np

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_ROWS = {'sat.trn': [1, 2, 3, 4, 5, 7] * 2, 'sat.tst': [7, 1, 3]}


def main() -> None:
  rng = np.random.default_rng(0)
  for file_name, classes in _ROWS.items():
    lines = []
    for label in classes:
      values = rng.integers(0, 256, 36)
      lines.append(' '.join(str(v) for v in [*values, label]))
    (_DIR / file_name).write_text('\n'.join(lines) + '\n')


if __name__ == '__main__':
  main()
