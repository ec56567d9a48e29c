"""Writes dummy_data/caltech101_silhouettes_28{,_split1}.mat in the real files' layout.

The real `caltech101_silhouettes_28.mat` holds `classnames` (a 1x101 cell of strings, in label
order), `X` (8671x784, one 28x28 binary silhouette per row) and `Y` (1x8671, labels 1..101);
`caltech101_silhouettes_28_split1.mat` holds `train_data` / `val_data` / `test_data` (4100 /
2264 / 2307 x 784, values 0/1), `train_labels` / `val_labels` / `test_labels` (n x 1, 1..101)
and `classnames` again. The fake ones have 101 made-up class names (not in sorted order, as the
real ones need not be), and 20 / 4 / 5 rows in the split file, of labels 1..4; the fake `X`, `Y`
(not read by the task) hold the same rows.

Run: python -m nevis_datasets.tasks.silhouettes_28.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
NUM_CLASSES = 101
# A permutation of made-up names: the task must keep this order, not sort it.
CLASS_NAMES = [f'class_{(i * 37) % NUM_CLASSES:03d}' for i in range(NUM_CLASSES)]
# Source split -> 1-based labels of its rows.
LABELS = {
    'train': [1, 2, 3, 4] * 5,
    'val': [1, 2, 3, 4],
    'test': [4, 3, 2, 1, 1],
}


def main() -> None:
  rng = np.random.default_rng(0)
  names = np.empty((1, NUM_CLASSES), dtype=object)
  names[0, :] = CLASS_NAMES
  split_file = {'classnames': names}
  for split, labels in LABELS.items():
    split_file[f'{split}_data'] = rng.integers(0, 2, (len(labels), 28 * 28), dtype=np.uint8)
    split_file[f'{split}_labels'] = np.array(labels, dtype=np.uint8)[:, None]
  all_rows = {
      'classnames': names,
      'X': np.concatenate([split_file[f'{split}_data'] for split in LABELS]),
      'Y': np.concatenate([split_file[f'{split}_labels'][:, 0] for split in LABELS])[None],
  }
  (_DIR / 'caltech101_silhouettes_28.mat').write_bytes(fake_archives.mat_bytes(all_rows))
  (_DIR / 'caltech101_silhouettes_28_split1.mat').write_bytes(
      fake_archives.mat_bytes(split_file))


if __name__ == '__main__':
  main()
