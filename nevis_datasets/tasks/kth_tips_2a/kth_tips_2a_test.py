"""kth_tips_2a on a fake kth-tips2-a_col_200x200.tar (see dummy_data_generation.py)."""

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets.tasks.kth_tips_2a import kth_tips_2a
from nevis_datasets.toolkit.sources import kth_tips2


class KthTips2aTest(testing.TaskTestCase):
  DATASET_CLASS = kth_tips_2a.KthTips2a
  # 30 PNGs (3 materials x (4 + 4 + 2)), split by member path hash.
  SPLITS = {'train': 18, 'dev': 3, 'dev_test': 3, 'test': 6}

  def check_labels(self, labels):
    # brown_bread 1, lettuce_leaf 6, wood 9 (sorted material names; the sample plays no part).
    self.assertEqual(labels['train'], [1] * 7 + [6] * 4 + [9] * 7)
    self.assertEqual(labels['dev'], [1, 6, 9])  # 48a-scale_5_im_7, 23a-scale_5_im_7, 54a-...
    self.assertEqual(labels['dev_test'], [6, 9, 9])  # 23c-scale_5_im_7, 54a-scale_2_im_1, 54c-...
    self.assertEqual(labels['test'], [1, 1, 6, 6, 6, 6])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for example in tfds.as_numpy(builder.as_dataset(split='test')):
      self.assertEqual(example['image'].shape, (8, 8, 3))  # Colour, whole (no random crop).
      self.assertEqual(example['image'].dtype, np.uint8)


class MaterialOfTest(absltest.TestCase):

  def test_grandparent_folder_is_the_material(self):
    self.assertEqual(
        kth_tips_2a.TAR.material_of('KTH-TIPS2-a/wool/sample_a/22a-scale_10_im_10_col.png'),
        'wool')

  def test_the_same_materials_as_kth_tips_2b(self):
    self.assertEqual(kth_tips_2a.CLASS_NAMES, kth_tips2.CLASS_NAMES)
    self.assertEqual(kth_tips_2a.TAR, kth_tips2.KTH_TIPS2_A)

  def test_outside_a_sample_folder(self):
    for member in ('KTH-TIPS2-a/wool/22a-scale_1_im_1_col.png',
                   'KTH-TIPS2-a/wool/other/22a-scale_1_im_1_col.png',
                   'KTH-TIPS2-a/sponge/sample_a/11a-scale_1_im_1_col.png',
                   'KTH-TIPS2-b/wool/sample_a/22a-scale_1_im_1_col.png',
                   'KTH-TIPS2-a/wool/sample_a/x/22a-scale_1_im_1_col.png'):
      with self.assertRaisesRegex(ValueError, 'not in a sample folder KTH-TIPS2-a/'):
        kth_tips_2a.TAR.material_of(member)


if __name__ == '__main__':
  absltest.main()
