"""trancos on a fake TRANCOS_v3.tar.gz (see dummy_data_generation.py)."""

import os

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.trancos import dummy_data_generation as fake
from nevis_datasets.tasks.trancos import trancos

_DUMMY_TAR = os.path.join(os.path.dirname(__file__), 'dummy_data', trancos.TAR)

# The 20 counts of the fake, sorted: 0 1 2 3 4 5 7 7 7 7 9 10 12 13 15 16 20 25 30 40 (the
# unlisted image's 7 among them). N = 20, so bucket k (k = 1..9) ends at the 2k-th smallest
# count minus one: 1-1=0, 3-1=2, 5-1=4, 7-1=6, 7-1=6 (a tie: bucket 4 stays empty), 10-1=9,
# 13-1=12, 16-1=15, 25-1=24. A count's label is the number of bounds below it: 0->0, 1,2->1,
# 3,4->2, 5->3, 7,9->5, 10,12->6, 13,15->7, 16,20->8, 25,30,40->9.
_CLASS_NAMES = ['0-0', '1-2', '3-4', '5-6', 'empty_4', '7-9', '10-12', '13-15', '16-24', '25+']


class TrancosTest(testing.TaskTestCase):
  DATASET_CLASS = trancos.Trancos
  # 9 training images hashed 0.8/0.2 into train/dev; 5 validation (dev_test), 5 test; the
  # unlisted image is left out.
  SPLITS = {'train': 7, 'dev': 2, 'dev_test': 5, 'test': 5}

  def check_labels(self, labels):
    # train: counts 7 0 12 7 16 40 9 (image-1-000011, -000012, -000013, image-2-000023, ...).
    self.assertEqual(labels['train'], [0, 5, 5, 5, 6, 8, 9])
    self.assertEqual(labels['dev'], [2, 9])  # image-2-000022 (3, grayscale), -000021 (25).
    self.assertEqual(labels['dev_test'], [1, 3, 5, 7, 8])  # Counts 1 5 7 13 20.
    self.assertEqual(labels['test'], [1, 2, 6, 7, 9])  # Counts 2 4 10 15 30.

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    self.assertEqual(builder.info.features['label'].names, _CLASS_NAMES)
    self.assertEqual(builder.info.metadata['class_names'], _CLASS_NAMES)
    for split in self.SPLITS:
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (6, 8, 3))  # The grayscale JPEG too.


class ParsingTest(absltest.TestCase):

  def test_vehicle_count(self):
    self.assertEqual(trancos.vehicle_count('', 'a.txt'), 0)
    self.assertEqual(trancos.vehicle_count('1 2\n3.5\t4\r\n\n 5 6 \n', 'a.txt'), 3)
    for text in ('1 2\n3\n', '1 2\nx y\n', '1 nan\n'):
      with self.assertRaisesRegex(ValueError, r'a.txt line \d is not the "x y" of a vehicle'):
        trancos.vehicle_count(text, 'a.txt')

  def test_parse_image_set(self):
    self.assertEqual(trancos.parse_image_set('a.jpg\r\n\nb.jpg\na.jpg', 't.txt'),
                     ['a.jpg', 'b.jpg'])
    for text in ('a.jpg\nimages/b.jpg\n', 'a.jpg\nb.png\n', 'a.jpg\n.jpg\n'):
      with self.assertRaisesRegex(ValueError, 't.txt line 2 is not an image name'):
        trancos.parse_image_set(text, 't.txt')

  def test_image_in_two_lists(self):
    with self.assertRaisesRegex(ValueError, 'b.jpg is in two of training.txt'):
      trancos.source_splits({'training.txt': ['a.jpg', 'b.jpg'], 'test.txt': ['b.jpg']})


class ListingTest(absltest.TestCase):
  """What `_examples` lists from the extracted fake tar, without a TFDS build."""

  def setUp(self):
    super().setUp()
    self.root = testing.extracted_tar(_DUMMY_TAR, self.create_tempdir().full_path)
    self.images = self.root / trancos.IMAGES

  def _examples(self):
    return testing.listed_examples(trancos.Trancos, {trancos.TAR: self.root},
                                   self.create_tempdir().full_path)

  def test_lists_the_listed_images_with_their_count_buckets(self):
    examples = self._examples()
    self.assertLen(examples, 19)  # The unlisted image is left out.
    by_key = {e.key: e for e in examples}
    self.assertNotIn(f'{trancos.IMAGES}/image-4-000301.jpg', by_key)
    buckets = toolkit.labels.count_buckets([c for _, c in fake.COUNTS.values()], 10)
    for name, (list_name, count) in fake.COUNTS.items():
      if list_name:
        example = by_key[f'{trancos.IMAGES}/{name}.jpg']
        self.assertEqual(example.label, buckets.label(count))
        self.assertEqual(example.source_split, trancos.LISTS[list_name])

  def test_stores_the_grayscale_image_as_rgb(self):
    image = {e.key: e for e in self._examples()}[f'{trancos.IMAGES}/{fake.GRAY}.jpg'].image
    pixels = toolkit.images.decoded_pixels(image, grayscale=False)
    self.assertEqual(pixels.shape, (6, 8, 3))
    self.assertEqual(pixels.dtype, np.uint8)

  def test_one_missing_image_is_tolerated_more_stop_the_build(self):
    (self.images / 'image-1-000011.jpg').unlink()
    self.assertLen(self._examples(), 18)
    (self.images / 'image-1-000012.jpg').unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'2 of the 19 images listed in TRANCOS_v3/image_sets/ are '
                                r'missing from TRANCOS_v3.tar.gz'):
      self._examples()

  def test_listed_image_without_annotation_stops_the_build(self):
    (self.images / 'image-2-000102.txt').unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[trancos\] 1 listed image\(s\) have no annotation .* e.g. '
                                r'image-2-000102.txt. TRANCOS_v3.tar.gz does not have the'):
      self._examples()

  def test_malformed_annotation_stops_the_build(self):
    (self.images / 'image-1-000101.txt').write_text('12 34\nend\n')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'image-1-000101.txt line 2 is not the "x y" of a vehicle'):
      self._examples()

  def test_missing_list_stops_the_build(self):
    (self.root / trancos.IMAGE_SETS / 'validation.txt').unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                'TRANCOS_v3/image_sets/validation.txt is missing'):
      self._examples()

  def test_missing_images_folder_stops_the_build(self):
    self.images.rename(self.root / 'TRANCOS_v3' / 'other')
    with self.assertRaisesRegex(toolkit.CorruptDataError, 'TRANCOS_v3/images/ is missing'):
      self._examples()

  def test_too_few_annotations_for_ten_buckets_stop_the_build(self):
    for path in self.images.glob('*.txt'):
      if path.stem not in ('image-1-000201', 'image-2-000202'):
        path.unlink()
    for name in trancos.LISTS:
      (self.root / trancos.IMAGE_SETS / name).write_text('image-1-000201.jpg\n'
                                                         if name == 'test.txt' else '')
    with self.assertRaisesRegex(toolkit.CorruptDataError, '2 counts cannot fill 10 buckets'):
      self._examples()


if __name__ == '__main__':
  absltest.main()
