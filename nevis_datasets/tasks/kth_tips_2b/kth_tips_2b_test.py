"""kth_tips_2b on a fake kth-tips2-b_col_200x200.tar (see dummy_data_generation.py)."""

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets.tasks.kth_tips_2b import kth_tips_2b
from nevis_datasets.toolkit.sources import kth_tips2


class KthTips2bTest(testing.TaskTestCase):
  DATASET_CLASS = kth_tips_2b.KthTips2b
  # 24 PNGs (3 materials x 2 samples x 4), split by member path hash.
  SPLITS = {'train': 18, 'dev': 2, 'dev_test': 1, 'test': 3}

  def check_labels(self, labels):
    # cork 3, cracker 5, wool 10 (sorted material names; the sample folder plays no part).
    self.assertEqual(labels['train'], [3] * 6 + [5] * 5 + [10] * 7)
    self.assertEqual(labels['dev'], [5, 5])  # cracker/sample_a/60a-scale_{2_im_1,9_im_12}
    self.assertEqual(labels['dev_test'], [3])  # cork/sample_b/16b-scale_4_im_3_col.png
    self.assertEqual(labels['test'], [3, 5, 10])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for example in tfds.as_numpy(builder.as_dataset(split='test')):
      self.assertEqual(example['image'].shape, (8, 8, 3))  # Colour, whole (no random crop).
      self.assertEqual(example['image'].dtype, np.uint8)


class MaterialOfTest(absltest.TestCase):

  def test_grandparent_folder_is_the_material(self):
    self.assertEqual(
        kth_tips_2b.TAR.material_of('KTH-TIPS2-b/wool/sample_a/22a-scale_10_im_10_col.png'), 'wool')

  def test_class_names_are_sorted(self):
    self.assertEqual(list(kth_tips_2b.CLASS_NAMES), sorted(set(kth_tips_2b.CLASS_NAMES)))
    self.assertEqual(kth_tips_2b.CLASS_NAMES, kth_tips2.CLASS_NAMES)  # KTH-TIPS2-a's too.

  def test_outside_a_sample_folder(self):
    for member in ('KTH-TIPS2-b/wool/22a-scale_1_im_1_col.png',
                   'KTH-TIPS2-b/wool/other/22a-scale_1_im_1_col.png',
                   'KTH-TIPS2-b/sponge/sample_a/11a-scale_1_im_1_col.png',
                   'KTH-TIPS2-a/wool/sample_a/22a-scale_1_im_1_col.png',
                   'KTH-TIPS2-b/wool/sample_a/x/22a-scale_1_im_1_col.png'):
      with self.assertRaisesRegex(ValueError, 'not in a sample folder'):
        kth_tips_2b.TAR.material_of(member)


if __name__ == '__main__':
  absltest.main()
