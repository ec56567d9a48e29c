"""Writes dummy_data/usps.bz2 and usps.t.bz2: bzip2 LIBSVM text as served, with random digits.

Each line is `<label 1..10> 1:<v> ... 256:<v> ` plus a newline, values in [-1, 1], as in the
LIBSVM copy (the trailing space is why the reference drops its last token). bzip2 output has no
timestamp, so the files are byte-for-byte reproducible.

Run: python -m nevis_datasets.tasks.usps.dummy_data_generation
"""

import bz2
import pathlib

import numpy as np

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
# File -> LIBSVM labels (1..10, i.e. digits 0..9) of its lines. 10 train lines give
# train/dev/dev_test 7/2/1 by key hash.
_LABELS = {
    'usps.bz2': [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    'usps.t.bz2': [10, 1, 5],
}


def _line(rng: np.random.Generator, label: int) -> str:
  values = rng.uniform(-1.0, 1.0, 256)
  values[:8] = -1.0  # Exact range ends, as in the real files.
  values[8:16] = 1.0
  pairs = ' '.join(f'{i}:{v:g}' for i, v in enumerate(values, start=1))
  return f'{label} {pairs} \n'


def main() -> None:
  rng = np.random.default_rng(0)
  for file_name, labels in _LABELS.items():
    text = ''.join(_line(rng, label) for label in labels)
    (_DIR / file_name).write_bytes(bz2.compress(text.encode('ascii')))


if __name__ == '__main__':
  main()
