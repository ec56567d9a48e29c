"""lfwa on a fake lfwa.zip (see dummy_data_generation.py)."""

import random

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.lfwa import dummy_data_generation
from nevis_datasets.tasks.lfwa import lfwa
from nevis_datasets.toolkit.sources import lfw as source

_NUM_CLASSES = 423
_ABDULLAH_GUL = 0  # Sorted ids: the first kept person...
_GEORGE_W_BUSH = lfwa.CLASS_NAMES.index('George_W_Bush')  # ... and the one with most images.


class LfwaTest(testing.TaskTestCase):
  DATASET_CLASS = lfwa.Lfwa
  # 423 kept people: 1 train, 1 dev, 1 dev_test, 2 test images each, plus 1 more train image of
  # Abdullah_Gul (6 images) and 3 more of George_W_Bush (8). The 3 people with < 5 are dropped,
  # and so is the one member that is not a .jpg.
  SPLITS = {'train': 427, 'dev': 423, 'dev_test': 423, 'test': 846}

  def check_labels(self, labels):
    self.assertEqual(labels['train'], sorted([*range(_NUM_CLASSES), _ABDULLAH_GUL,
                                              *[_GEORGE_W_BUSH] * 3]))
    self.assertEqual(labels['dev'], list(range(_NUM_CLASSES)))
    self.assertEqual(labels['dev_test'], list(range(_NUM_CLASSES)))
    self.assertEqual(labels['test'], sorted([*range(_NUM_CLASSES)] * 2))


class ListImagesTest(absltest.TestCase):

  def test_only_jpg_members_are_images_whatever_the_top_folder(self):
    names = ['lfw2/Zico/Zico_0001.jpg', 'lfw2/Zico/Zico_0001.txt', 'lfwa/lfw2/Zico/Zico_0002.jpg',
             'Zico/Zico_0003.jpg', 'lfw2/Zico/Zico_0004.JPG']
    self.assertEqual(lfwa.list_images(names), {'lfw2/Zico/Zico_0001.jpg': ('Zico', 1),
                                               'lfwa/lfw2/Zico/Zico_0002.jpg': ('Zico', 2),
                                               'Zico/Zico_0003.jpg': ('Zico', 3)})

  def test_a_jpg_outside_its_person_folder_is_an_error(self):
    for name in ('lfw2/Zico/Other_0001.jpg', 'lfw2/Zico/Zico_1.jpg', 'Zico_0001.jpg'):
      with self.assertRaisesRegex(ValueError, 'not an LFW image path'):
        lfwa.list_images([name])


class AssignSplitsTest(absltest.TestCase):

  def test_positional_rule_on_file_numbers_not_member_order(self):
    names = dummy_data_generation.member_names()
    expected = source.assign_splits(lfwa.list_images(names))
    random.Random(0).shuffle(names)
    # The reference cut each person's images in zip member order; here the file number decides.
    self.assertEqual(source.assign_splits(lfwa.list_images(names)), expected)
    bush = [expected[f'lfw2/George_W_Bush/George_W_Bush_{n:04d}.jpg'] for n in range(1, 9)]
    self.assertEqual(bush, [('George_W_Bush', split) for split in
                            ['train'] * 4 + ['dev', 'dev_test', 'test', 'test']])
    self.assertLen(expected, 423 * 5 + 1 + 3)

  def test_two_copies_of_an_image_are_an_error(self):
    images = lfwa.list_images(dummy_data_generation.member_names())
    images['copy/Zinedine_Zidane/Zinedine_Zidane_0001.jpg'] = ('Zinedine_Zidane', 1)
    with self.assertRaisesRegex(ValueError, 'both image 0001 of Zinedine_Zidane'):
      source.assign_splits(images)

  def test_other_people_than_the_423_are_an_error(self):
    images = lfwa.list_images(dummy_data_generation.member_names())
    del images['lfw2/Zinedine_Zidane/Zinedine_Zidane_0001.jpg']
    with self.assertRaisesRegex(ValueError, r"missing or with fewer images: \['Zinedine_Zidane'"):
      source.assign_splits(images)


if __name__ == '__main__':
  absltest.main()
