"""shanghai_tech on a fake shanghaitech.zip, through the manual-dir path.

See dummy_data_generation.py for what the fake archive holds.
"""

from absl.testing import absltest
from etils import epath
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.shanghai_tech import dummy_data_generation as fake
from nevis_datasets.tasks.shanghai_tech import shanghai_tech


# The 30 counts of the fake (the shanghaitech_h5_empty/ copy's 2 not among them), sorted: 0 3 5
# 8 9 11 14 16 19 21 24 27 30 33 37 41 46 52 58 65 73 82 92 104 117 131 148 166 187 211. N =
# 30, so bucket k (k = 1..9) ends at the 3k-th smallest count minus one: 5-1=4, 11-1=10,
# 19-1=18, 27-1=26, 37-1=36, 52-1=51, 73-1=72, 104-1=103, 148-1=147. Labels: 0-4 -> 0,
# 5-10 -> 1, 11-18 -> 2, 19-26 -> 3, 27-36 -> 4, 37-51 -> 5, 52-72 -> 6, 73-103 -> 7,
# 104-147 -> 8, >=148 -> 9.
_CLASS_NAMES = ['0-4', '5-10', '11-18', '19-26', '27-36', '37-51', '52-72', '73-103', '104-147',
                '148+']


class ShanghaiTechTest(testing.TaskTestCase):
  """Kaggle credentials are hidden, so the archive comes from the manual dir (dummy_data/)."""

  DATASET_CLASS = shanghai_tech.ShanghaiTech
  # 20 training images of both parts hashed 0.7/0.15/0.15, 10 test images; the image without
  # a ground truth and the shanghaitech_h5_empty/ copy are left out.
  SPLITS = {'train': 14, 'dev': 1, 'dev_test': 5, 'test': 10}

  def check_labels(self, labels):
    # train: A IMG_1 2 3 4 6 8 (211 92 148 65 104 131), B IMG_1 3 4 5 6 9 10 12 (0 27 5 41 19
    # 58 24 46).
    self.assertEqual(labels['train'], [0, 1, 3, 3, 4, 5, 5, 6, 6, 7, 8, 8, 9, 9])
    self.assertEqual(labels['dev'], [9])  # A IMG_5: 187.
    self.assertEqual(labels['dev_test'], [0, 1, 2, 4, 6])  # A IMG_7: 52; B IMG_2 7 8 11.
    # A test 166 73 117 82, B test 8 30 11 37 16 21.
    self.assertEqual(labels['test'], [1, 2, 2, 3, 4, 5, 7, 7, 8, 9])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    self.assertEqual(builder.info.features['label'].names, _CLASS_NAMES)
    self.assertEqual(builder.info.metadata['class_names'], _CLASS_NAMES)
    for split in self.SPLITS:
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (6, 8, 3))  # The grayscale JPEG too.


def _image_info(location, fields=('location', 'number')):
  record = np.empty((1, 1), dtype=[(field, 'O') for field in fields])
  record[0, 0][fields[0]] = location
  if len(fields) > 1:
    record[0, 0][fields[1]] = np.array([[len(location)]], np.uint16)
  cell = np.empty((1, 1), dtype=object)
  cell[0, 0] = record
  return {'image_info': cell}


