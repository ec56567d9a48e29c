"""aberdeen on a fake Aberdeen.zip (see dummy_data_generation.py)."""

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.aberdeen import aberdeen


class AberdeenTest(testing.TaskTestCase):
  DATASET_CLASS = aberdeen.Aberdeen
  DL_DOWNLOAD_RESULT = 'Aberdeen.zip'
  SPLITS = {'train': 13, 'dev': 3, 'dev_test': 3, 'test': 3}  # 22 images, split by name hash.

  def check_labels(self, labels):
    # neil 0, jenni 1, adrian 16, kay 17, anon_one 43, jsheenan 83, lisa 88, dave_faquhar 91;
    # aliases take their person's id, and id 22 (jsheenang) never appears.
    self.assertEqual(labels['train'], [0, 0, 1, 1, 16, 16, 43, 83, 83, 83, 91, 91, 91])
    self.assertEqual(labels['dev'], [17, 17, 88])
    self.assertEqual(labels['dev_test'], [0, 1, 43])
    self.assertEqual(labels['test'], [0, 16, 17])


class PersonTest(absltest.TestCase):

  def test_name_prefix_and_aliases(self):
    self.assertEqual(aberdeen.person('neil12.jpg'), 'neil')
    self.assertEqual(aberdeen.person('neilg3.jpg'), 'neil')
    self.assertEqual(aberdeen.person('clean_adrian1.jpg'), 'adrian')
    self.assertEqual(aberdeen.person('jsheenang1.jpg'), 'jsheenan')
    self.assertEqual(aberdeen.person('chris_harbron2.jpg'), 'chris_harbron')

  def test_ids_keep_the_reference_list(self):
    self.assertLen(aberdeen.CLASS_NAMES, 92)
    self.assertEqual(aberdeen.CLASS_NAMES.index('jsheenang'), 22)
    self.assertEqual(aberdeen.CLASS_NAMES.index('dave_faquhar'), 91)

  def test_unknown_name_is_rejected(self):
    with self.assertRaisesRegex(ValueError, 'known name'):
      aberdeen.person('nobody1.jpg')
    with self.assertRaisesRegex(ValueError, 'known name'):
      aberdeen.person('123.jpg')


if __name__ == '__main__':
  absltest.main()
