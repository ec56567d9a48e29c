"""iaprtc12 on a fake iapr-tc12.zip, through the manual-dir path (see dummy_data_generation.py)."""

import numpy as np

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.iaprtc12 import dummy_data_generation
from nevis_datasets.tasks.iaprtc12 import iaprtc12


def _hot(*label_ids: int) -> list[int]:
  """The multi-hot vector of 0-based label ids."""
  return [int(i in label_ids) for i in range(dummy_data_generation.NUM_CLASSES)]


class Iaprtc12Test(testing.TaskTestCase):
  """Kaggle credentials are hidden, so the archive comes from the manual dir (dummy_data/)."""

  DATASET_CLASS = iaprtc12.Iaprtc12
  # 18 photos listed in training.mat or validation.mat (the testing.mat ones, one unlisted and
  # one unlabelled photo, and the saiaprtc12ok copies are left out), split by image id hash.
  SPLITS = {'train': 10, 'dev': 3, 'dev_test': 2, 'test': 3}

  def check_labels(self, labels):
    # Every region's label, 0-based (labels.txt ids - 1); repeated labels count once.
    expected = {
        'train': [_hot(0, 1), _hot(1), _hot(4, 6), _hot(275), _hot(0, 2), _hot(9, 10, 11),
                  _hot(0, 1), _hot(4, 6), _hot(0), _hot(199, 200)],  # 1-7, 9, 10, 12
        'dev': [_hot(3), _hot(0, 275), _hot(49)],  # 11, 25, 30
        'dev_test': [_hot(7, 8), _hot(5)],  # 44, 49
        'test': [_hot(99), _hot(1, 2), _hot(49, 50)],  # 8, 28, 33
    }
    self.assertEqual(labels, {split: sorted(hots) for split, hots in expected.items()})


class WlistTest(absltest.TestCase):

  def test_names_in_id_order_and_the_unnamed_entry(self):
    self.assertEqual(iaprtc12.parse_wlist('1\tairplane\n3\tanimal\r\n2\t\n'),
                     ('airplane', 'unnamed-2', 'animal'))

  def test_bad_lines_and_ids_are_errors(self):
    for text, error in (('1 airplane\n', 'not <id><TAB><name>'),
                        ('x\tairplane\n', 'not a non-negative integer'),
                        ('1\ta\n1\tb\n', 'appears twice'),
                        ('1\ta\n3\tb\n', r'not 1\.\.2')):
      with self.assertRaisesRegex(ValueError, error):
        iaprtc12.parse_wlist(text)


class RegionLabelsTest(absltest.TestCase):

  def test_every_region_label_is_kept(self):
    # The reference kept only the last region's label of each image (3 -> {6}).
    self.assertEqual(
        iaprtc12.parse_region_labels('3 1 5\n3 2 5\n\n3 3 7\n4 1 2.0000000e+00\n', 276, 'x'),
        {3: {4, 6}, 4: {1}})

  def test_bad_lines_are_errors(self):
    for text, error in (('3 1\n', 'not <image id> <region> <label id>'),
                        ('3 1 277\n', r'outside 1\.\.276'), ('3 1 0\n', r'outside 1\.\.276'),
                        ('3 1 2.5\n', 'not a non-negative integer')):
      with self.assertRaisesRegex(ValueError, 'line 1 of x'):
        iaprtc12.parse_region_labels(text, 276, 'x')
      with self.assertRaisesRegex(ValueError, error):
        iaprtc12.parse_region_labels(text, 276, 'x')

  def test_an_image_labelled_in_two_files_is_an_error(self):
    with self.assertRaisesRegex(ValueError, 'image 3 is labelled in 00/labels.txt and 01/'):
      iaprtc12.merge_labels({'00/labels.txt': {3: {1}}, '01/labels.txt': {3: {2}}})


class ListingTest(absltest.TestCase):

  def test_images_are_the_photos_outside_the_annotated_copy(self):
    self.assertEqual(iaprtc12.image_id('iaprtc12/images/00/25.jpg'), 25)
    for key in ('saiaprtc12ok/benchmark/saiapr_tc-12/00/images/25.jpg',
                'iaprtc12/annotations_complete_eng/00/25.eng', 'iaprtc12/images/00/notes.txt',
                'saiaprtc12ok/benchmark/saiapr_tc-12/00/segmentation_masks/25_1.mat'):
      self.assertIsNone(iaprtc12.image_id(key), key)
    with self.assertRaisesRegex(ValueError, 'not named <image id>.jpg'):
      iaprtc12.image_id('iaprtc12/images/00/cover.jpg')

  def test_only_listed_ids_and_they_must_have_labels(self):
    files = ['iaprtc12/images/00/2.jpg', 'iaprtc12/images/00/1.jpg', 'iaprtc12/images/01/9.jpg']
    self.assertEqual(list(iaprtc12.list_images(files, {1, 2}, {1: (0,), 2: (3,)})),
                     [('iaprtc12/images/00/1.jpg', 1), ('iaprtc12/images/00/2.jpg', 2)])
    with self.assertRaisesRegex(ValueError, r'image 9\) has no region labels'):
      list(iaprtc12.list_images(files, {9}, {1: (0,)}))

  def test_id_lists(self):
    self.assertEqual(iaprtc12.parse_id_list(np.array([[25.0], [1000.0]]), 'x.mat'), {25, 1000})
    with self.assertRaisesRegex(ValueError, 'x.mat lists 2.5'):
      iaprtc12.parse_id_list(np.array([2.5]), 'x.mat')


if __name__ == '__main__':
  absltest.main()
