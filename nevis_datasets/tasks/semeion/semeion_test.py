"""semeion on a fake semeion.data (see dummy_data_generation.py)."""

from absl.testing import absltest
import numpy as np

from nevis_datasets import testing
from nevis_datasets.tasks.semeion import semeion


class SemeionTest(testing.TaskTestCase):
  DATASET_CLASS = semeion.Semeion
  DL_DOWNLOAD_RESULT = 'semeion.data'
  SPLITS = {'train': 16, 'dev': 2, 'dev_test': 2, 'test': 1}  # 21 lines, split by key hash.

  def check_labels(self, labels):
    # Line i is digit i % 10.
    self.assertEqual(labels['train'], [0, 0, 1, 1, 3, 3, 4, 4, 5, 6, 7, 7, 8, 8, 9, 9])
    self.assertEqual(labels['dev'], [2, 6])
    self.assertEqual(labels['dev_test'], [2, 5])
    self.assertEqual(labels['test'], [0])


class ParseLineTest(absltest.TestCase):

  def test_binary_pixels_and_one_hot_label(self):
    pixels = ['1.0000'] + ['0.0000'] * 255
    one_hot = ['0'] * 7 + ['1'] + ['0'] * 2
    image, label = semeion.parse_line(' '.join(pixels + one_hot) + ' \r\n')
    self.assertEqual(label, 7)
    self.assertEqual(image.shape, (16, 16))
    self.assertEqual(image.dtype, np.uint8)
    self.assertEqual(image[0, 0], 255)
    self.assertEqual(image.sum(), 255)

  def test_rejects_short_line(self):
    with self.assertRaisesRegex(ValueError, 'expected'):
      semeion.parse_line('1.0000 0.0000 1 0')
