"""not_mnist on a fake notmnist.zip, through the manual-dir path (see dummy_data_generation.py)."""

import pathlib
from unittest import mock
import zipfile

from absl.testing import absltest
from etils import epath

from nevis_datasets import testing
from nevis_datasets.tasks.not_mnist import not_mnist

_DUMMY_ZIP = pathlib.Path(__file__).parent / 'dummy_data' / 'notmnist.zip'


class NotMnistTest(testing.TaskTestCase):
  """Kaggle credentials are hidden, so the archive comes from the manual dir (dummy_data/)."""

  DATASET_CLASS = not_mnist.NotMnist
  # 37 members: 2 under notMNIST_large and 2 known-corrupt ones ignored, 2 duplicates dropped,
  # 31 kept, split by path hash.
  SPLITS = {'train': 20, 'dev': 2, 'dev_test': 6, 'test': 3}

  def check_labels(self, labels):
    # A..J -> 0..9; D holds a copy of an E image (kept: the label differs).
    self.assertEqual(labels['train'],
                     [0, 0, 0, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 7, 8, 8, 9, 9])
    self.assertEqual(labels['dev'], [1, 7])
    self.assertEqual(labels['dev_test'], [1, 4, 5, 6, 8, 9])
    self.assertEqual(labels['test'], [3, 3, 6])


class ListingTest(absltest.TestCase):
  """What `_examples` keeps from the fake archive, without a TFDS build."""

  def _examples(self, root: pathlib.Path):
    builder = not_mnist.NotMnist(data_dir=self.create_tempdir().full_path)
    with mock.patch.object(not_mnist.NotMnist, 'download_kaggle',
                           return_value=epath.Path(root)):
      return list(builder._examples(dl_manager=None))

  def test_keeps_first_of_duplicates_and_ignores_known_corrupt_and_large(self):
    root = pathlib.Path(self.create_tempdir().full_path)
    with zipfile.ZipFile(_DUMMY_ZIP) as archive:
      archive.extractall(root)
    examples = self._examples(root)
    keys = {e.key for e in examples}
    self.assertLen(examples, 31)
    self.assertTrue(all(k.startswith('notMNIST_small/notMNIST_small/') for k in keys))
    copy = 'notMNIST_small/notMNIST_small/{}/{}.png'
    self.assertNotIn(copy.format('B', 'WmNvcHkgQi50dGY='), keys)  # Same bytes as B's first.
    self.assertNotIn(copy.format('C', 'WmNvcHkgQy50dGY='), keys)  # Same pixels as C's first.
    self.assertIn(copy.format('D', 'WmNvcHkgb2YgRS50dGY='), keys)  # E's image, labelled D.
    self.assertNotIn(copy.format('A', 'RGVtb2NyYXRpY2FCb2xkT2xkc3R5bGUgQm9sZC50dGY='), keys)
    self.assertNotIn(copy.format('F', 'Q3Jvc3NvdmVyIEJvbGRPYmxpcXVlLnR0Zg=='), keys)
    self.assertTrue(all(e.key.split('/')[2] == e.label for e in examples))

  def test_unexpected_layout_names_the_task_and_path(self):
    root = self.create_tempdir().full_path
    with self.assertRaisesRegex(not_mnist.toolkit.downloads.DownloadError,
                                r'\[not_mnist\].*notMNIST_small/notMNIST_small'):
      self._examples(pathlib.Path(root))


if __name__ == '__main__':
  absltest.main()
