"""mnist_rotation on fake MNIST IDX files (see dummy_data_generation.py)."""

import gzip
import hashlib
import io
import os
import pathlib
import shutil
import struct
import subprocess
import sys

from absl.testing import absltest
import numpy as np
from PIL import Image
import scipy.ndimage
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.mnist_rotation import dummy_data_generation as dummy
from nevis_datasets.tasks.mnist_rotation import mnist_rotation

_DUMMY_DATA = pathlib.Path(__file__).parent / 'dummy_data'
_TRAIN_IMAGES, _TRAIN_LABELS = mnist_rotation.FILES['train']
_TEST_IMAGES, _TEST_LABELS = mnist_rotation.FILES['test']
_ALL_FILES = (_TRAIN_IMAGES, _TRAIN_LABELS, _TEST_IMAGES, _TEST_LABELS)


def _train_key(index: int) -> str:
  return f'train-images-idx3-ubyte/{index}'


def _expected_images() -> dict[str, dict[bytes, tuple[int, int]]]:
  """Source split -> pixels the build must store -> (index in the IDX file, label)."""
  rotated = {
      mnist_rotation.rotated(image, _train_key(i)).tobytes(): (i, label)
      for i, (image, label) in enumerate(zip(dummy.images_of('train'), dummy.labels_of('train')))
  }
  plain = {image.tobytes(): (i, label)
           for i, (image, label) in enumerate(zip(dummy.images_of('t10k'),
                                                  dummy.labels_of('t10k')))}
  return {'train': rotated, 'test': plain}


class MnistRotationTest(testing.TaskTestCase):
  DATASET_CLASS = mnist_rotation.MnistRotation
  # 20 train images hashed 0.7/0.15/0.15; the 6 t10k images are test.
  SPLITS = {'train': 10, 'dev': 6, 'dev_test': 4, 'test': 6}
  # Indices of the train images in each split, by the hash of their keys.
  _TRAIN_INDICES = {
      'train': [0, 1, 2, 6, 7, 8, 11, 13, 15, 19],
      'dev': [3, 9, 10, 14, 16, 17],
      'dev_test': [4, 5, 12, 18],
  }

  def check_labels(self, labels):
    self.assertEqual(labels['train'], [0, 0, 2, 3, 4, 5, 6, 7, 8, 9])
    self.assertEqual(labels['dev'], [1, 2, 3, 4, 5, 6])
    self.assertEqual(labels['dev_test'], [1, 7, 8, 9])
    self.assertEqual(labels['test'], [2, 3, 5, 6, 8, 9])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    expected = _expected_images()
    self.assertLen(expected['train'], dummy.COUNTS['train'])  # Every rotated image differs.
    for split in self.SPLITS:
      source = 'test' if split == 'test' else 'train'
      indices = []
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (28, 28, 1))
        # Train images are the source rotated by their key's angle; test images the source.
        index, label = expected[source][example['image'][..., 0].tobytes()]
        self.assertEqual(int(example['label']), label)
        indices.append(index)
      want = self._TRAIN_INDICES.get(split, range(dummy.COUNTS['t10k']))
      self.assertEqual(sorted(indices), list(want), split)


