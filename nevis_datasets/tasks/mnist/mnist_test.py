"""mnist on fake upstream IDX files (see dummy_data_generation.py): the reference's slices.

The upstream TFDS `mnist` is really prepared from the fake files (20 train, 6 test images), in
the same data dir; the NEVIS splits must then be exactly train[:14], train[14:17], train[17:20]
and test, in TFDS order (which TFDS's key-hash shuffle makes differ from the IDX file order).
"""

import unittest
from unittest import mock

from etils import epath
import tensorflow_datasets as tfds
from tensorflow_datasets.image_classification import mnist as upstream_mnist

from nevis_datasets import testing
from nevis_datasets.toolkit import tfds_derived
from nevis_datasets.tasks.mnist import dummy_data_generation as dummy
from nevis_datasets.tasks.mnist import mnist

# IDX position of each example (pixel (0, 0); test images: 100 + position) per NEVIS split, in
# the upstream TFDS order of tensorflow-datasets 4.9.x.
_EXPECTED_POSITIONS = {
    'train': [0, 4, 5, 6, 8, 10, 12, 13, 14, 15, 16, 17, 18, 19],
    'dev': [1, 3, 9],
    'dev_test': [2, 7, 11],
    'test': [100, 101, 102, 103, 104, 105],
}


def _label_of(position: int) -> int:
  if position >= dummy.TEST_MARKER_OFFSET:
    return dummy.test_label(position - dummy.TEST_MARKER_OFFSET)
  return dummy.train_label(position)


def _positions(dataset) -> list[int]:
  return [int(example['image'][0, 0, 0]) for example in tfds.as_numpy(dataset)]


class MnistTest(testing.TaskTestCase):
  DATASET_CLASS = mnist.Mnist
  # N = 20 upstream train images: int(20 * 0.7) = 14, int(20 * 0.15) = 3, the rest 3; test 6.
  SPLITS = {'train': 14, 'dev': 3, 'dev_test': 3, 'test': 6}
  # What the upstream builder's download_and_extract returns: the extracted IDX files.
  DL_EXTRACT_RESULT = {
      'train_data': 'train-images-idx3-ubyte',
      'train_labels': 'train-labels-idx1-ubyte',
      'test_data': 't10k-images-idx3-ubyte',
      'test_labels': 't10k-labels-idx1-ubyte',
  }

  def setUp(self):
    super().setUp()
    # The upstream builder reads exactly this many examples from the IDX files.
    for name, value in (('_TRAIN_EXAMPLES', dummy.NUM_TRAIN), ('_TEST_EXAMPLES', dummy.NUM_TEST)):
      patcher = mock.patch.object(upstream_mnist, name, value)
      patcher.start()
      self.addCleanup(patcher.stop)

  def check_labels(self, labels):
    self.assertEqual(labels, {
        split: sorted(map(_label_of, positions))
        for split, positions in _EXPECTED_POSITIONS.items()
    })
    self.assertEqual(labels['train'], [1, 1, 2, 3, 3, 4, 5, 5, 6, 7, 8, 8, 9, 9])
    self.assertEqual(labels['dev'], [0, 4, 6])
    self.assertEqual(labels['dev_test'], [0, 2, 7])
    self.assertEqual(labels['test'], [0, 2, 3, 5, 6, 9])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    root = epath.Path(self.tmp_dir)
    self.assertTrue((root / 'mnist' / '3.0.1' / 'dataset_info.json').exists())
    self.assertTrue((root / 'nevis' / 'mnist' / '1.0.0' / 'dataset_info.json').exists())

    # The upstream splits, read whole, in TFDS order.
    upstream = tfds.builder('mnist:3.0.1', data_dir=root)
    read_config = tfds.ReadConfig(interleave_cycle_length=1)
    order = {
        split: _positions(upstream.as_dataset(split=split, shuffle_files=False,
                                              read_config=read_config))
        for split in ('train', 'test')
    }
    self.assertCountEqual(order['train'], range(dummy.NUM_TRAIN))
    expected = {
        'train': order['train'][:14],
        'dev': order['train'][14:17],
        'dev_test': order['train'][17:],
        'test': order['test'],
    }
    for split, positions in expected.items():
      examples = list(tfds.as_numpy(builder.as_dataset(split=split)))
      got = [int(example['image'][0, 0, 0]) for example in examples]
      self.assertEqual(sorted(got), sorted(positions), split)
      self.assertEqual(sorted(got), _EXPECTED_POSITIONS[split], split)
      self.assertEqual([int(example['label']) for example in examples],
                       [_label_of(position) for position in got], split)
      self.assertTrue(all(example['image'].shape == (28, 28, 1) for example in examples))


class RealSizesTest(unittest.TestCase):

  def test_reference_slices_of_the_real_mnist(self):
    plan = mnist.Mnist.SLICE_RULE.plan({'train': 60000, 'test': 10000})
    self.assertEqual({split: [piece.spec for piece in pieces] for split, pieces in plan.items()}, {
        'train': ['train[0:42000]'],
        'dev': ['train[42000:51000]'],
        'dev_test': ['train[51000:60000]'],
        'test': ['test[0:10000]'],
    })

  def test_train_validation_test_variant(self):
    plan = tfds_derived.TRAIN_VALIDATION_TEST_SLICES.plan(
        {'train': 1020, 'validation': 1020, 'test': 6149})
    self.assertEqual({split: [piece.spec for piece in pieces] for split, pieces in plan.items()}, {
        'train': ['train[0:816]'],
        'dev': ['train[816:1020]'],
        'dev_test': ['validation[0:1020]'],
        'test': ['test[0:6149]'],
    })
