"""belgium_tsc on a fake reducedSetTS.txt and BelgiumTSC zips (see dummy_data_generation.py)."""

import hashlib
import pathlib
from unittest import mock

from absl.testing import absltest
import tensorflow_datasets as tfds

from nevis_datasets import catalog
from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.belgium_tsc import belgium_tsc

_DUMMY = pathlib.Path(__file__).parent / 'dummy_data'
_NAMES_URL = 'https://btsd.ethz.ch/shareddata/BelgiumTS/reducedSetTS.txt'


class BelgiumTscTest(testing.TaskTestCase):
  DATASET_CLASS = belgium_tsc.BelgiumTsc
  # 15 training PPMs (3 classes x 5) hashed by member path; 6 test PPMs (3 classes x 2).
  SPLITS = {'train': 9, 'dev': 2, 'dev_test': 4, 'test': 6}

  def check_labels(self, labels):
    # Ids are the class folders: 00000 -> 0 (A13), 00019 -> 19 (B1), 00061 -> 61 (B9).
    self.assertEqual(labels['train'], [0, 0, 0, 19, 19, 61, 61, 61, 61])
    self.assertEqual(labels['dev'], [0, 61])  # 00000/01153_00001, 00061/01153_00000
    self.assertEqual(labels['dev_test'], [0, 19, 19, 19])
    self.assertEqual(labels['test'], [0, 0, 19, 19, 61, 61])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    self.assertEqual(builder.info.features['label'].names[61], 'B9')
    for example in tfds.as_numpy(builder.as_dataset(split='test')):
      height, width, channels = example['image'].shape
      self.assertEqual(channels, 3)
      self.assertTrue(5 <= height <= 12 and 5 <= width <= 12)  # The source PPM's size.


class ClassNamesTest(absltest.TestCase):

  def test_fixture_is_the_real_file(self):
    # The fake reducedSetTS.txt (header + CLASS_NAMES) has the catalog md5 of the real one.
    data = (_DUMMY / 'reducedSetTS.txt').read_bytes()
    self.assertEqual(hashlib.md5(data).hexdigest(), catalog.get('belgium_tsc').md5(_NAMES_URL))

  def test_check_class_names(self):
    belgium_tsc.check_class_names('header\r\n' + '\r\n'.join(belgium_tsc.CLASS_NAMES) + '\r\n\r\n')

  def test_other_names_rejected(self):
    names = list(belgium_tsc.CLASS_NAMES)
    for changed in (names[:-1], names[1:] + names[:1], ['ABC'] * 62):
      with self.assertRaisesRegex(ValueError, 'not the expected 62'):
        belgium_tsc.check_class_names('\n'.join(['header', *changed]))

  def test_build_checks_the_names(self):
    bad = pathlib.Path(self.create_tempdir().full_path) / 'reducedSetTS.txt'
    bad.write_text('header\n' + '\n'.join(['ABC'] * 62) + '\n')
    builder = belgium_tsc.BelgiumTsc(data_dir=self.create_tempdir().full_path)
    with mock.patch.object(belgium_tsc.BelgiumTsc, 'download', lambda _, dl, url: bad), \
        self.assertRaisesRegex(toolkit.CorruptDataError, r"0: 'ABC' \(expected 'A13'\)"):
      list(builder._examples(dl_manager=None))


class LabelOfTest(absltest.TestCase):

  def test_folder_is_the_label(self):
    self.assertEqual(belgium_tsc.label_of('Training/00061/01957_00002.ppm', 'Training'), 61)
    self.assertEqual(belgium_tsc.label_of('Testing/00009/01957_00002.ppm', 'Testing'), 9)
    self.assertIsNone(belgium_tsc.label_of('Testing/00009/GT-00009.csv', 'Testing'))
    self.assertIsNone(belgium_tsc.label_of('Training/Readme.txt', 'Training'))

  def test_other_members_rejected(self):
    for member in ('Testing/00009/01957_00002.ppm',  # In the training zip.
                   'Training/00062/01957_00002.ppm',
                   'Training/61/01957_00002.ppm',
                   'Training/00061/01957_00002.png',
                   'BelgiumTSC/Training/00061/01957_00002.ppm'):
      with self.assertRaises(ValueError, msg=member):
        belgium_tsc.label_of(member, 'Training')


if __name__ == '__main__':
  absltest.main()
