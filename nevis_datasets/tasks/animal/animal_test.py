"""animal on fake non_rigid_shape_{A,B}.zip (see dummy_data_generation.py)."""

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets.tasks.animal import animal
from nevis_datasets.tasks.animal import dummy_data_generation

# The fake class folders of both zips, sorted: the label ids.
_NAMES = sorted(name for names in dummy_data_generation.CLASSES.values() for name in names)


class AnimalTest(testing.TaskTestCase):
  DATASET_CLASS = animal.Animal
  # 60 TIFFs (20 classes x 3), split by member path hash.
  SPLITS = {'train': 29, 'dev': 8, 'dev_test': 6, 'test': 17}

  def check_labels(self, labels):
    self.assertEqual(labels['train'], [0, 0, 0, 1, 1, 1, 2, 2, 2, 4, 4, 5, 6, 6, 7, 9, 10, 10,
                                       10, 11, 11, 13, 14, 15, 16, 17, 17, 18, 19])
    self.assertEqual(labels['dev'], [3, 3, 8, 8, 12, 14, 16, 19])  # cow 3, duck 8, hen 12, ...
    self.assertEqual(labels['dev_test'], [4, 5, 7, 9, 12, 16])
    self.assertEqual(labels['test'], [3, 5, 6, 7, 8, 9, 11, 12, 13, 13, 14, 15, 15, 17, 18, 18,
                                      19])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    self.assertEqual(builder.info.features['label'].names, _NAMES)
    self.assertEqual(builder.info.metadata['class_names'], _NAMES)
    for example in tfds.as_numpy(builder.as_dataset(split='test')):
      self.assertEqual(example['image'].shape, (8, 8, 1))  # Grayscale, as the source.
      self.assertTrue(set(np.unique(example['image'])) <= {0, 255})  # Still binary.


class ClassOfTest(absltest.TestCase):

  def test_parent_folder_is_the_class(self):
    self.assertEqual(animal.class_of('non_rigid_shape_A/deer/deer18.tif', 'non_rigid_shape_A'),
                     'deer')

  def test_outside_a_class_folder(self):
    for member in ('non_rigid_shape_A/readme.txt',
                   'non_rigid_shape_A/deer/x/deer18.tif',
                   'non_rigid_shape_B/deer/deer18.tif',
                   'deer/deer18.tif',
                   'non_rigid_shape_A//deer18.tif'):
      with self.assertRaisesRegex(ValueError, 'not a file in a class folder non_rigid_shape_A/'):
        animal.class_of(member, 'non_rigid_shape_A')


if __name__ == '__main__':
  absltest.main()
