"""extended_yaleb on a fake extended-yale-dataset-b.zip, through the manual-dir path (see
dummy_data_generation.py)."""

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets.tasks.extended_yaleb import extended_yaleb
from nevis_datasets.toolkit import splits


class ExtendedYaleBTest(testing.TaskTestCase):
  """Kaggle credentials are hidden, so the archive comes from the manual dir (dummy_data/)."""

  DATASET_CLASS = extended_yaleb.ExtendedYaleB
  # One image per subject, subject i under pose P0<i % 9>; the ambient image and the info
  # list are left out. Split by pose: P00/02/03/04/07 train, P05 dev, P01 dev_test, P06/08 test.
  SPLITS = {'train': 16, 'dev': 3, 'dev_test': 3, 'test': 6}

  def check_labels(self, labels):
    # Subject i (yaleB11 = 0, yaleB12 = 1, yaleB13 = 2, yaleB15 = 3, ...) has pose P0<i % 9>.
    by_pose = {pose: [i for i in range(28) if i % 9 == int(pose[1:])]
               for pose in extended_yaleb.POSE_SPLITS}
    expected = {split: sorted(i for pose, s in extended_yaleb.POSE_SPLITS.items() if s == split
                              for i in by_pose[pose]) for split in splits.SPLITS}
    self.assertEqual(labels, expected)
    self.assertEqual(labels['dev'], [5, 14, 23])  # P05: yaleB17, yaleB26, yaleB35.

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for example in tfds.as_numpy(builder.as_dataset(split='dev')):
      self.assertEqual(example['image'].shape, (6, 8, 1))  # Grayscale, source size.
      self.assertEqual(example['image'].dtype, np.uint8)


class ParseFileNameTest(absltest.TestCase):

  def test_class_names(self):
    self.assertLen(extended_yaleb.CLASS_NAMES, 28)
    self.assertEqual(list(extended_yaleb.CLASS_NAMES), sorted(extended_yaleb.CLASS_NAMES))
    self.assertNotIn('yaleB14', extended_yaleb.CLASS_NAMES)

  def test_faces(self):
    self.assertEqual(extended_yaleb.parse_file_name('yaleB39_P03A+070E-35.pgm'),
                     ('yaleB39', 'P03'))
    self.assertEqual(extended_yaleb.parse_file_name('yaleB11_P08A-130E+20.pgm'),
                     ('yaleB11', 'P08'))

  def test_not_faces(self):
    for name in ('yaleB11_P00_Ambient.pgm', 'yaleB11_P00.info', 'yaleB11_P00A+000E+00.bad',
                 'README.txt'):
      self.assertIsNone(extended_yaleb.parse_file_name(name))

  def test_unexpected_names(self):
    for name in ('yaleB14_P00A+000E+00.pgm', 'yaleB11_P09A+000E+00.pgm', 'face.pgm',
                 'yaleB11_P00A+000E+00_copy.pgm'):
      with self.assertRaisesRegex(ValueError, 'known subject and pose'):
        extended_yaleb.parse_file_name(name)


if __name__ == '__main__':
  absltest.main()
