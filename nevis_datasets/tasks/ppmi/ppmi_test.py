"""ppmi on a fake norm_ppmi_12class.zip (see dummy_data_generation.py)."""

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.ppmi import ppmi


class PpmiTest(testing.TaskTestCase):
  DATASET_CLASS = ppmi.Ppmi
  DL_DOWNLOAD_RESULT = 'norm_ppmi_12class.zip'
  # 24 train-folder images (one per class), split by member path hash; 12 test-folder images.
  SPLITS = {'train': 18, 'dev': 4, 'dev_test': 2, 'test': 12}

  def check_labels(self, labels):
    # play_instrument/bassoon 0 ... play_instrument/violin 11, with_instrument/bassoon 12 ...
    self.assertEqual(labels['train'],
                     [0, 1, 2, 3, 4, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 21, 22, 23])
    # play saxophone, play trumpet, with cello, with recorder.
    self.assertEqual(labels['dev'], [9, 10, 13, 20])
    self.assertEqual(labels['dev_test'], [5, 19])  # play french_horn, with harp
    self.assertEqual(labels['test'], list(range(0, 24, 2)))


class ParseMemberTest(absltest.TestCase):

  def test_class_names_are_sorted(self):
    self.assertLen(ppmi.CLASS_NAMES, 24)
    self.assertEqual(list(ppmi.CLASS_NAMES), sorted(ppmi.CLASS_NAMES))

  def test_parse_member(self):
    self.assertIsNone(ppmi.parse_member('README'))
    self.assertEqual(ppmi.parse_member('norm_image/with_instrument/violin/train/a.jpg'),
                     ('with_instrument/violin', 'train'))
    for folder in ('French_Horn', 'FrenchHorn', 'french horn', 'frenchhorn'):
      self.assertEqual(ppmi.parse_member(f'norm_image/play_instrument/{folder}/test/a.jpg'),
                       ('play_instrument/french_horn', 'test'))

  def test_unexpected_members(self):
    for member in ('norm_image/play_instrument/piano/test/a.jpg',
                   'norm_image/hold_instrument/violin/test/a.jpg',
                   'norm_image/play_instrument/violin/val/a.jpg',
                   'norm_image/play_instrument/violin/a.jpg',
                   'images/play_instrument/violin/test/a.jpg',
                   'norm_image/README'):
      with self.assertRaisesRegex(ValueError, 'is not norm_image/'):
        ppmi.parse_member(member)


if __name__ == '__main__':
  absltest.main()
