"""ig02 on fake ig02-v1.0-{bikes,cars,people}.zip (see dummy_data_generation.py)."""

import pathlib
from unittest import mock
import zipfile

from absl.testing import absltest

from nevis_datasets import catalog
from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.ig02 import ig02

_DUMMY = pathlib.Path(__file__).parent / 'dummy_data'


class Ig02Test(testing.TaskTestCase):
  DATASET_CLASS = ig02.Ig02
  # 16 photos, 2 copies (same bytes, same pixels) dropped, 14 split by member path hash.
  SPLITS = {'train': 7, 'dev': 2, 'dev_test': 2, 'test': 3}

  def check_labels(self, labels):
    # bikes 0, cars 1, people 2.
    self.assertEqual(labels['train'], [0, 0, 0, 0, 2, 2, 2])  # bike_002..005, person_1/2/4
    self.assertEqual(labels['dev'], [2, 2])  # person_003, person_005 (a bike's bytes)
    self.assertEqual(labels['dev_test'], [1, 1])  # carsgraz_002, carsgraz_003
    self.assertEqual(labels['test'], [0, 1, 1])  # bike_001, carsgraz_001, carsgraz_004


class ListingTest(absltest.TestCase):

  def test_drops_pixel_copies_within_a_class_only(self):
    builder = ig02.Ig02(data_dir=self.create_tempdir().full_path)
    with mock.patch.object(ig02.Ig02, 'download',
                           lambda self, dl, url: _DUMMY / catalog.url_file_name(url)):
      keys = [e.key for e in builder._examples(dl_manager=None)]
    self.assertLen(keys, 14)
    self.assertNotIn('cars/carsgraz_005.image.png', keys)  # Same bytes as carsgraz_002.
    self.assertNotIn('bikes/bike_006.image.png', keys)  # Same pixels as bike_001, other bytes.
    self.assertIn('bikes/bike_001.image.png', keys)  # The smallest path of the group is kept.
    self.assertIn('people/person_005.image.png', keys)  # Same bytes as bike_003.
    self.assertFalse([k for k in keys if 'mask' in k])

  def test_pixel_md5(self):
    self.assertIsNone(toolkit.dedup.pixel_digest(b'not a png'))
    bikes = _DUMMY / 'ig02-v1.0-bikes.zip'
    with zipfile.ZipFile(bikes) as archive:
      first, copy = (archive.read(f'bikes/bike_00{i}.image.png') for i in (1, 6))
    self.assertNotEqual(first, copy)
    self.assertEqual(toolkit.dedup.pixel_digest(first), toolkit.dedup.pixel_digest(copy))

  def test_class_of(self):
    self.assertEqual(ig02.class_of('people/person_001.image.png'), 'people')
    self.assertIsNone(ig02.class_of('people/person_001.mask.0.png'))
    self.assertIsNone(ig02.class_of('people_train.txt'))
    with self.assertRaisesRegex(ValueError, 'not in a class folder'):
      ig02.class_of('person_001.image.png')


if __name__ == '__main__':
  absltest.main()
