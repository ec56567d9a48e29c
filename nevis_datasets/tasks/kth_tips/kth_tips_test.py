"""kth_tips on a fake kth_tips_col_200x200.tar (see dummy_data_generation.py)."""

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets.tasks.kth_tips import kth_tips


class KthTipsTest(testing.TaskTestCase):
  DATASET_CLASS = kth_tips.KthTips
  # 15 PNGs (5 per material), split by member path hash.
  SPLITS = {'train': 8, 'dev': 1, 'dev_test': 2, 'test': 4}

  def check_labels(self, labels):
    # aluminium_foil 0, linen 5, styrofoam 9 (sorted material names).
    self.assertEqual(labels['train'], [0, 0, 5, 5, 5, 9, 9, 9])
    self.assertEqual(labels['dev'], [9])  # styrofoam/12-scale_3_im_1_col.png
    self.assertEqual(labels['dev_test'], [5, 5])
    self.assertEqual(labels['test'], [0, 0, 0, 9])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for example in tfds.as_numpy(builder.as_dataset(split='test')):
      self.assertEqual(example['image'].shape, (8, 8, 3))  # Colour, whole (no random crop).
      self.assertEqual(example['image'].dtype, np.uint8)


class MaterialOfTest(absltest.TestCase):

  def test_folder_is_the_material(self):
    self.assertEqual(kth_tips.material_of('KTH_TIPS/linen/44-scale_3_im_1_col.png'), 'linen')

  def test_class_names_are_sorted(self):
    self.assertEqual(list(kth_tips.CLASS_NAMES), sorted(set(kth_tips.CLASS_NAMES)))

  def test_outside_a_material_folder(self):
    for member in ('KTH_TIPS/44-scale_3_im_1_col.png', 'KTH_TIPS/wool/22-scale_1_im_1_col.png',
                   'KTH_TIPS/linen/sample_a/44-scale_3_im_1_col.png',
                   'kth_tips/linen/44-scale_3_im_1_col.png'):
      with self.assertRaisesRegex(ValueError, 'not in a material folder'):
        kth_tips.material_of(member)


if __name__ == '__main__':
  absltest.main()
