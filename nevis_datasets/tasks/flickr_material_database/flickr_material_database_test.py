"""flickr_material_database on a fake FMD.zip (see dummy_data_generation.py)."""

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets.tasks.flickr_material_database import flickr_material_database


class FlickrMaterialDatabaseTest(testing.TaskTestCase):
  DATASET_CLASS = flickr_material_database.FlickrMaterialDatabase
  # 24 photos (8 per material), split by member path hash; masks and the .m, .asv and .db
  # files are not used.
  SPLITS = {'train': 14, 'dev': 2, 'dev_test': 4, 'test': 4}

  def check_labels(self, labels):
    # fabric -> 0, glass -> 2, wood -> 9.
    self.assertEqual(labels['train'], [0] * 5 + [2] * 6 + [9] * 3)
    self.assertEqual(labels['dev'], [2, 9])
    self.assertEqual(labels['dev_test'], [0, 2, 9, 9])
    self.assertEqual(labels['test'], [0, 0, 9, 9])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    # The grayscale photo (image/glass/glass_moderate_001_new.jpg, in train) is made RGB.
    for example in tfds.as_numpy(builder.as_dataset(split='train')):
      self.assertEqual(example['image'].shape, (6, 8, 3))
      self.assertEqual(example['image'].dtype, np.uint8)


class MaterialTest(absltest.TestCase):

  def test_material_folder_is_the_class(self):
    self.assertEqual(
        flickr_material_database.material('image/wood/wood_object_021_new.jpg'), 'wood')
    self.assertEqual(
        flickr_material_database.material('image/water/water_moderate_023_new.jpg'), 'water')

  def test_masks_and_other_files_are_not_photos(self):
    for member in ('mask/wood/wood_object_021_new.jpg', 'image/fabric/Thumbs.db',
                   'image/showimages.m', 'image/showimages.asv', 'readme.txt'):
      self.assertIsNone(flickr_material_database.material(member), member)

  def test_rejects_photo_outside_material_folder(self):
    for member in ('image/sand/sand_object_001_new.jpg', 'image/fabric_object_001_new.jpg',
                   'image/fabric/close/fabric_object_001_new.jpg'):
      with self.assertRaisesRegex(ValueError, 'not in a material folder'):
        flickr_material_database.material(member)


if __name__ == '__main__':
  absltest.main()
