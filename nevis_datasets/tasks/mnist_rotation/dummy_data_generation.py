"""Writes dummy_data/: the four gzipped MNIST IDX files, with 20 train and 6 t10k digits.

The real files are `{train,t10k}-images-idx3-ubyte.gz` (big-endian header: magic 2051, count,
28, 28; then count x 28 x 28 unsigned bytes) and `{train,t10k}-labels-idx1-ubyte.gz` (magic
2049, count; then count label bytes 0..9), gzipped. The fake images are 28x28 like the real
ones: black, with a bright bar of random grey levels at a random place, so that a rotation
moves it and every image differs. Gzip headers hold no file name and a fixed time, so the files
are byte-for-byte reproducible.

Run: python -m nevis_datasets.tasks.mnist_rotation.dummy_data_generation
"""

import gzip
import pathlib
import struct

import numpy as np

_OUT = pathlib.Path(__file__).parent / 'dummy_data'
COUNTS = {'train': 20, 't10k': 6}
_SIDE = 28


def labels_of(prefix: str) -> list[int]:
  """The labels of the fake file `prefix` (train or t10k), in file order."""
  step = 7 if prefix == 'train' else 3
  return [(step * i + 3) % 10 for i in range(COUNTS[prefix])]


def images_of(prefix: str) -> np.ndarray:
  """The (count, 28, 28) uint8 pixels of the fake file `prefix`, in file order."""
  rng = np.random.default_rng(0 if prefix == 'train' else 1)
  images = np.zeros((COUNTS[prefix], _SIDE, _SIDE), dtype=np.uint8)
  for image in images:
    top, left = rng.integers(3, 10), rng.integers(6, 18)
    image[top:top + 16, left:left + 4] = rng.integers(128, 256, (16, 4))
  return images


def _gzipped(data: bytes) -> bytes:
  return gzip.compress(data, mtime=0)


def main() -> None:
  _OUT.mkdir(exist_ok=True)
  for prefix, count in COUNTS.items():
    images = images_of(prefix)
    (_OUT / f'{prefix}-images-idx3-ubyte.gz').write_bytes(
        _gzipped(struct.pack('>IIII', 2051, count, _SIDE, _SIDE) + images.tobytes()))
    (_OUT / f'{prefix}-labels-idx1-ubyte.gz').write_bytes(
        _gzipped(struct.pack('>II', 2049, count) + bytes(labels_of(prefix))))


if __name__ == '__main__':
  main()
