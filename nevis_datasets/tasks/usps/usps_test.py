"""usps on fake usps.bz2 / usps.t.bz2 (see dummy_data_generation.py)."""

from absl.testing import absltest
import numpy as np

from nevis_datasets import testing
from nevis_datasets.tasks.usps import usps


class UspsTest(testing.TaskTestCase):
  DATASET_CLASS = usps.Usps
  # 10 train lines split by key hash; the 3 official test lines are kept as test.
  SPLITS = {'train': 7, 'dev': 2, 'dev_test': 1, 'test': 3}

  def check_labels(self, labels):
    # Train lines have LIBSVM labels 1..10 in order, test lines 10, 1, 5; id = label - 1.
    self.assertEqual(labels['train'], [0, 1, 2, 3, 4, 6, 8])
    self.assertEqual(labels['dev'], [5, 7])
    self.assertEqual(labels['dev_test'], [9])
    self.assertEqual(labels['test'], [0, 4, 9])


class ParseLineTest(absltest.TestCase):

  def test_rescales_by_index_and_ignores_trailing_whitespace(self):
    values = {1: '1', 2: '0', **{i: '-1' for i in range(3, 256)}}  # 256 left out.
    line = '3 ' + ' '.join(f'{i}:{v}' for i, v in values.items()) + ' \n'
    image, label = usps.parse_line(line)
    self.assertEqual(label, 2)
    self.assertEqual(image.shape, (16, 16))
    self.assertEqual(image.dtype, np.uint8)
    self.assertEqual(image[0, 0], 255)  # 1 -> 255.
    self.assertEqual(image[0, 1], 127)  # 0 -> 127.5, truncated as in the reference.
    self.assertEqual(image[0, 2], 0)  # -1 -> 0.
    self.assertEqual(image[15, 15], 127)  # Left out: a LIBSVM sparse zero.

  def test_rejects_index_out_of_range(self):
    with self.assertRaisesRegex(ValueError, 'outside'):
      usps.parse_line('1 257:0.5')

