"""caltech256 on a fake 256_ObjectCategories.tar (see dummy_data_generation.py), through Beam."""

from absl.testing import absltest
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets.tasks.caltech256 import caltech256
from nevis_datasets.toolkit.sources import caltech256 as source


class Caltech256Test(testing.TaskTestCase):
  """Runs on TaskBuilder's default Beam runner: the in-process FnApiRunner."""

  DATASET_CLASS = caltech256.Caltech256
  # 13 folders x 3 JPEGs (RENAME2 and Thumbs.db skipped), split by member path hash.
  SPLITS = {'train': 22, 'dev': 3, 'dev_test': 4, 'test': 10}

  def check_labels(self, labels):
    # Folder number - 1: 001.ak47 -> 0, 003.backpack -> 2, ..., 257.clutter -> 256.
    self.assertEqual(labels['train'], [0, 0, 2, 2, 26, 40, 40, 44, 44, 45, 45, 45, 100, 100,
                                       126, 197, 197, 197, 223, 223, 237, 256])
    self.assertEqual(labels['dev'], [2, 100, 126])
    self.assertEqual(labels['dev_test'], [40, 46, 46, 256])
    self.assertEqual(labels['test'], [0, 26, 26, 44, 46, 126, 223, 237, 237, 256])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for split in self.SPLITS:  # 001_0001.jpg (train) is grayscale: converted to RGB.
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (8, 8, 3))


class ParseMemberTest(absltest.TestCase):

  def test_label_is_folder_number_minus_one(self):
    self.assertEqual(source.parse_member('256_ObjectCategories/001.ak47/001_0001.jpg'),
                     (0, 'ak47'))
    self.assertEqual(source.parse_member('256_ObjectCategories/257.clutter/257_0827.jpg'),
                     (256, 'clutter'))
    self.assertEqual(
        source.parse_member('256_ObjectCategories/251.airplanes-101/251_0001.jpg'),
        (250, 'airplanes-101'))

  def test_class_names_in_folder_order(self):
    self.assertLen(source.CLASS_NAMES, 257)
    self.assertLen(set(source.CLASS_NAMES), 257)
    self.assertEqual(source.CLASS_NAMES[2], 'backpack')
    self.assertEqual(source.CLASS_NAMES[-1], 'clutter')

  def test_other_members_are_not_images(self):
    for member in ('256_ObjectCategories/198.spider/RENAME2',
                   '256_ObjectCategories/003.backpack/Thumbs.db',
                   '256_ObjectCategories/003.backpack/003_0001.jpg.bak',
                   '003.backpack/003_0001.jpg', '256_ObjectCategories/003.backpack/3_1.jpg'):
      self.assertIsNone(source.parse_member(member), member)

  def test_rejects_folder_name_not_matching_its_number(self):
    # The reference asserted this (a bare AssertionError, or KeyError for an unknown name).
    with self.assertRaisesRegex(ValueError, 'folder 004 is 004.baseball-bat'):
      source.parse_member('256_ObjectCategories/004.backpack/004_0001.jpg')
    with self.assertRaisesRegex(ValueError, 'outside 001..257'):
      source.parse_member('256_ObjectCategories/258.extra/258_0001.jpg')


if __name__ == '__main__':
  absltest.main()