class ParsingTest(absltest.TestCase):

  def test_image_of(self):
    self.assertEqual(shanghai_tech.image_of('part_A/train_data/ground-truth/GT_IMG_12.mat'),
                     ('part_A/train_data/images/IMG_12.jpg', 'train'))
    self.assertEqual(shanghai_tech.image_of('part_B/test_data/ground-truth/GT_IMG_1.mat'),
                     ('part_B/test_data/images/IMG_1.jpg', 'test'))
    for name in ('part_C/train_data/ground-truth/GT_IMG_1.mat',
                 'part_A/val_data/ground-truth/GT_IMG_1.mat',
                 'part_A/train_data/images/GT_IMG_1.mat',
                 'part_A/train_data/ground-truth/IMG_1.mat',
                 'x/part_A/train_data/ground-truth/GT_IMG_1.mat'):
      with self.assertRaisesRegex(ValueError, 'is not a ground-truth file'):
        shanghai_tech.image_of(name)

  def test_head_count_reads_the_real_layout(self):
    # As scipy.io.loadmat reads the real files (the fake's generator writes them).
    path = epath.Path(self.create_tempdir().full_path) / 'GT_IMG_1.mat'
    path.write_bytes(fake.ground_truth(np.random.default_rng(0), 7))
    mat = toolkit.matfiles.read_mat(path)
    self.assertEqual(mat['image_info'][0][0][0][0][0].shape, (7, 2))  # The reference's path.
    self.assertEqual(shanghai_tech.head_count(mat, 'GT_IMG_1.mat'), 7)

  def test_head_count(self):
    self.assertEqual(shanghai_tech.head_count(_image_info(np.ones((3, 2))), 'g.mat'), 3)
    self.assertEqual(shanghai_tech.head_count(_image_info(np.zeros((0, 0))), 'g.mat'), 0)
    self.assertEqual(shanghai_tech.head_count(_image_info(np.ones((2, 2)), ('location',)),
                                              'g.mat'), 2)
    cases = {
        "g.mat has no 'image_info' variable": {},
        "'image_info' is not a 1x1 cell": {'image_info': np.ones((1, 1))},
        "holding a struct with a 'location' field": _image_info(np.ones((2, 2)), ('loc',)),
        r"'location' has shape \(2, 3\)": _image_info(np.ones((2, 3))),
        r"'location' has shape \(2,\)": _image_info(np.ones(2)),
    }
    for message, mat in cases.items():
      with self.subTest(message), self.assertRaisesRegex(ValueError, message):
        shanghai_tech.head_count(mat, 'g.mat')


class ListingTest(testing.KaggleListingTestCase):
  """What `_examples` lists from the extracted fake archive, without a TFDS build."""

  BUILDER_CLASS = shanghai_tech.ShanghaiTech

  def setUp(self):
    super().setUp()
    self.tree = self.root / shanghai_tech.ROOT

  def _examples(self):
    return self.listed()

  def test_lists_the_annotated_images_with_their_count_buckets(self):
    examples = self._examples()
    self.assertLen(examples, 30)
    buckets = toolkit.labels.count_buckets(
        [c for counts in fake.COUNTS.values() for c in counts], 10)
    by_key = {e.key: e for e in examples}
    for (part, split), counts in fake.COUNTS.items():
      for k, count in enumerate(counts, 1):
        example = by_key[f'ShanghaiTech/{part}/{split}_data/images/IMG_{k}.jpg']
        self.assertEqual(example.label, buckets.label(count))
        self.assertEqual(example.source_split, split)
    self.assertNotIn(f'ShanghaiTech/{fake.WITHOUT_GROUND_TRUTH}', by_key)
    self.assertFalse(any('h5_empty' in key for key in by_key))

  def test_one_missing_image_is_tolerated_more_stop_the_build(self):
    (self.tree / 'part_A/test_data/images/IMG_1.jpg').unlink()
    self.assertLen(self._examples(), 29)
    (self.tree / 'part_B/test_data/images/IMG_1.jpg').unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'2 of the 30 images listed in the ShanghaiTech/ ground truth '
                                r'are missing from shanghaitech.zip'):
      self._examples()

  def test_unexpected_ground_truth_file_stops_the_build(self):
    (self.tree / 'part_A/train_data/GT_IMG_1.mat').write_bytes(b'')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[shanghai_tech\] ShanghaiTech/part_A/train_data/GT_IMG_1.mat '
                                r'is not a ground-truth file'):
      self._examples()

  def test_damaged_ground_truth_stops_the_build(self):
    (self.tree / 'part_B/train_data/ground-truth/GT_IMG_3.mat').write_bytes(b'MATLAB 5.0 x')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                'GT_IMG_3.mat is not a readable MAT file.* shanghaitech.zip '
                                'does not have the expected content'):
      self._examples()

  def test_missing_tree_stops_the_build(self):
    self.tree.rename(self.root / 'other')
    with self.assertRaisesRegex(toolkit.CorruptDataError, 'ShanghaiTech/ is missing'):
      self._examples()


if __name__ == '__main__':
  absltest.main()
