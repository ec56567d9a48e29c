"""animal_web on a fake animal_dataset_v1_c.rar (see dummy_data_generation.py)."""

import pathlib
import shutil
import types
from unittest import mock

from absl.testing import absltest
from etils import epath
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.animal_web import animal_web
from nevis_datasets.tasks.animal_web import dummy_data_generation

_DUMMY_RAR = pathlib.Path(__file__).parent / 'dummy_data' / 'animal_dataset_v1_c.rar'
_FOLDER = dummy_data_generation.FOLDER


class AnimalWebTest(testing.TaskTestCase):
  DATASET_CLASS = animal_web.AnimalWeb
  # 25 JPEGs of 5 species, less the copy saluki_5.jpg; split by file name hash.
  SPLITS = {'train': 8, 'dev': 5, 'dev_test': 5, 'test': 6}

  def check_labels(self, labels):
    # The reference's ids: saluki 0, kultarr 1, lionpd 30, animal 50, urial 351.
    self.assertEqual(labels['train'], [1, 1, 1, 30, 30, 50, 50, 351])  # animal_5.JPG: 50
    self.assertEqual(labels['dev'], [0, 30, 30, 351, 351])  # saluki_1, lionpd_3 (CMYK), ...
    self.assertEqual(labels['dev_test'], [0, 1, 50, 351, 351])  # urial_ovis_4.jpg: 351
    self.assertEqual(labels['test'], [0, 0, 1, 30, 50, 50])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for split in self.SPLITS:  # RGB at source size, the grayscale and CMYK JPEGs too.
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (6, 8, 3))
        self.assertEqual(example['image'].dtype, np.uint8)


class ClassOfTest(absltest.TestCase):

  def test_class_names_are_the_references(self):
    self.assertLen(set(animal_web.CLASS_NAMES), 352)
    self.assertEqual(animal_web.CLASS_NAMES[:3], ('saluki', 'kultarr', 'bighornsheep'))
    self.assertEqual(animal_web.CLASS_NAMES[50], 'animal')
    self.assertEqual(animal_web.CLASS_NAMES[-1], 'urial')

  def test_the_prefix_before_the_first_underscore(self):
    self.assertEqual(animal_web.class_of('saluki_12.jpg'), 'saluki')
    self.assertEqual(animal_web.class_of('urial_ovis_4.jpg'), 'urial')
    self.assertEqual(animal_web.class_of('animal.jpg'), 'animal')  # No underscore: the stem.
    self.assertEqual(animal_web.class_of('fox_1.JPG'), 'fox')

  def test_an_unknown_species_is_an_error(self):
    for name in ('Saluki_1.jpg', 'wolf_1.jpg', '_1.jpg', '._saluki_1.jpg'):
      with self.assertRaisesRegex(ValueError, 'is not one of the 352 species names'):
        animal_web.class_of(name)


class FlatImagesTest(absltest.TestCase):

  def test_images_by_file_name_sorted(self):
    files = [('a/fox_2.jpg', epath.Path('/x/a/fox_2.jpg')), ('a/fox_2.pts', epath.Path('/p')),
             ('b/fox_1.JPG', epath.Path('/x/b/fox_1.JPG')), ('readme.txt', epath.Path('/r'))]
    self.assertEqual(animal_web.flat_images(files),
                     {'fox_1.JPG': epath.Path('/x/b/fox_1.JPG'),
                      'fox_2.jpg': epath.Path('/x/a/fox_2.jpg')})

  def test_two_images_of_one_name_are_an_error(self):
    # `unrar e`, flattening, kept only one of them.
    files = [('a/fox_1.jpg', epath.Path('/a')), ('b/fox_1.jpg', epath.Path('/b')),
             ('a/fox_1.pts', epath.Path('/c')), ('b/fox_1.pts', epath.Path('/d'))]
    with self.assertRaisesRegex(ValueError, 'a/fox_1.jpg and b/fox_1.jpg are both named '
                                'fox_1.jpg'):
      animal_web.flat_images(files)


class ListingTest(absltest.TestCase):
  """What `_examples` lists from the extracted fake archive, without a TFDS build."""

  def setUp(self):
    super().setUp()
    self.root = pathlib.Path(
        toolkit.rar.extract('animal_web', _DUMMY_RAR, self.create_tempdir().full_path))

  def _examples(self) -> list[toolkit.Example]:
    builder = animal_web.AnimalWeb(data_dir=self.create_tempdir().full_path)
    with mock.patch.object(animal_web.AnimalWeb, 'download', return_value=_DUMMY_RAR), \
         mock.patch.object(animal_web.rar, 'extract', return_value=epath.Path(self.root)):
      return list(builder._examples(types.SimpleNamespace(_extract_dir='unused')))

  def test_lists_the_images_by_file_name_without_copies(self):
    examples = self._examples()
    keys = [e.key for e in examples]
    self.assertLen(keys, 24)  # 25 JPEGs, less one copy; the .pts files are not images.
    self.assertEqual(keys, sorted(keys))
    self.assertNotIn(dummy_data_generation.COPY[0], keys)
    self.assertIn(dummy_data_generation.OTHER_SPECIES_COPY[0], keys)  # Another label: kept.
    self.assertIn(dummy_data_generation.UPPER, keys)
    self.assertTrue(all(e.label == e.key.split('_')[0] for e in examples))

  def test_grayscale_and_cmyk_jpegs_become_rgb(self):
    examples = {e.key: e for e in self._examples()}
    for name in (dummy_data_generation.GRAY, dummy_data_generation.CMYK):
      pixels = toolkit.images.decoded_pixels(examples[name].image, grayscale=False)
      self.assertEqual(pixels.shape, (6, 8, 3))

  def test_an_image_name_in_two_folders_stops_the_build(self):
    (self.root / 'extra').mkdir()
    shutil.copy(self.root / _FOLDER / 'saluki_2.jpg', self.root / 'extra' / 'saluki_2.jpg')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                rf'\[animal_web\] {_FOLDER}/saluki_2.jpg and extra/saluki_2.jpg'
                                r' are both named saluki_2.jpg.*animal_dataset_v1_c.rar does '
                                'not have the expected content'):
      self._examples()

  def test_an_unknown_species_stops_the_build(self):
    shutil.copy(self.root / _FOLDER / 'saluki_2.jpg', self.root / _FOLDER / 'wolf_1.jpg')
    with self.assertRaisesRegex(toolkit.CorruptDataError, r"'wolf_1.jpg': 'wolf' is not one"):
      self._examples()


if __name__ == '__main__':
  absltest.main()
