"""pascal_voc2006 on fake voc2006_{trainval,test}.tar (see dummy_data_generation.py)."""

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.pascal_voc2006 import pascal_voc2006


class PascalVoc2006Test(testing.TaskTestCase):
  DATASET_CLASS = pascal_voc2006.PascalVoc2006
  # trainval: 12 of 14 images have a present class (split by path hash); test: 4 of 5.
  SPLITS = {'train': 9, 'dev': 2, 'dev_test': 1, 'test': 4}

  def check_labels(self, labels):
    # Sorted ids: bicycle 0, bus 1, car 2, cat 3, cow 4, dog 5, horse 6, motorbike 7,
    # person 8, sheep 9. 000002 (horse+person) -> 8, 000009 (cow+sheep) -> 9.
    self.assertEqual(labels['train'], [0, 1, 2, 3, 6, 7, 8, 9, 9])
    self.assertEqual(labels['dev'], [5, 8])  # 000004 dog, 000006 bicycle+person
    self.assertEqual(labels['dev_test'], [2])  # 000013 bus+car
    self.assertEqual(labels['test'], [0, 4, 7, 8])  # 000016 dog+person -> person


class ParseTest(absltest.TestCase):

  def test_parse_line(self):
    self.assertEqual(pascal_voc2006.parse_line('000005  1'), ('000005', 1))
    self.assertEqual(pascal_voc2006.parse_line('000005 -1\n'), ('000005', -1))
    self.assertEqual(pascal_voc2006.parse_line('000005 0'), ('000005', 0))
    for line in ('000005', '000005 2', '000005 1 1', '000005 x'):
      with self.assertRaises(ValueError):
        pascal_voc2006.parse_line(line)

  def test_last_class_in_sorted_order_wins(self):
    positives = {'person': {'a', 'b'}, 'horse': {'a'}, 'sheep': {'b'}, 'bicycle': {'c'}}
    self.assertEqual(pascal_voc2006.single_labels(positives),
                     {'a': 'person', 'b': 'sheep', 'c': 'bicycle'})
    # The order of the mapping (the archive's order) does not matter.
    self.assertEqual(pascal_voc2006.single_labels(dict(reversed(positives.items()))),
                     pascal_voc2006.single_labels(positives))


if __name__ == '__main__':
  absltest.main()
