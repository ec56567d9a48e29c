"""Writes dummy_data/mnist_m.tar.gz: the real archive's layout with 32 tiny blocky PNGs.

The real archive holds `mnist_m/mnist_m_train/<8 digits>.png` (59,001) and
`mnist_m/mnist_m_test/<8 digits>.png` (9,001), 28x28 RGB, both numbered from 00000000.png, and
the label files `mnist_m/mnist_m_{train,test}_labels.txt` (`<name>.png <digit>` lines). Here:
24 train and 8 test images, with

* train/00000000.png (label 3) and test/00000000.png (label 7): same name, different labels
  (the reference gave the train image the test label);
* train/00000012.png: the pixels and label of train/00000003.png, PNG-encoded differently
  (a duplicate: dropped);
* train/00000014.png: the pixels of train/00000004.png with another label (kept);
* train/00000020.png: the pixels and label of test/00000005.png (a duplicate: the test copy,
  first in sorted key order, is kept).

Run: python -m nevis_datasets.tasks.mnist_m.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'mnist_m.tar.gz'
_MTIME = 1_430_000_000  # Fixed, so the archive is byte-for-byte reproducible.
_COUNTS = {'mnist_m_train': 24, 'mnist_m_test': 8}
# (folder, index) -> (folder, index) whose pixels it copies.
_COPIES = {('mnist_m_train', 12): ('mnist_m_train', 3), ('mnist_m_train', 14): ('mnist_m_train', 4),
           ('mnist_m_train', 20): ('mnist_m_test', 5)}
_LABEL_OFFSET = {'mnist_m_train': 3, 'mnist_m_test': 7}
# Labels other than (index + offset) % 10: 12 and 20 keep the label of their original, 14 not.
_LABELS = {('mnist_m_train', 12): 6, ('mnist_m_train', 14): 8, ('mnist_m_train', 20): 2}


def _pixels(rng: np.random.Generator) -> np.ndarray:
  """28x28 RGB of 7x7-pixel blocks: compresses well, unlike noise."""
  return np.kron(rng.integers(0, 256, (4, 4, 3), dtype=np.uint8), np.ones((7, 7, 1), np.uint8))


def main() -> None:
  rng = np.random.default_rng(0)
  pixels = {}
  for folder in ('mnist_m_test', 'mnist_m_train'):  # Originals before their copies.
    for index in range(_COUNTS[folder]):
      pixels[folder, index] = _pixels(rng)
  for copy, original in _COPIES.items():
    pixels[copy] = pixels[original]
  with fake_archives.write_tar(_OUT, mtime=_MTIME, gzip=True) as archive:
    archive.add('mnist_m/')
    for folder, count in _COUNTS.items():
      archive.add(f'mnist_m/{folder}/')
      lines = []
      for index in range(count):
        name = f'{index:08d}.png'
        label = _LABELS.get((folder, index), (index + _LABEL_OFFSET[folder]) % 10)
        level = 1 if (folder, index) in _COPIES else 9  # Copies: other bytes, same pixels.
        archive.add(f'mnist_m/{folder}/{name}',
                    fake_archives.image_bytes(pixels[folder, index], 'PNG', compress_level=level))
        lines.append(f'{name} {label}\n')
      archive.add(f'mnist_m/{folder}_labels.txt', ''.join(lines).encode())


if __name__ == '__main__':
  main()
