"""uiuc_texture on five fake zips T01-T05.zip ... T21-T25.zip (see dummy_data_generation.py)."""

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets.tasks.uiuc_texture import uiuc_texture


class UiucTextureTest(testing.TaskTestCase):
  DATASET_CLASS = uiuc_texture.UiucTexture
  # 15 JPEGs (3 in the first folder of each zip), split by member path hash.
  SPLITS = {'train': 10, 'dev': 1, 'dev_test': 2, 'test': 2}

  def check_labels(self, labels):
    # T01_bark1 0, T06_wood3 5, T11_floor2 10, T16_glass1 15, T21_wallpaper 20.
    self.assertEqual(labels['train'], [0, 0, 0, 5, 10, 10, 10, 15, 20, 20])
    self.assertEqual(labels['dev'], [20])  # T21_wallpaper/T21_01.jpg
    self.assertEqual(labels['dev_test'], [5, 15])
    self.assertEqual(labels['test'], [5, 15])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for example in tfds.as_numpy(builder.as_dataset(split='test')):
      self.assertEqual(example['image'].shape, (8, 8, 1))  # Grayscale, whole (no random crop).
      self.assertEqual(example['image'].dtype, np.uint8)


class TextureOfTest(absltest.TestCase):

  def test_folder_is_the_texture(self):
    self.assertEqual(uiuc_texture.texture_of('T25_plaid/T25_36.jpg'), 'T25_plaid')

  def test_class_names_are_sorted(self):
    self.assertEqual(list(uiuc_texture.CLASS_NAMES), sorted(set(uiuc_texture.CLASS_NAMES)))

  def test_nested_or_unknown_folder(self):
    for member in ('T01-T05/T01_bark1/T01_01.jpg', 'T01/T01_01.jpg', 'T01_01.jpg',
                   'T01_bark1/sub/T01_01.jpg'):
      with self.assertRaisesRegex(ValueError, 'not in a texture folder'):
        uiuc_texture.texture_of(member)


if __name__ == '__main__':
  absltest.main()
