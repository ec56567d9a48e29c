"""lfw on a fake lfw.tgz (see dummy_data_generation.py)."""

import random

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.lfw import dummy_data_generation
from nevis_datasets.tasks.lfw import lfw
from nevis_datasets.toolkit.sources import lfw as source

_NUM_CLASSES = 423
_ABDULLAH_GUL = 0  # Sorted ids: the first kept person...
_GEORGE_W_BUSH = lfw.CLASS_NAMES.index('George_W_Bush')  # ... and the one with most images.


class LfwTest(testing.TaskTestCase):
  DATASET_CLASS = lfw.Lfw
  # 423 kept people: 1 train, 1 dev, 1 dev_test, 2 test images each, plus 1 more train image of
  # Abdullah_Gul (6 images) and 3 more of George_W_Bush (8). The 3 people with < 5 are dropped.
  SPLITS = {'train': 427, 'dev': 423, 'dev_test': 423, 'test': 846}

  def check_labels(self, labels):
    self.assertEqual(labels['train'], sorted([*range(_NUM_CLASSES), _ABDULLAH_GUL,
                                              *[_GEORGE_W_BUSH] * 3]))
    self.assertEqual(labels['dev'], list(range(_NUM_CLASSES)))
    self.assertEqual(labels['dev_test'], list(range(_NUM_CLASSES)))
    self.assertEqual(labels['test'], sorted([*range(_NUM_CLASSES)] * 2))


def _keys(counts: dict[str, int]) -> list[str]:
  return [f'lfw/{name}/{name}_{number:04d}.jpg'
          for name, count in counts.items() for number in range(1, count + 1)]


class ClassNamesTest(absltest.TestCase):

  def test_the_423_people_sorted(self):
    self.assertLen(lfw.CLASS_NAMES, _NUM_CLASSES)
    self.assertEqual(list(lfw.CLASS_NAMES), sorted(set(lfw.CLASS_NAMES)))
    self.assertEqual(_GEORGE_W_BUSH, 120)


class ParseMemberTest(absltest.TestCase):

  def test_image_path(self):
    self.assertEqual(lfw.parse_member('lfw/Jean-David_Levitte/Jean-David_Levitte_0010.jpg'),
                     ('Jean-David_Levitte', 10))

  def test_other_paths_are_rejected(self):
    for key in ('lfw/Zico/Zico_1.jpg', 'lfw/Zico/Other_0001.jpg', 'Zico/Zico_0001.jpg',
                'lfw/Zico/Zico_0001.png', 'lfw/Zico/x/Zico_0001.jpg', 'lfw/README.txt'):
      with self.assertRaisesRegex(ValueError, 'not an LFW image path'):
        lfw.parse_member(key)


class AssignSplitsTest(absltest.TestCase):

  def test_positional_rule_on_file_numbers_not_member_order(self):
    keys = _keys(dummy_data_generation.image_counts())
    expected = lfw.assign_splits(keys)
    random.Random(0).shuffle(keys)
    # The reference cut each person's images in tarball order; here the file number decides.
    self.assertEqual(lfw.assign_splits(keys), expected)
    bush = [expected[f'lfw/George_W_Bush/George_W_Bush_{n:04d}.jpg'] for n in range(1, 9)]
    self.assertEqual([split for _, split in bush],
                     ['train'] * 4 + ['dev', 'dev_test', 'test', 'test'])
    self.assertEqual({subject for subject, _ in bush}, {'George_W_Bush'})

  def test_people_with_fewer_than_5_images_are_dropped(self):
    assignment = lfw.assign_splits(_keys(dummy_data_generation.image_counts()))
    self.assertNotIn('lfw/Aaron_Peirsol/Aaron_Peirsol_0001.jpg', assignment)
    self.assertLen(assignment, 423 * 5 + 1 + 3)

  def test_four_images_of_each_person_are_outside_train(self):
    # Hence the real sizes: 5,985 - 4 * 423 = 4,293 train, 423 dev, 423 dev_test, 846 test.
    for count in (5, 6, 530):
      self.assertEqual([source.positional_split(i, count) for i in range(count - 5, count)],
                       ['train', 'dev', 'dev_test', 'test', 'test'])

  def test_other_people_than_the_423_are_an_error(self):
    counts = dummy_data_generation.image_counts()
    with self.assertRaisesRegex(ValueError, r"missing or with fewer images: \['Zinedine_Zidane'"):
      lfw.assign_splits(_keys({**counts, 'Zinedine_Zidane': 4}))
    with self.assertRaisesRegex(ValueError, r"unexpected: \['Zico'\]"):
      lfw.assign_splits(_keys({**counts, 'Zico': 5}))


if __name__ == '__main__':
  absltest.main()
