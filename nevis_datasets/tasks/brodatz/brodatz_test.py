"""brodatz on three fake GIFs (see dummy_data_generation.py).

The builder downloads 111 files; the test lets it download only D1, D10 and D112, whose ids in
the full sorted list are 0, 1 and 15.
"""

import collections
from unittest import mock

from absl.testing import absltest

from nevis_datasets import catalog
from nevis_datasets import testing
from nevis_datasets.tasks.brodatz import brodatz

_TESTED = ('D1.gif', 'D10.gif', 'D112.gif')


class BrodatzTest(testing.TaskTestCase):
  DATASET_CLASS = brodatz.Brodatz
  SPLITS = {'train': 15, 'dev': 3, 'dev_test': 3, 'test': 6}  # 9 crops per image: 5/1/1/2.

  def setUp(self):
    super().setUp()
    urls = tuple(u for u in brodatz._URLS if catalog.url_file_name(u) in _TESTED)
    patcher = mock.patch.object(brodatz, '_URLS', urls)
    patcher.start()
    self.addCleanup(patcher.stop)

  def check_labels(self, labels):
    self.assertEqual(labels['train'], [0] * 5 + [1] * 5 + [15] * 5)
    self.assertEqual(labels['dev'], [0, 1, 15])
    self.assertEqual(labels['dev_test'], [0, 1, 15])
    self.assertEqual(labels['test'], [0, 0, 1, 1, 15, 15])


class CropTest(absltest.TestCase):

  def test_boxes_match_the_reference_for_640(self):
    boxes = brodatz.crop_boxes(640, 640)
    self.assertLen(boxes, 9)
    self.assertEqual(boxes[0], (0, 0, 213, 213))
    self.assertEqual(boxes[1], (0, 213, 213, 426))  # y inner, x outer, as the reference.
    self.assertEqual(boxes[8], (426, 426, 639, 639))

  def test_sides_divisible_by_three_still_give_nine_crops(self):
    boxes = brodatz.crop_boxes(18, 18)
    self.assertLen(boxes, 9)
    self.assertEqual(boxes[8], (12, 12, 18, 18))

  def test_splits_are_5_1_1_2_and_depend_only_on_the_file(self):
    for name in ('D1.gif', 'D57.gif', 'D112.gif'):
      assigned = brodatz.crop_splits(name)
      self.assertEqual(collections.Counter(assigned),
                       {'train': 5, 'dev': 1, 'dev_test': 1, 'test': 2})
      self.assertEqual(assigned, brodatz.crop_splits(name))
    self.assertNotEqual(brodatz.crop_splits('D1.gif'), brodatz.crop_splits('D2.gif'))

  def test_class_names_are_sorted_file_names(self):
    self.assertLen(brodatz.CLASS_NAMES, 111)
    self.assertEqual(brodatz.CLASS_NAMES[:3], ('D1', 'D10', 'D100'))
    self.assertNotIn('D14', brodatz.CLASS_NAMES)


if __name__ == '__main__':
  absltest.main()