class AngleTest(absltest.TestCase):

  def test_deterministic_and_fixed(self):
    key = _train_key(0)
    self.assertEqual(mnist_rotation.rotation_angle(key), mnist_rotation.rotation_angle(key))
    # Pinned: a change here changes the stored dataset.
    self.assertEqual([mnist_rotation.rotation_angle(_train_key(i)) for i in range(4)],
                     [90, 332, 101, 261])

  def test_covers_every_degree_for_the_real_keys(self):
    angles = [mnist_rotation.rotation_angle(_train_key(i)) for i in range(60000)]
    self.assertEqual(set(angles), set(range(360)))
    counts = np.bincount(angles, minlength=360)
    self.assertGreater(counts.min(), 100)  # About 167 each.
    self.assertLess(counts.max(), 250)

  def test_independent_of_numpy_global_state(self):
    image = dummy.images_of('train')[0]
    np.random.seed(99999)
    first = mnist_rotation.rotated(image, _train_key(7))
    np.random.seed(1)
    np.random.randint(0, 360, 50)
    np.testing.assert_array_equal(mnist_rotation.rotated(image, _train_key(7)), first)

  def test_rotated_is_scipys_rotation_by_the_angle(self):
    image = dummy.images_of('train')[2]
    key = _train_key(2)
    angle = mnist_rotation.rotation_angle(key)
    result = mnist_rotation.rotated(image, key)
    np.testing.assert_array_equal(
        result, scipy.ndimage.rotate(image, angle, reshape=False, order=3, mode='constant',
                                     cval=0.0, prefilter=True))
    self.assertEqual((result.shape, result.dtype), ((28, 28), np.uint8))
    self.assertFalse(np.array_equal(result, image))

  def test_same_images_in_another_process(self):
    """Another interpreter, other string hashing and NumPy state, reversed order: same pixels."""
    code = (
        'import hashlib, sys\n'
        'import numpy as np\n'
        'np.random.seed(7)\n'
        'from nevis_datasets.tasks.mnist_rotation import mnist_rotation as m\n'
        'images = m.read_idx(sys.argv[1], "train-images-idx3-ubyte.gz", 3)\n'
        'for i in reversed(range(len(images))):\n'
        '  key = f"train-images-idx3-ubyte/{i}"\n'
        '  print(key, hashlib.sha256(m.rotated(images[i], key).tobytes()).hexdigest())\n')
    env = {**os.environ, 'PYTHONHASHSEED': '12345'}
    output = subprocess.run([sys.executable, '-c', code, str(_DUMMY_DATA / _TRAIN_IMAGES)],
                            check=True, capture_output=True, text=True, env=env,
                            cwd=pathlib.Path(__file__).parents[3]).stdout
    theirs = dict(line.split() for line in output.splitlines())
    ours = {e.key: hashlib.sha256(e.image.tobytes()).hexdigest()
            for e in ListingTest.listed(_DUMMY_DATA, self.create_tempdir())
            if e.source_split == 'train'}
    self.assertLen(ours, dummy.COUNTS['train'])
    self.assertEqual(theirs, ours)


def _idx(magic: int, dims: tuple[int, ...], data: bytes) -> bytes:
  return struct.pack(f'>I{len(dims)}I', magic, *dims) + data


class IdxTest(absltest.TestCase):

  def test_parse_idx(self):
    array = mnist_rotation.parse_idx(_idx(2051, (2, 3, 4), bytes(range(24))), 'f', 3)
    np.testing.assert_array_equal(array, np.arange(24, dtype=np.uint8).reshape(2, 3, 4))
    np.testing.assert_array_equal(
        mnist_rotation.parse_idx(_idx(2049, (3,), b'\x01\x02\x09'), 'f', 1), [1, 2, 9])

  def test_bad_idx(self):
    for data, dims, message in (
        (b'\x00\x00\x08', 1, r'f holds 3 bytes, fewer than an IDX header of 1 dimension'),
        (b'\x00\x00\x08\x03\x00\x00', 3, r'f holds 6 bytes, fewer than an IDX header'),
        (_idx(2049, (3,), b'\x01\x02\x03'), 3, r'f: magic number 2049 is not 2051'),
        (_idx(2051, (1, 28, 28), bytes(784)), 1, r'f: magic number 2051 is not 2049'),
        (_idx(0x0D03, (1, 1, 1), bytes(4)), 3, r'magic number 3331 is not 2051'),  # float32
        (_idx(2049, (4,), b'\x01\x02\x03'), 1, r'f holds 3 data bytes, but its header says '
                                              r'\(4,\): 4'),
        (_idx(2049, (2,), b'\x01\x02\x03'), 1, r'f holds 3 data bytes'),
    ):
      with self.assertRaisesRegex(ValueError, message):
        mnist_rotation.parse_idx(data, 'f', dims)

  def test_read_idx_of_a_file_that_is_not_gzip(self):
    path = pathlib.Path(self.create_tempdir().full_path) / 'x.gz'
    path.write_bytes(_idx(2049, (1,), b'\x01'))
    with self.assertRaisesRegex(ValueError, r'x.gz is not a readable gzip file \(BadGzipFile'):
      mnist_rotation.read_idx(path, 'x.gz', 1)
    path.write_bytes(gzip.compress(_idx(2049, (3,), b'\x01\x02\x03'), mtime=0)[:-12])
    with self.assertRaisesRegex(ValueError, r'x.gz is not a readable gzip file \(EOFError'):
      mnist_rotation.read_idx(path, 'x.gz', 1)

  def test_check_digits(self):
    images = np.zeros((2, 28, 28), np.uint8)
    mnist_rotation.check_digits(images, np.array([0, 9], np.uint8), 'i', 'l')
    for images, labels, message in (
        (np.zeros((2, 28, 27), np.uint8), [0, 1], r'i holds images of \(28, 27\) pixels'),
        (images, [0], r'l holds 1 labels for the 2 images of i'),
        (images, [3, 10], r'l: label 10 of image 1 is not a digit'),
    ):
      with self.assertRaisesRegex(ValueError, message):
        mnist_rotation.check_digits(images, np.array(labels, np.uint8), 'i', 'l')


