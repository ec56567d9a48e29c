"""silhouettes_28 on fake caltech101_silhouettes_28{,_split1}.mat (see dummy_data_generation)."""

import pathlib

from absl.testing import absltest
import numpy as np
import scipy.io
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets.tasks.silhouettes_28 import dummy_data_generation
from nevis_datasets.tasks.silhouettes_28 import silhouettes_28

_SPLIT_FILE = (pathlib.Path(__file__).parent / 'dummy_data'
               / 'caltech101_silhouettes_28_split1.mat')


class Silhouettes28Test(testing.TaskTestCase):
  DATASET_CLASS = silhouettes_28.Silhouettes28
  # split1's 20 train rows divided 0.8/0.2 by key hash; val (4) is dev_test, test (5) is test.
  SPLITS = {'train': 16, 'dev': 4, 'dev_test': 4, 'test': 5}

  def check_labels(self, labels):
    self.assertEqual(labels['train'], [0] * 5 + [1] * 2 + [2] * 5 + [3] * 4)
    self.assertEqual(labels['dev'], [1, 1, 1, 3])
    self.assertEqual(labels['dev_test'], [0, 1, 2, 3])  # val_labels - 1.
    self.assertEqual(labels['test'], [0, 0, 1, 2, 3])  # test_labels - 1.

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    # The file's order, not sorted.
    self.assertEqual(builder.info.features['label'].names, dummy_data_generation.CLASS_NAMES)
    for split in builder.info.splits:
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (28, 28, 1))
        # 0/255 in every split, train too (the reference left train 0/1).
        self.assertEqual(set(np.unique(example['image'])), {0, 255})
    # The test rows, reshaped in C order, are the stored test images (in some order).
    rows = scipy.io.loadmat(_SPLIT_FILE)['test_data']
    expected = sorted(image.tobytes()
                      for image in (rows * 255).astype(np.uint8).reshape(-1, 28, 28))
    stored = sorted(example['image'][..., 0].tobytes()
                    for example in tfds.as_numpy(builder.as_dataset(split='test')))
    self.assertEqual(stored, expected)


class ParsingTest(absltest.TestCase):

  def test_rows_are_c_order_images_of_0_and_255(self):
    for dtype in (np.uint8, np.float64):
      row = np.zeros((1, 784), dtype=dtype)
      row[0, 1] = 1  # Second value of the row: first image row, second column in C order.
      images = silhouettes_28.binary_images(row, 'train_data')
      self.assertEqual(images.shape, (1, 28, 28))
      self.assertEqual(images.dtype, np.uint8)
      self.assertEqual(images[0, 0, 1], 255)
      self.assertEqual(int(images.sum()), 255)

  def test_bad_images(self):
    with self.assertRaisesRegex(ValueError, r'train_data has shape \(2, 256\)'):
      silhouettes_28.binary_images(np.zeros((2, 256)), 'train_data')
    with self.assertRaisesRegex(ValueError, 'values other than 0 and 1'):
      silhouettes_28.binary_images(np.full((1, 784), 255, np.uint8), 'train_data')

  def test_labels_are_one_based(self):
    ids = silhouettes_28.label_ids(np.array([[1], [101], [5]], np.uint8), 3, 101, 'val_labels')
    self.assertEqual(ids.tolist(), [0, 100, 4])

  def test_bad_labels(self):
    with self.assertRaisesRegex(ValueError, r'val_labels has shape \(1, 3\)'):
      silhouettes_28.label_ids(np.array([[1, 2, 3]]), 3, 101, 'val_labels')
    for bad in (0, 102):
      with self.assertRaisesRegex(ValueError, 'not whole numbers in 1..101'):
        silhouettes_28.label_ids(np.array([[1], [bad]]), 2, 101, 'val_labels')
    with self.assertRaisesRegex(ValueError, 'not whole numbers in 1..101'):
      silhouettes_28.label_ids(np.array([[1.5]]), 1, 101, 'val_labels')

  def test_class_names_in_file_order(self):
    names = np.empty((1, 3), dtype=object)
    names[0, :] = [np.array(['octopus']), np.array(['Faces']), np.array(['ant'])]
    self.assertEqual(silhouettes_28.class_names({'classnames': names}, 'f.mat'),
                     ['octopus', 'Faces', 'ant'])

  def test_bad_class_names(self):
    with self.assertRaisesRegex(ValueError, 'f.mat has no classnames'):
      silhouettes_28.class_names({}, 'f.mat')
    names = np.empty((1, 2), dtype=object)
    names[0, :] = [np.array(['octopus']), np.array([3])]
    with self.assertRaisesRegex(ValueError, 'is not one string'):
      silhouettes_28.class_names({'classnames': names}, 'f.mat')


if __name__ == '__main__':
  absltest.main()
