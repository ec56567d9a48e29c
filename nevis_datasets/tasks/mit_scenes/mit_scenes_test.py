"""mit_scenes on a fake indoor-scenes-cvpr-2019.zip, through the manual-dir path.

See dummy_data_generation.py for what the fake archive holds.
"""


from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.mit_scenes import dummy_data_generation
from nevis_datasets.tasks.mit_scenes import mit_scenes



class MitScenesTest(testing.TaskTestCase):
  """Kaggle credentials are hidden, so the archive comes from the manual dir (dummy_data/)."""

  DATASET_CLASS = mit_scenes.MitScenes
  # 4 categories: 20 listed training images hashed 0.7/0.15/0.15, 8 listed test images; the 4
  # unlisted images are left out.
  SPLITS = {'train': 14, 'dev': 2, 'dev_test': 4, 'test': 8}

  def check_labels(self, labels):
    # The reference's order: office 0, stairscase 2, inside_bus 22, computerroom 66.
    self.assertEqual(labels['train'], [0] * 2 + [2] * 5 + [22] * 3 + [66] * 4)
    self.assertEqual(labels['dev'], [0, 22])  # office_02, inside_bus_03
    self.assertEqual(labels['dev_test'], [0, 0, 22, 66])  # office_00, office_gray, ...
    self.assertEqual(labels['test'], [0, 0, 2, 2, 22, 22, 66, 66])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for split in builder.info.splits:
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (6, 10, 3))  # RGB, grayscale and GIF too.


class ParsingTest(absltest.TestCase):

  def test_class_names_are_the_references(self):
    self.assertLen(set(mit_scenes.CLASS_NAMES), 67)
    self.assertEqual(mit_scenes.CLASS_NAMES[:3], ('office', 'lobby', 'stairscase'))
    self.assertEqual(mit_scenes.CLASS_NAMES[-1], 'computerroom')

  def test_category_of(self):
    self.assertEqual(mit_scenes.category_of("bar/a b's.jpg"), 'bar')
    for entry, message in (('bar', 'not <category>/<file>'), ('bar/', 'not <category>/<file>'),
                           ('bar/x/y.jpg', 'not <category>/<file>'),
                           ('staircase/x.jpg', "'staircase' is not one of the 67")):
      with self.assertRaisesRegex(ValueError, message):
        mit_scenes.category_of(entry)

  def test_parse_list(self):
    text = 'bar/b.jpg\r\nbar/a b.jpg\n\nbar/b.jpg\ngym/c.jpg'
    self.assertEqual(mit_scenes.parse_list(text, 'T.txt'),
                     ['bar/b.jpg', 'bar/a b.jpg', 'gym/c.jpg'])
    with self.assertRaisesRegex(ValueError, r'T.txt line 2: .*not one of the 67'):
      mit_scenes.parse_list('bar/b.jpg\nbars/c.jpg\n', 'T.txt')

  def test_image_in_both_lists(self):
    with self.assertRaisesRegex(ValueError, r'1 image\(s\) are in both .* e.g. bar/b.jpg'):
      mit_scenes.source_splits({'TrainImages.txt': ['bar/a.jpg', 'bar/b.jpg'],
                                'TestImages.txt': ['bar/b.jpg']})


class ListingTest(testing.KaggleListingTestCase):
  """What `_examples` lists from the extracted fake archive, without a TFDS build."""

  BUILDER_CLASS = mit_scenes.MitScenes

  def _examples(self) -> list[toolkit.Example]:
    return self.listed()

  def test_lists_the_listed_images_once(self):
    examples = self._examples()
    self.assertLen(examples, 28)  # The repeated line counts once; unlisted images left out.
    keys = [e.key for e in examples]
    self.assertLen(set(keys), 28)
    self.assertIn(f'{mit_scenes.IMAGES}/{dummy_data_generation.QUOTED}', keys)
    self.assertNotIn(f'{mit_scenes.IMAGES}/office/office_07.jpg', keys)  # Unlisted.
    self.assertTrue(all(e.key.split('/')[2] == e.label for e in examples))
    self.assertEqual([e.source_split for e in examples], ['train'] * 20 + ['test'] * 8)

  def test_stores_grayscale_and_gif_images_as_rgb(self):
    examples = {e.key: e for e in self._examples()}
    for name in (dummy_data_generation.GRAY, dummy_data_generation.GIF):
      image = examples[f'{mit_scenes.IMAGES}/{name}'].image
      pixels = toolkit.images.decoded_pixels(image, grayscale=False)
      self.assertEqual(pixels.shape, (6, 10, 3))
      self.assertEqual(pixels.dtype, np.uint8)

  def test_listed_image_missing_from_the_archive_stops_the_build(self):
    (self.root / mit_scenes.IMAGES / 'office/office_03.jpg').unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[mit_scenes\] 1 listed image\(s\) .* e.g. office/office_03'
                                r'.jpg. indoor-scenes-cvpr-2019.zip does not have the expected'):
      self._examples()

  def test_image_in_both_lists_stops_the_build(self):
    with (self.root / 'TestImages.txt').open('a') as f:
      f.write('\noffice/office_00.jpg')
    with self.assertRaisesRegex(toolkit.CorruptDataError, r'e.g. office/office_00.jpg'):
      self._examples()

  def test_missing_list_stops_the_build(self):
    (self.root / 'TestImages.txt').unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError, r'TestImages.txt is missing'):
      self._examples()

  def test_missing_images_folder_stops_the_build(self):
    (self.root / 'indoorCVPR_09').rename(self.root / 'other')
    with self.assertRaisesRegex(toolkit.CorruptDataError, r'indoorCVPR_09/Images/ is missing'):
      self._examples()


if __name__ == '__main__':
  absltest.main()
