"""scenes8 on a fake spatial_envelope_256x256_static_8outdoorcategories.zip (see
dummy_data_generation.py)."""

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.scenes8 import scenes8


class Scenes8Test(testing.TaskTestCase):
  DATASET_CLASS = scenes8.Scenes8
  DL_DOWNLOAD_RESULT = 'spatial_envelope_256x256_static_8outdoorcategories.zip'
  # 24 JPEGs (3 per class; Thumbs.db and notes.txt left out), split by member path hash.
  SPLITS = {'train': 17, 'dev': 3, 'dev_test': 2, 'test': 2}

  def check_labels(self, labels):
    # highway 0, street 1, tallbuilding 2, forest 3, insidecity 4, opencountry 5, mountain 6,
    # coast 7 (the reference's order).
    self.assertEqual(labels['train'], [0, 0, 1, 1, 1, 2, 2, 3, 4, 4, 4, 5, 5, 5, 6, 6, 7])
    self.assertEqual(labels['dev'], [2, 3, 7])  # tallbuilding_urb102, forest_art100, coast_n101
    self.assertEqual(labels['dev_test'], [0, 7])  # highway_art100, coast_art100
    self.assertEqual(labels['test'], [3, 6])  # forest_urb102, mountain_n101


class ClassOfTest(absltest.TestCase):

  def test_prefix_before_first_underscore(self):
    self.assertEqual(scenes8.class_of('a/b/coast_arnat59.jpg'), 'coast')
    self.assertEqual(scenes8.class_of('tallbuilding_a_b.jpg'), 'tallbuilding')

  def test_unknown_prefix(self):
    with self.assertRaisesRegex(ValueError, 'beach_1.jpg'):
      scenes8.class_of('x/beach_1.jpg')


if __name__ == '__main__':
  absltest.main()
