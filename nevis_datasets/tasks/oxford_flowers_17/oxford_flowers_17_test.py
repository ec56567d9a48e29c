"""oxford_flowers_17 on a fake 17flowers.tgz and datasplits.mat (see dummy_data_generation.py)."""

import pathlib

from absl.testing import absltest
from etils import epath
import numpy as np

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.oxford_flowers_17 import oxford_flowers_17

_DUMMY = pathlib.Path(__file__).parent / 'dummy_data'


class OxfordFlowers17Test(testing.TaskTestCase):
  DATASET_CLASS = oxford_flowers_17.OxfordFlowers17
  # trn1 (12 images) divided by member path hash; val1 (6) -> dev_test; tst1 (6) -> test. The
  # 9th image of each class is in no split-1 list and files.txt is no image: both not used.
  SPLITS = {'train': 11, 'dev': 1, 'dev_test': 6, 'test': 6}

  def check_labels(self, labels):
    # Images 1-9 -> daffodil (0), 81-89 -> snowdrop (1), 1281-1289 -> pansy (16).
    self.assertEqual(labels['train'], [0, 0, 0, 0, 1, 1, 1, 16, 16, 16, 16])
    self.assertEqual(labels['dev'], [1])  # jpg/image_0084.jpg
    self.assertEqual(labels['dev_test'], [0, 0, 1, 1, 16, 16])
    self.assertEqual(labels['test'], [0, 0, 1, 1, 16, 16])


class ImageIndexTest(absltest.TestCase):

  def test_number_and_label(self):
    self.assertEqual(oxford_flowers_17.image_index('jpg/image_0081.jpg'), 81)
    self.assertEqual(oxford_flowers_17.label_of(1), 0)
    self.assertEqual(oxford_flowers_17.label_of(80), 0)
    self.assertEqual(oxford_flowers_17.label_of(81), 1)
    self.assertEqual(oxford_flowers_17.label_of(1360), 16)

  def test_other_files_are_not_images(self):
    self.assertIsNone(oxford_flowers_17.image_index('jpg/files.txt'))

  def test_rejects_bad_image_names(self):
    for member in ('jpg/image_1.jpg', 'image_0001.jpg', 'jpg/image_0001.png',
                   'flowers/jpg/image_0001.jpg'):
      with self.assertRaisesRegex(ValueError, 'not named'):
        oxford_flowers_17.image_index(member)
    for member in ('jpg/image_0000.jpg', 'jpg/image_1361.jpg'):
      with self.assertRaisesRegex(ValueError, 'outside 1..1360'):
        oxford_flowers_17.image_index(member)


class SourceSplitsTest(absltest.TestCase):

  def _variables(self, **changes):
    variables = {'trn1': np.array([[1.0, 2.0]]), 'val1': np.array([[3.0]]),
                 'tst1': np.array([[1360.0]]), 'trn2': np.array([[3.0, 1.0]])}
    variables.update(changes)
    return variables

  def test_split_one_only(self):
    self.assertEqual(oxford_flowers_17.source_splits(self._variables()),
                     {1: 'train', 2: 'train', 3: 'validation', 1360: 'test'})

  def test_image_listed_twice(self):
    with self.assertRaisesRegex(ValueError, "image 2 is listed twice, in 'trn1' and 'tst1'"):
      oxford_flowers_17.source_splits(self._variables(tst1=np.array([[2.0]])))

  def test_missing_variable(self):
    variables = self._variables()
    del variables['val1']
    with self.assertRaisesRegex(ValueError, "no variable 'val1'"):
      oxford_flowers_17.source_splits(variables)

  def test_values_that_are_not_image_numbers(self):
    for bad in ([[0.0]], [[1361.0]], [[2.5]], [['a']]):
      with self.assertRaisesRegex(ValueError, "'val1'"):
        oxford_flowers_17.source_splits(self._variables(val1=np.array(bad)))


class ReadMatTest(absltest.TestCase):

  def test_dummy_file(self):
    variables = oxford_flowers_17.toolkit.matfiles.read_mat(epath.Path(_DUMMY / 'datasplits.mat'))
    self.assertEqual(variables['trn1'].shape, (1, 12))

  def test_not_a_mat_file(self):
    path = epath.Path(self.create_tempfile(content='<html>Not found</html>').full_path)
    with self.assertRaisesRegex(ValueError, 'not a readable MAT file'):
      oxford_flowers_17.toolkit.matfiles.read_mat(path)


class ListingTest(absltest.TestCase):
  """What `_examples` makes of an extracted archive, without a TFDS build."""

  def _examples(self, drop: str = ''):
    root = testing.extracted_tar(_DUMMY / '17flowers.tgz', self.create_tempdir().full_path)
    if drop:
      (root / drop).unlink()
    return testing.listed_examples(
        oxford_flowers_17.OxfordFlowers17,
        {'17flowers.tgz': root, 'datasplits.mat': _DUMMY / 'datasplits.mat'},
        self.create_tempdir().full_path)

  def test_split_one_keys_labels_and_source_splits(self):
    examples = {e.key: e for e in self._examples()}
    self.assertLen(examples, 24)  # The 9th image of each class and files.txt are not used.
    self.assertNotIn('jpg/image_0009.jpg', examples)
    self.assertEqual(examples['jpg/image_1284.jpg'].label, 16)
    self.assertEqual(examples['jpg/image_1284.jpg'].source_split, 'train')
    self.assertEqual(examples['jpg/image_0085.jpg'].source_split, 'validation')
    self.assertEqual(examples['jpg/image_0007.jpg'].source_split, 'test')

  def test_listed_image_missing_from_archive(self):
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[oxford_flowers_17\].*jpg/image_0082.jpg.*incomplete'):
      self._examples(drop='jpg/image_0082.jpg')


if __name__ == '__main__':
  absltest.main()
