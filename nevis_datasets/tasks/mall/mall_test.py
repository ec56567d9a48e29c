"""mall on a fake 30-frame mall_dataset.zip (see dummy_data_generation.py)."""

import os
import zipfile

from absl.testing import absltest
from etils import epath
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.mall import dummy_data_generation as fake
from nevis_datasets.tasks.mall import mall

_DUMMY_ZIP = os.path.join(os.path.dirname(__file__), 'dummy_data', mall.ZIP)

# The 30 counts of the fake, sorted: 13 14 15 17 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31
# 32 33 34 36 37 39 40 41 44 47 53 (the missing frame 7's 24 among them). N = 30, so bucket k
# (k = 1..9) ends at the 3k-th smallest count minus one: 15-1=14, 18-1=17, 21-1=20, 24-1=23,
# 27-1=26, 30-1=29, 33-1=32, 37-1=36, 41-1=40. Labels: <=14 -> 0, 15-17 -> 1, 18-20 -> 2,
# 21-23 -> 3, 24-26 -> 4, 27-29 -> 5, 30-32 -> 6, 33-36 -> 7, 37-40 -> 8, >=41 -> 9.
_CLASS_NAMES = ['0-14', '15-17', '18-20', '21-23', '24-26', '27-29', '30-32', '33-36', '37-40',
                '41+']


class MiniMall(mall.Mall):
  """The Mall builder for the fake's 30 frames (the first 20 for training)."""

  NUM_FRAMES = len(fake.COUNTS)
  TRAIN_FRAMES = fake.TRAIN_FRAMES


class MallTest(testing.TaskTestCase):
  DATASET_CLASS = MiniMall
  # Frames 1-20 but 7 (missing: 1 of 30 tolerated) hashed 0.7/0.15/0.15; frames 21-30 test.
  SPLITS = {'train': 13, 'dev': 4, 'dev_test': 2, 'test': 10}

  def check_labels(self, labels):
    # train: frames 2-5, 8-16 (counts 31 33 30 27 22 21 19 17 15 14 13 17 18).
    self.assertEqual(labels['train'], [0, 0, 1, 1, 1, 2, 2, 3, 3, 5, 6, 6, 7])
    self.assertEqual(labels['dev'], [2, 3, 4, 5])  # Frames 1, 6, 17, 18: counts 29 26 20 23.
    self.assertEqual(labels['dev_test'], [4, 5])  # Frames 19, 20: counts 25 28.
    self.assertEqual(labels['test'], [6, 7, 7, 8, 8, 8, 9, 9, 9, 9])  # Counts 32 .. 53.

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    self.assertEqual(builder.info.features['label'].names, _CLASS_NAMES)
    self.assertEqual(builder.info.metadata['class_names'], _CLASS_NAMES)
    for example in tfds.as_numpy(builder.as_dataset(split='test')):
      self.assertEqual(example['image'].shape, (6, 8, 3))


class ParsingTest(absltest.TestCase):

  def test_parse_counts(self):
    self.assertEqual(mall.parse_counts({'count': np.array([[3], [0], [12]], np.uint8)}),
                     [3, 0, 12])
    self.assertEqual(mall.parse_counts({'count': np.array([[3.0, 4.0]])}), [3, 4])
    cases = {
        "no 'count' variable": {},
        r'shape \(2, 2\) .* not a vector': {'count': np.zeros((2, 2))},
        'not a vector of numbers': {'count': np.array([['a']], dtype=object)},
        "'count' of frame 2 is 1.5, not a count": {'count': np.array([[1.0], [1.5]])},
        "'count' of frame 1 is -1": {'count': np.array([[-1], [1]])},
        "'count' of frame 2 is nan": {'count': np.array([[1.0], [np.nan]])},
    }
    for message, variables in cases.items():
      with self.subTest(message), self.assertRaisesRegex(ValueError, message):
        mall.parse_counts(variables)

  def test_frame_number(self):
    self.assertEqual(mall.frame_number('seq_000001.jpg'), 1)
    self.assertEqual(mall.frame_number('seq_002000.jpg'), 2000)
    self.assertIsNone(mall.frame_number('Thumbs.db'))
    for name in ('seq_1.jpg', 'frame_000001.jpg', 'x/seq_000001.jpg', 'seq_000001.JPG'):
      with self.assertRaisesRegex(ValueError, 'is not named seq_<6 digits>.jpg'):
        mall.frame_number(name)


class ListingTest(absltest.TestCase):
  """What `_examples` lists from the extracted fake zip, without a TFDS build."""

  def setUp(self):
    super().setUp()
    self.root = epath.Path(self.create_tempdir().full_path)
    with zipfile.ZipFile(_DUMMY_ZIP) as archive:
      archive.extractall(self.root)
    self.frames = self.root / mall.FRAMES

  def _examples(self, builder_class=MiniMall):
    return testing.listed_examples(builder_class, {mall.ZIP: self.root},
                                   self.create_tempdir().full_path)

  def test_lists_the_frames_with_their_count_buckets(self):
    examples = self._examples()
    self.assertLen(examples, 29)
    buckets = toolkit.labels.count_buckets(list(fake.COUNTS), 10)
    for example in examples:
      number = int(example.key[-10:-4])
      self.assertEqual(example.key, f'{mall.FRAMES}/seq_{number:06d}.jpg')
      self.assertEqual(example.label, buckets.label(fake.COUNTS[number - 1]))
      self.assertEqual(example.source_split, 'train' if number <= 20 else 'test')
    self.assertNotIn(fake.MISSING_FRAME, [int(e.key[-10:-4]) for e in examples])

  def test_the_real_builder_wants_2000_frames(self):
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[mall\] mall_dataset/mall_gt.mat counts 30 frames, not 2000. '
                                r'mall_dataset.zip does not have the expected content'):
      self._examples(mall.Mall)

  def test_a_second_missing_frame_stops_the_build(self):
    (self.frames / 'seq_000030.jpg').unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'2 of the 30 images listed in mall_dataset/mall_gt.mat are '
                                r'missing from mall_dataset.zip'):
      self._examples()

  def test_frame_beyond_the_counts_stops_the_build(self):
    (self.frames / 'seq_000031.jpg').write_bytes((self.frames / 'seq_000030.jpg').read_bytes())
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                'seq_000031.jpg: mall_dataset/mall_gt.mat counts frames 1 to 30'):
      self._examples()

  def test_badly_named_frame_stops_the_build(self):
    (self.frames / 'seq_000030.jpg').rename(self.frames / 'seq_30.jpg')
    with self.assertRaisesRegex(toolkit.CorruptDataError, 'seq_30.jpg is not named'):
      self._examples()

  def test_other_files_among_the_frames_are_not_used(self):
    (self.frames / 'Thumbs.db').write_bytes(b'\0')
    self.assertLen(self._examples(), 29)

  def test_missing_ground_truth_stops_the_build(self):
    (self.root / mall.GROUND_TRUTH).unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError, 'mall_dataset/mall_gt.mat is missing'):
      self._examples()

  def test_damaged_ground_truth_stops_the_build(self):
    (self.root / mall.GROUND_TRUTH).write_bytes(b'MATLAB 5.0 truncated')
    with self.assertRaisesRegex(toolkit.CorruptDataError, 'mall_gt.mat is not a readable MAT'):
      self._examples()


if __name__ == '__main__':
  absltest.main()
