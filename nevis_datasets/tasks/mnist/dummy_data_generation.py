"""Writes dummy_data/: fake extracted MNIST IDX files, as the upstream TFDS `mnist` reads them.

The upstream builder downloads `{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz` and reads the
extracted files; the test hands it these instead (20 train and 6 test images of 28x28).
Pixel (0, 0) of each image holds its position in its IDX file (test images: 100 + position), so
the test can tell exactly which upstream examples landed in which NEVIS split.

Run: python -m nevis_datasets.tasks.mnist.dummy_data_generation
"""

import pathlib
import struct

import numpy as np

_OUT = pathlib.Path(__file__).parent / 'dummy_data'
NUM_TRAIN = 20
NUM_TEST = 6
TEST_MARKER_OFFSET = 100
_SIZE = 28


def train_label(position: int) -> int:
  return (7 * position + 3) % 10


def test_label(position: int) -> int:
  return (3 * position) % 10


def _write(prefix: str, count: int, marker_offset: int, label_fn, rng) -> None:
  pixels = rng.integers(0, 256, (count, _SIZE, _SIZE), dtype=np.uint8)
  pixels[:, 0, 0] = np.arange(count) + marker_offset
  (_OUT / f'{prefix}-images-idx3-ubyte').write_bytes(
      struct.pack('>iiii', 2051, count, _SIZE, _SIZE) + pixels.tobytes())
  labels = np.array([label_fn(i) for i in range(count)], dtype=np.uint8)
  (_OUT / f'{prefix}-labels-idx1-ubyte').write_bytes(
      struct.pack('>ii', 2049, count) + labels.tobytes())


def main() -> None:
  _OUT.mkdir(exist_ok=True)
  rng = np.random.default_rng(0)
  _write('train', NUM_TRAIN, 0, train_label, rng)
  _write('t10k', NUM_TEST, TEST_MARKER_OFFSET, test_label, rng)


if __name__ == '__main__':
  main()
