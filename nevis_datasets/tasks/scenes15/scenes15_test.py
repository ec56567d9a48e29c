"""scenes15 on a fake scene_categories.zip (see dummy_data_generation.py)."""

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets.tasks.scenes15 import scenes15


class Scenes15Test(testing.TaskTestCase):
  DATASET_CLASS = scenes15.Scenes15
  DL_DOWNLOAD_RESULT = 'scene_categories.zip'
  # 30 JPEGs (2 per class), split by member path hash.
  SPLITS = {'train': 20, 'dev': 3, 'dev_test': 4, 'test': 3}

  def check_labels(self, labels):
    # Ids in the reference's order: PARoffice 0, kitchen 1, ..., livingroom 14.
    self.assertEqual(labels['train'],
                     [0, 0, 2, 2, 4, 4, 5, 5, 6, 7, 8, 8, 9, 10, 11, 11, 12, 12, 13, 14])
    self.assertEqual(labels['dev'], [1, 9, 14])  # kitchen/2, MITmountain/2, livingroom/2
    self.assertEqual(labels['dev_test'], [6, 7, 10, 13])
    self.assertEqual(labels['test'], [1, 3, 3])  # kitchen/1, MITforest/1, MITforest/2

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for example in tfds.as_numpy(builder.as_dataset(split='test')):
      self.assertEqual(example['image'].shape, (8, 8, 1))  # Grayscale, source size.
      self.assertEqual(example['image'].dtype, np.uint8)


class ClassOfTest(absltest.TestCase):

  def test_folder_is_the_class(self):
    self.assertEqual(scenes15.class_of('CALsuburb/image_0001.jpg'), 'CALsuburb')

  def test_nested_or_unknown_folder(self):
    for member in ('scene_categories/bedroom/image_0001.jpg', 'beach/image_0001.jpg',
                   'image_0001.jpg'):
      with self.assertRaisesRegex(ValueError, 'not in a class folder'):
        scenes15.class_of(member)


if __name__ == '__main__':
  absltest.main()
