"""umd on fake textures-1.zip and textures-2.zip (see dummy_data_generation.py)."""

import pathlib
from unittest import mock

from absl.testing import absltest
from etils import epath
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets.tasks.umd import umd

_DUMMY = pathlib.Path(__file__).parent / 'dummy_data'


class UmdTest(testing.TaskTestCase):
  DATASET_CLASS = umd.Umd
  # 30 PNGs (6 in each of folders 1, 2, 12, 13, 25) in two zips, split by the hash of
  # '<zip file name>/<member>'; the .db files are not used.
  SPLITS = {'train': 16, 'dev': 4, 'dev_test': 5, 'test': 5}

  def check_labels(self, labels):
    # Folder n -> id n - 1.
    self.assertEqual(labels['train'], [0, 0, 1, 1, 1, 1, 11, 11, 12, 12, 12, 12, 24, 24, 24, 24])
    self.assertEqual(labels['dev'], [1, 11, 12, 24])
    self.assertEqual(labels['dev_test'], [1, 11, 11, 12, 24])
    self.assertEqual(labels['test'], [0, 0, 0, 0, 11])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for example in tfds.as_numpy(builder.as_dataset(split='test')):
      self.assertEqual(example['image'].shape, (6, 8, 1))  # Grayscale, source size.
      self.assertEqual(example['image'].dtype, np.uint8)


class TextureClassTest(absltest.TestCase):

  def test_folder_is_the_class(self):
    self.assertEqual(umd.texture_class('13/T13_01.png'), '13')
    self.assertEqual(umd.texture_class('textures/25/T25_01.png'), '25')
    self.assertEqual(umd.CLASS_NAMES.index('1'), 0)
    self.assertEqual(umd.CLASS_NAMES.index('25'), 24)

  def test_rejects_file_outside_class_folder(self):
    for member in ('readme.txt', '0/a.png', '26/a.png', '01/a.png', '13/extra/a.png'):
      with self.assertRaisesRegex(ValueError, 'not in a class folder'):
        umd.texture_class(member)


class ListingTest(absltest.TestCase):

  def test_keys_name_the_zip_and_db_files_are_not_used(self):
    builder = umd.Umd(data_dir=self.create_tempdir().full_path)
    with mock.patch.object(umd.Umd, 'download', side_effect=lambda _, url, **kw: epath.Path(
        _DUMMY / url.rsplit('/', 1)[1])):
      examples = list(builder._examples(dl_manager=None))
    self.assertLen(examples, 30)
    keys = [e.key for e in examples]
    self.assertIn('textures-1.zip/12/T12_06.png', keys)
    self.assertIn('textures-2.zip/25/T25_01.png', keys)
    self.assertFalse([k for k in keys if k.endswith('.db')])


if __name__ == '__main__':
  absltest.main()
