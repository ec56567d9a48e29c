"""mnist_m on a fake mnist_m.tar.gz (see dummy_data_generation.py)."""

import pathlib

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.mnist_m import mnist_m

_DUMMY_ARCHIVE = pathlib.Path(__file__).parent / 'dummy_data' / 'mnist_m.tar.gz'


class MnistMTest(testing.TaskTestCase):
  DATASET_CLASS = mnist_m.MnistM
  # 24 train + 8 test images, 2 duplicates dropped, 30 split by key hash.
  SPLITS = {'train': 18, 'dev': 1, 'dev_test': 5, 'test': 6}

  def check_labels(self, labels):
    # Digit d -> id d. train/00000000.png is a 3 (its own label file), not the test 7.
    self.assertEqual(labels['train'], [0, 0, 1, 1, 2, 2, 3, 3, 3, 4, 5, 5, 7, 7, 8, 8, 9, 9])
    self.assertEqual(labels['dev'], [6])  # train/00000003.png, whose copy 00000012 is dropped.
    self.assertEqual(labels['dev_test'], [0, 2, 4, 4, 9])
    self.assertEqual(labels['test'], [1, 4, 6, 6, 8, 8])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for example in tfds.as_numpy(builder.as_dataset(split='dev')):
      self.assertEqual(example['image'].shape, (28, 28, 3))
      self.assertEqual(example['image'].dtype, np.uint8)


class ParseTest(absltest.TestCase):

  def test_parse_label_line(self):
    self.assertEqual(mnist_m.parse_label_line('00000001.png 5\n'), ('00000001.png', 5))

  def test_malformed_lines(self):
    for line in ('00000001.png', '00000001.png 10', '00000001.jpg 5', 'a.png 5',
                 '00000001.png 5 extra', '00000001.png five'):
      with self.assertRaisesRegex(ValueError, 'is not "<digits>.png <digit 0-9>"'):
        mnist_m.parse_label_line(line)

  def test_parse_labels(self):
    self.assertEqual(mnist_m.parse_labels('00000000.png 1\n\n00000001.png 2\n', 'x.txt'),
                     {'00000000.png': 1, '00000001.png': 2})
    with self.assertRaisesRegex(ValueError, 'x.txt line 2: 00000000.png is listed twice'):
      mnist_m.parse_labels('00000000.png 1\n00000000.png 2\n', 'x.txt')
    with self.assertRaisesRegex(ValueError, 'x.txt line 1: '):
      mnist_m.parse_labels('00000000.png\n', 'x.txt')


class ListingTest(absltest.TestCase):
  """What `_examples` yields from the fake archive, without a TFDS build."""

  def _extracted(self) -> pathlib.Path:
    return testing.extracted_tar(_DUMMY_ARCHIVE, self.create_tempdir().full_path)

  def _examples(self, root: pathlib.Path) -> dict[str, toolkit.Example]:
    examples = testing.listed_examples(mnist_m.MnistM, {'mnist_m.tar.gz': root},
                                       self.create_tempdir().full_path)
    return {e.key: e for e in examples}

  def test_each_image_gets_the_label_of_its_own_folder(self):
    examples = self._examples(self._extracted())
    # Same name, different labels: the reference gave both the test label (7).
    self.assertEqual(examples['mnist_m_train/00000000.png'].label, 3)
    self.assertEqual(examples['mnist_m_test/00000000.png'].label, 7)

  def test_duplicates_keep_the_first_key(self):
    examples = self._examples(self._extracted())
    self.assertLen(examples, 30)
    self.assertIn('mnist_m_train/00000003.png', examples)
    self.assertNotIn('mnist_m_train/00000012.png', examples)  # Its pixels and label.
    self.assertIn('mnist_m_test/00000005.png', examples)  # Sorts before mnist_m_train/.
    self.assertNotIn('mnist_m_train/00000020.png', examples)
    # Same pixels as train/00000004.png, another label: both kept.
    self.assertEqual(examples['mnist_m_train/00000004.png'].label, 7)
    self.assertEqual(examples['mnist_m_train/00000014.png'].label, 8)
    self.assertEqual(list(examples), sorted(examples))

  def test_missing_or_unlisted_images_stop_the_build(self):
    root = self._extracted()
    (root / 'mnist_m/mnist_m_test/00000007.png').unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[mnist_m\] 1 image\(s\) of mnist_m_test_labels.txt are '
                                r'missing .* e.g. 00000007.png'):
      self._examples(root)
    root = self._extracted()
    (root / 'mnist_m/mnist_m_train/00000099.png').write_bytes(b'')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'not in mnist_m_train_labels.txt, e.g. 00000099.png'):
      self._examples(root)

  def test_missing_label_file_stops_the_build(self):
    root = self._extracted()
    (root / 'mnist_m/mnist_m_train_labels.txt').unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError, 'mnist_m_train_labels.txt is missing'):
      self._examples(root)


if __name__ == '__main__':
  absltest.main()
