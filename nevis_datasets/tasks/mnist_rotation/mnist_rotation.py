"""MNIST-rot: the MNIST digits, each training image rotated by its own fixed angle.

The source is the four gzipped IDX files of MNIST: `train-{images-idx3,labels-idx1}-ubyte.gz`
(60,000 digits) and `t10k-{images-idx3,labels-idx1}-ubyte.gz` (10,000), parsed with NumPy
(magic numbers, dimensions and lengths checked). Each training image is rotated as in the
reference, with `scipy.ndimage.rotate(image, angle, reshape=False)` (cubic spline, zero fill,
28x28 kept). The angle is an integer in 0..359 derived from the image's key by SHA-256, so it
is the same in any order, process or Beam worker. The t10k images are not rotated, as in the
reference. The training images are divided into train/dev/dev_test by a hash of their key; t10k
is test. Label = the IDX label, digits 0..9.

Differences from the reference (see README.md): a fixed angle per image instead of a draw from
NumPy's global RNG on every pass (the reference's training images changed between its splits'
passes and between runs); splits by hash instead of a seeded draw in file order; the IDX
headers and sizes are checked instead of ignored.
"""

from __future__ import annotations

import gzip
import hashlib
import math
import os

from etils import epath
from etils import epy
import numpy as np

with epy.lazy_imports():
  # Imported where first used: SciPy, h5py and requests are a third of `import nevis_datasets`.
  import scipy.ndimage

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_BASE_URL = 'http://yann.lecun.com/exdb/mnist/'
# Source split -> (images file, labels file), as the catalog names them.
FILES = {
    'train': ('train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz'),
    'test': ('t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'),
}
SIDE = 28
NUM_CLASSES = 10
_IDX_UBYTE = 0x08  # IDX type code of unsigned bytes (magic = 0x0000 <type> <dimensions>).
# Salts the angle hash, so that an image's angle and its split (hashed with the task id) are
# not correlated.
_ANGLE_SALT = 'mnist_rotation/angle'


def parse_idx(data: bytes, file_name: str, dims: int) -> np.ndarray:
  """The uint8 array of an (uncompressed) IDX file of `dims` dimensions.

  Raises:
    ValueError: the magic number is not that of unsigned bytes in `dims` dimensions, or the
      data is not exactly as long as the header's dimensions say.
  """
  header = 4 + 4 * dims
  magic = int.from_bytes(data[:4], 'big')
  expected = _IDX_UBYTE << 8 | dims
  if len(data) >= 4 and magic != expected:
    raise ValueError(f'{file_name}: magic number {magic} is not {expected} (IDX of unsigned '
                     f'bytes in {dims} dimension(s))')
  if len(data) < header:
    raise ValueError(f'{file_name} holds {len(data)} bytes, fewer than an IDX header of '
                     f'{dims} dimension(s)')
  shape = tuple(int(n) for n in np.frombuffer(data, '>u4', dims, 4))
  size = math.prod(shape)
  if len(data) != header + size:
    raise ValueError(f'{file_name} holds {len(data) - header} data bytes, but its header '
                     f'says {shape}: {size}')
  return np.frombuffer(data, np.uint8, size, header).reshape(shape)


def read_idx(path: os.PathLike | str, file_name: str, dims: int) -> np.ndarray:
  """The array of the gzipped IDX file at `path` (`file_name` names it in messages).

  Raises:
    ValueError: not a readable gzip file, or not an IDX file (`parse_idx`).
  """
  with epath.Path(path).open('rb') as f:
    compressed = f.read()
  try:
    data = gzip.decompress(compressed)
  except toolkit.archives.READ_ERRORS as e:
    raise ValueError(f'{file_name} is not a readable gzip file ({type(e).__name__}: {e})') from e
  return parse_idx(data, file_name, dims)


def check_digits(images: np.ndarray, labels: np.ndarray, images_name: str,
                 labels_name: str) -> None:
  """Checks that `images` are 28x28 digits and `labels` their labels, one each, in 0..9.

  Raises:
    ValueError: otherwise.
  """
  if images.shape[1:] != (SIDE, SIDE):
    raise ValueError(f'{images_name} holds images of {images.shape[1:]} pixels, not '
                     f'{SIDE}x{SIDE}')
  if len(labels) != len(images):
    raise ValueError(f'{labels_name} holds {len(labels)} labels for the {len(images)} images '
                     f'of {images_name}')
  if len(labels) and labels.max() >= NUM_CLASSES:
    index = int(np.argmax(labels >= NUM_CLASSES))
    raise ValueError(f'{labels_name}: label {labels[index]} of image {index} is not a digit')


def rotation_angle(key: str) -> int:
  """The rotation of the training image `key`, in degrees, 0..359: a stable hash of the key."""
  digest = hashlib.sha256(f'{_ANGLE_SALT}\x00{key}'.encode()).digest()
  return int.from_bytes(digest[:8], 'big') % 360


def rotated(image: np.ndarray, key: str) -> np.ndarray:
  """`image` rotated by `rotation_angle(key)`, as the reference rotates (scipy's defaults)."""
  return scipy.ndimage.rotate(image, rotation_angle(key), reshape=False)


class MnistRotation(toolkit.TaskBuilder):
  """MNIST-rot; IDX files parsed with NumPy, training images rotated by their key's angle."""

  TASK = 'mnist_rotation'
  CLASS_NAMES = [str(digit) for digit in range(NUM_CLASSES)]
  GRAYSCALE = True
  SPLIT_RULE = splits.TRAIN_TEST  # train hashed 0.7/0.15/0.15; t10k is test.

  def _examples(self, dl_manager):
    for source_split, (images_name, labels_name) in FILES.items():
      images_path = self.download(dl_manager, _BASE_URL + images_name)
      labels_path = self.download(dl_manager, _BASE_URL + labels_name)
      with self.expected_content(images_name):
        images = read_idx(images_path, images_name, 3)
      with self.expected_content(labels_name):
        labels = read_idx(labels_path, labels_name, 1)
      with self.expected_content(f'{images_name} with {labels_name}'):
        check_digits(images, labels, images_name, labels_name)
      stem = images_name.removesuffix('.gz')
      for index, (image, label) in enumerate(zip(images, labels)):
        key = f'{stem}/{index}'
        if source_split == 'train':
          image = rotated(image, key)
        yield toolkit.Example(key=key, image=image, label=int(label), source_split=source_split)
