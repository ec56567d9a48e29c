"""umist on a fake face.tar.gz (see dummy_data_generation.py)."""

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.umist import umist


class UmistTest(testing.TaskTestCase):
  DATASET_CLASS = umist.Umist
  DL_DOWNLOAD_RESULT = 'face.tar.gz'
  SPLITS = {'train': 17, 'dev': 1, 'dev_test': 3, 'test': 3}  # 24 images, split by path hash.

  def check_labels(self, labels):
    # 8 images each of 1s -> 0, 1a -> 12, 1b -> 13 (the reference's id order).
    self.assertEqual(labels['train'], [0] * 5 + [12] * 6 + [13] * 6)
    self.assertEqual(labels['dev'], [0])
    self.assertEqual(labels['dev_test'], [0, 12, 13])
    self.assertEqual(labels['test'], [0, 12, 13])


class SubjectTest(absltest.TestCase):

  def test_parent_folder(self):
    self.assertEqual(umist.subject('1a/1a000.pgm'), '1a')
    self.assertEqual(umist.subject('face/1t/x.pgm'), '1t')

  def test_rejects_file_outside_subject_folder(self):
    with self.assertRaisesRegex(ValueError, 'subject folder'):
      umist.subject('README')
    with self.assertRaisesRegex(ValueError, 'subject folder'):
      umist.subject('1u/x.pgm')


if __name__ == '__main__':
  absltest.main()
