"""butterflies on a fake butterflies.zip (see dummy_data_generation.py)."""

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.butterflies import butterflies


class ButterfliesTest(testing.TaskTestCase):
  DATASET_CLASS = butterflies.Butterflies
  DL_DOWNLOAD_RESULT = 'butterflies.zip'
  # 6 images on the authors' test lists; the other 14 split by path hash.
  SPLITS = {'train': 9, 'dev': 3, 'dev_test': 2, 'test': 6}

  def check_labels(self, labels):
    # admiral 0, black_swallowtail 1, zebra 6.
    self.assertEqual(labels['train'], [0, 0, 1, 1, 6, 6, 6, 6, 6])
    self.assertEqual(labels['dev'], [0, 1, 6])
    self.assertEqual(labels['dev_test'], [0, 6])
    self.assertEqual(labels['test'], [0, 0, 1, 1, 6, 6])


class ParseMemberTest(absltest.TestCase):

  def test_species_and_test_list(self):
    self.assertEqual(butterflies.parse_member('admiral/adm014.jpg'), ('admiral', 'test'))
    self.assertEqual(butterflies.parse_member('admiral/adm015.jpg'), ('admiral', 'train'))
    self.assertEqual(butterflies.parse_member('peacock/pea131.jpg'), ('peacock', 'test'))

  def test_class_names_sorted(self):
    self.assertEqual(butterflies.CLASS_NAMES, (
        'admiral', 'black_swallowtail', 'machaon', 'monarch_closed', 'monarch_open', 'peacock',
        'zebra'))
    self.assertTrue(all(len(s) == 10 for s in butterflies.TEST_IMAGES.values()))

  def test_unexpected_member_is_rejected(self):
    with self.assertRaisesRegex(ValueError, 'known species'):
      butterflies.parse_member('moth/mot001.jpg')
    with self.assertRaisesRegex(ValueError, 'known species'):
      butterflies.parse_member('admiral/readme.txt')


if __name__ == '__main__':
  absltest.main()
