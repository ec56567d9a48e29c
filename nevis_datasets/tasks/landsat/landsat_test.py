"""landsat on fake sat.trn / sat.tst (see dummy_data_generation.py)."""

from absl.testing import absltest
import numpy as np

from nevis_datasets import testing
from nevis_datasets.tasks.landsat import landsat


class LandsatTest(testing.TaskTestCase):
  DATASET_CLASS = landsat.Landsat
  # 12 train rows split by key hash; the 3 official test rows are kept as test.
  SPLITS = {'train': 7, 'dev': 3, 'dev_test': 2, 'test': 3}

  def check_labels(self, labels):
    # Train rows have classes 1, 2, 3, 4, 5, 7 (twice), test rows 7, 1, 3; id = class - 1.
    self.assertEqual(labels['train'], [1, 1, 2, 3, 4, 4, 6])
    self.assertEqual(labels['dev'], [0, 2, 3])
    self.assertEqual(labels['dev_test'], [0, 6])
    self.assertEqual(labels['test'], [0, 2, 6])


class ParseLineTest(absltest.TestCase):

  def test_drops_fourth_band_pixel_major(self):
    values = list(range(36))  # Pixel p, band b holds 4 * p + b.
    image, label = landsat.parse_line(' '.join(map(str, values)) + ' 7\n')
    self.assertEqual(label, 6)
    self.assertEqual(image.shape, (3, 3, 3))
    self.assertEqual(image.dtype, np.uint8)
    np.testing.assert_array_equal(image[0, 0], [0, 1, 2])  # Pixel 1 (top left).
    np.testing.assert_array_equal(image[0, 1], [4, 5, 6])  # Pixel 2, same row.
    np.testing.assert_array_equal(image[1, 0], [12, 13, 14])  # Pixel 4, second row.
    np.testing.assert_array_equal(image[2, 2], [32, 33, 34])  # Pixel 9.

  def test_rejects_malformed_rows(self):
    with self.assertRaisesRegex(ValueError, 'expected 36'):
      landsat.parse_line('1 2 3 4')
    with self.assertRaisesRegex(ValueError, 'class'):
      landsat.parse_line(' '.join(['0'] * 36) + ' 8')
    with self.assertRaisesRegex(ValueError, '0..255'):
      landsat.parse_line(' '.join(['256'] * 36) + ' 1')


if __name__ == '__main__':
  absltest.main()