class ListingTest(absltest.TestCase):
  """What `_examples` lists from the fake IDX files, without a TFDS build."""

  @staticmethod
  def listed(data: pathlib.Path, data_dir) -> list[toolkit.Example]:
    return testing.listed_examples(mnist_rotation.MnistRotation,
                                   {name: data / name for name in _ALL_FILES}, data_dir)

  def _examples(self, data: pathlib.Path = _DUMMY_DATA) -> list[toolkit.Example]:
    return self.listed(data, self.create_tempdir())

  def _changed(self, name: str, data: bytes) -> pathlib.Path:
    """A copy of the dummy data whose file `name` holds `data`."""
    copy = pathlib.Path(self.create_tempdir().full_path)
    shutil.copytree(_DUMMY_DATA, copy, dirs_exist_ok=True)
    (copy / name).write_bytes(data)
    return copy

  def test_train_images_rotated_test_images_as_in_the_source(self):
    examples = self._examples()
    self.assertLen(examples, 26)
    train = [e for e in examples if e.source_split == 'train']
    test = [e for e in examples if e.source_split == 'test']
    self.assertEqual([e.key for e in train], [_train_key(i) for i in range(20)])
    self.assertEqual([e.key for e in test], [f't10k-images-idx3-ubyte/{i}' for i in range(6)])
    self.assertEqual([e.label for e in train], dummy.labels_of('train'))
    self.assertEqual([e.label for e in test], dummy.labels_of('t10k'))
    for example, source in zip(train, dummy.images_of('train')):
      angle = mnist_rotation.rotation_angle(example.key)
      np.testing.assert_array_equal(example.image,
                                    scipy.ndimage.rotate(source, angle, reshape=False))
    for example, source in zip(test, dummy.images_of('t10k')):
      np.testing.assert_array_equal(example.image, source)  # Not rotated.
      # What is stored: a lossless grayscale PNG of the source pixels.
      with Image.open(io.BytesIO(toolkit.images.encode_image(example.image,
                                                             grayscale=True))) as image:
        self.assertEqual(image.mode, 'L')
        np.testing.assert_array_equal(np.asarray(image), source)

  def test_same_listing_twice(self):
    first, second = self._examples(), self._examples()
    self.assertEqual([e.key for e in first], [e.key for e in second])
    for a, b in zip(first, second):
      np.testing.assert_array_equal(a.image, b.image)

  def test_bad_magic_number_stops_the_build(self):
    data = self._changed(_TEST_LABELS, gzip.compress(_idx(2051, (6,), bytes(6)), mtime=0))
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[mnist_rotation\] t10k-labels-idx1-ubyte.gz: magic number '
                                r'2051 is not 2049 .* t10k-labels-idx1-ubyte.gz does not have '
                                r'the expected content'):
      self._examples(data)

  def test_truncated_images_stop_the_build(self):
    compressed = (_DUMMY_DATA / _TRAIN_IMAGES).read_bytes()
    data = self._changed(_TRAIN_IMAGES, gzip.compress(gzip.decompress(compressed)[:-100],
                                                      mtime=0))
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'train-images-idx3-ubyte.gz holds 15580 data bytes, but its '
                                r'header says \(20, 28, 28\): 15680'):
      self._examples(data)

  def test_damaged_gzip_stops_the_build(self):
    compressed = (_DUMMY_DATA / _TRAIN_LABELS).read_bytes()
    data = self._changed(_TRAIN_LABELS, compressed[:len(compressed) // 2])
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'train-labels-idx1-ubyte.gz is not a readable gzip file'):
      self._examples(data)

  def test_labels_for_other_images_stop_the_build(self):
    data = self._changed(_TEST_LABELS, gzip.compress(_idx(2049, (5,), bytes(5)), mtime=0))
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r't10k-labels-idx1-ubyte.gz holds 5 labels for the 6 images of '
                                r't10k-images-idx3-ubyte.gz'):
      self._examples(data)


if __name__ == '__main__':
  absltest.main()
