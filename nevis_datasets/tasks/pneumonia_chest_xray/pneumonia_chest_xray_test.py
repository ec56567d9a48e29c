"""pneumonia_chest_xray on a fake chest-xray-pneumonia.zip, through the manual-dir path.

See dummy_data_generation.py for what the fake archive holds.
"""

import pathlib

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.pneumonia_chest_xray import dummy_data_generation
from nevis_datasets.tasks.pneumonia_chest_xray import pneumonia_chest_xray

_ROOT = pneumonia_chest_xray.ROOT


class PneumoniaChestXrayTest(testing.TaskTestCase):
  """Kaggle credentials are hidden, so the archive comes from the manual dir (dummy_data/)."""

  DATASET_CLASS = pneumonia_chest_xray.PneumoniaChestXray
  # The nested copy only: 12 training images hashed 0.8/0.2 into train/dev, the 2 `val` images
  # are dev_test, the 4 `test` images test. The top-level copy is not counted again.
  SPLITS = {'train': 11, 'dev': 1, 'dev_test': 2, 'test': 4}

  def check_labels(self, labels):
    # NORMAL 0, PNEUMONIA 1.
    self.assertEqual(labels['train'], [0] * 4 + [1] * 7)
    self.assertEqual(labels['dev'], [0])  # train/NORMAL/IM-0115-0001.jpeg
    self.assertEqual(labels['dev_test'], [0, 1])
    self.assertEqual(labels['test'], [0, 0, 1, 1])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for split in builder.info.splits:
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (6, 8, 1))  # Grayscale, the RGB JPEG too.


class ClassOfTest(absltest.TestCase):

  def test_class_folder_is_the_class(self):
    self.assertEqual(pneumonia_chest_xray.class_of(f'{_ROOT}/val/NORMAL/IM-1.jpeg'), 'NORMAL')
    self.assertEqual(pneumonia_chest_xray.class_of(f'{_ROOT}/test/PNEUMONIA/p1.jpeg'),
                     'PNEUMONIA')

  def test_outside_a_class_folder(self):
    for member in (f'{_ROOT}/train/x.jpeg', f'{_ROOT}/train/normal/x.jpeg',
                   f'{_ROOT}/train/NORMAL/sub/x.jpeg'):
      with self.assertRaisesRegex(ValueError, 'not in a class folder'):
        pneumonia_chest_xray.class_of(member)


class ListingTest(testing.KaggleListingTestCase):
  """What `_examples` lists from the extracted fake archive, without a TFDS build."""

  BUILDER_CLASS = pneumonia_chest_xray.PneumoniaChestXray

  def _examples(self) -> list[toolkit.Example]:
    return self.listed()

  def test_lists_the_nested_copy_once(self):
    examples = self._examples()
    self.assertLen(examples, 18)  # Not 36: the top-level copy is not read.
    self.assertTrue(all(e.key.startswith(f'{_ROOT}/') for e in examples))
    self.assertFalse(any('DS_Store' in e.key or '__MACOSX' in e.key for e in examples))
    self.assertTrue(all(e.key.split('/')[3] == e.label for e in examples))
    self.assertEqual([e.source_split for e in examples],
                     ['train'] * 12 + ['validation'] * 2 + ['test'] * 4)

  def test_stores_the_rgb_jpeg_as_grayscale(self):
    examples = {e.key: e for e in self._examples()}
    image = examples[f'{_ROOT}/{dummy_data_generation.RGB}'].image
    self.assertEqual(toolkit.images.decoded_pixels(image, grayscale=False).shape, (6, 8, 3))
    pixels = toolkit.images.decoded_pixels(image, grayscale=True)
    self.assertEqual(pixels.shape, (6, 8))
    self.assertEqual(pixels.dtype, np.uint8)

  def test_grayscale_jpegs_pass_through(self):
    examples = {e.key: e for e in self._examples()}
    path = examples[f'{_ROOT}/train/NORMAL/IM-0117-0001.jpeg'].image
    data = pathlib.Path(path).read_bytes()
    self.assertEqual(toolkit.images.encode_image(path, grayscale=True), data)

  def test_jpeg_outside_the_class_folders_stops_the_build(self):
    (self.root / _ROOT / 'train/NORMAL/IM-0117-0001.jpeg').rename(
        self.root / _ROOT / 'train/IM-0117-0001.jpeg')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[pneumonia_chest_xray\] .*train/IM-0117-0001.jpeg.* is not '
                                r'in a class folder.*chest-xray-pneumonia.zip does not have'):
      self._examples()

  def test_missing_split_folder_stops_the_build(self):
    (self.root / _ROOT / 'val').rename(self.root / _ROOT / 'validation')
    with self.assertRaisesRegex(toolkit.CorruptDataError, r'chest_xray/chest_xray/val/ is missing'):
      self._examples()

  def test_missing_nested_copy_stops_the_build(self):
    (self.root / _ROOT).rename(self.root / 'chest_xray/other')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'chest_xray/chest_xray/train/ is missing'):
      self._examples()


if __name__ == '__main__':
  absltest.main()
