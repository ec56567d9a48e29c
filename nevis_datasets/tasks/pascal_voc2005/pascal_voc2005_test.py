"""pascal_voc2005 on fake voc2005_{1,2}.tar.gz (see dummy_data_generation.py)."""

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.pascal_voc2005 import pascal_voc2005


class PascalVoc2005Test(testing.TaskTestCase):
  DATASET_CLASS = pascal_voc2005.PascalVoc2005
  # Set 1: 2 images in each of the 6 train folders, split by path hash; set 2: 1 image in each
  # of the 12 test folders.
  SPLITS = {'train': 7, 'dev': 2, 'dev_test': 3, 'test': 12}

  def check_labels(self, labels):
    # car -> 0, motorbike -> 1, bike -> 2, person -> 3 (the reference's order).
    self.assertEqual(labels['train'], [0, 0, 0, 0, 1, 1, 3])
    self.assertEqual(labels['dev'], [0, 2])
    self.assertEqual(labels['dev_test'], [0, 2, 3])
    self.assertEqual(labels['test'], [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3])


class ClassOfTest(absltest.TestCase):

  def test_prefix_match_on_png_members(self):
    self.assertEqual(
        pascal_voc2005.class_of('VOC2005_2/PNGImages/velo/a.png', pascal_voc2005.TEST_FOLDERS),
        ('bike', 'VOC2005_2/PNGImages/velo'))
    self.assertIsNone(
        pascal_voc2005.class_of('VOC2005_2/Annotations/velo/a.txt', pascal_voc2005.TEST_FOLDERS))
    self.assertIsNone(
        pascal_voc2005.class_of('VOC2005_1/PNGImages/car/a.png', pascal_voc2005.TRAIN_FOLDERS))

  def test_no_folder_is_a_prefix_of_another(self):
    for folders in (pascal_voc2005.TRAIN_FOLDERS, pascal_voc2005.TEST_FOLDERS):
      prefixes = [p for ps in folders.values() for p in ps]
      for a in prefixes:
        self.assertEqual([b for b in prefixes if b.startswith(a)], [a])


if __name__ == '__main__':
  absltest.main()
