"""olivetti_face on a fake Kaggle zip, through the manual-dir path (see
dummy_data_generation.py)."""

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.olivetti_face import olivetti_face


class OlivettiFaceTest(testing.TaskTestCase):
  """Kaggle credentials are hidden, so the archive comes from the manual dir (dummy_data/)."""

  DATASET_CLASS = olivetti_face.OlivettiFace
  SPLITS = {'train': 4, 'dev': 2, 'dev_test': 1, 'test': 2}  # 9 images, split by path hash.

  def check_labels(self, labels):
    # Subjects 1, 2, 40 -> ids 0, 1, 39; id 40 (s41) never appears.
    self.assertEqual(labels['train'], [0, 1, 1, 39])
    self.assertEqual(labels['dev'], [0, 39])
    self.assertEqual(labels['dev_test'], [1])
    self.assertEqual(labels['test'], [0, 39])


class SubjectIdTest(absltest.TestCase):

  def test_subject_after_underscore(self):
    self.assertEqual(olivetti_face.subject_id('1_1.jpg'), 0)
    self.assertEqual(olivetti_face.subject_id('400_40.jpg'), 39)
    self.assertLen(olivetti_face.CLASS_NAMES, 41)

  def test_malformed_names_are_rejected(self):
    with self.assertRaisesRegex(ValueError, '<n>_<subject>'):
      olivetti_face.subject_id('face.jpg')
    with self.assertRaisesRegex(ValueError, 'outside'):
      olivetti_face.subject_id('1_42.jpg')


if __name__ == '__main__':
  absltest.main()
