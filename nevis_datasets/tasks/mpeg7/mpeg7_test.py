"""mpeg7 on a fake MPEG7dataset.zip (see dummy_data_generation.py)."""

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.mpeg7 import mpeg7


class Mpeg7Test(testing.TaskTestCase):
  DATASET_CLASS = mpeg7.Mpeg7
  DL_DOWNLOAD_RESULT = 'MPEG7dataset.zip'
  # 20 shapes (the 6 extra files and the directory entry left out), split by path hash.
  SPLITS = {'train': 12, 'dev': 2, 'dev_test': 3, 'test': 3}

  def check_labels(self, labels):
    # Bone 0, HCircle 3, apple 6, lizzard 52, watch 69.
    self.assertEqual(labels['train'], [0, 0, 0, 3, 3, 6, 6, 6, 52, 52, 69, 69])
    self.assertEqual(labels['dev'], [3, 69])
    self.assertEqual(labels['dev_test'], [0, 52, 69])
    self.assertEqual(labels['test'], [6, 52, 69])


class ShapeClassTest(absltest.TestCase):

  def test_prefix_before_dash(self):
    self.assertEqual(mpeg7.shape_class('original/lizzard-13.gif'), 'lizzard')
    self.assertEqual(mpeg7.shape_class('original/personal_car-1.gif'), 'personal_car')
    self.assertEqual(mpeg7.shape_class('HCircle-2.gif'), 'HCircle')

  def test_extra_files_are_not_shapes(self):
    self.assertIsNone(mpeg7.shape_class('original/confusions.eps'))
    self.assertIsNone(mpeg7.shape_class('original/shapedata.gif'))

  def test_unknown_class_is_rejected(self):
    with self.assertRaisesRegex(ValueError, 'known class'):
      mpeg7.shape_class('original/unicorn-1.gif')

  def test_class_names_sorted_and_complete(self):
    self.assertLen(mpeg7.CLASS_NAMES, 70)
    self.assertEqual(list(mpeg7.CLASS_NAMES), sorted(mpeg7.CLASS_NAMES))


if __name__ == '__main__':
  absltest.main()
