"""melanoma on fake ISIC 2017 zips and CSVs (see dummy_data_generation.py), through Beam."""

import pathlib
import shutil
import zipfile
from unittest import mock

from absl.testing import absltest
from etils import epath

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.melanoma import melanoma
from nevis_datasets.toolkit import images

_DUMMY_DATA = pathlib.Path(__file__).parent / 'dummy_data'
_TRAINING = melanoma.PARTS[0]


class MelanomaTest(testing.TaskTestCase):
  DATASET_CLASS = melanoma.Melanoma
  # 20 Training images hashed 0.8/0.2 into train/dev; 4 Validation (dev_test), 6 Test.
  SPLITS = {'train': 15, 'dev': 5, 'dev_test': 4, 'test': 6}

  def check_labels(self, labels):
    # melanoma 0, seborrheic keratosis 1, benign nevi (neither flag) 2.
    self.assertEqual(labels['train'], [0] * 4 + [1] * 4 + [2] * 7)
    self.assertEqual(labels['dev'], [0, 1, 2, 2, 2])  # ISIC_00000{11,13,16,18,19}
    self.assertEqual(labels['dev_test'], [0, 1, 2, 2])
    self.assertEqual(labels['test'], [0, 0, 1, 2, 2, 2])


class GroundTruthTest(absltest.TestCase):

  def test_class_of(self):
    self.assertEqual(melanoma.class_of('1.0', '0.0'), 'melanoma')
    self.assertEqual(melanoma.class_of('0.0', '1.0'), 'seborrheic keratosis')
    self.assertEqual(melanoma.class_of('0.0', '0.0'), 'benign nevi')
    self.assertEqual(melanoma.class_of('0', '1'), 'seborrheic keratosis')
    with self.assertRaisesRegex(ValueError, 'both melanoma and seborrheic_keratosis'):
      melanoma.class_of('1.0', '1.0')
    for value in ('0.5', 'yes', '', 'nan'):
      with self.assertRaisesRegex(ValueError, 'not 0.0 or 1.0'):
        melanoma.class_of(value, '0.0')

  def test_parse_ground_truth(self):
    text = ('\ufeffimage_id,melanoma,seborrheic_keratosis\r\n'
            'ISIC_0000000,0.0,0.0\r\nISIC_0000001,1.0,0.0\r\n\r\n')
    self.assertEqual(melanoma.parse_ground_truth(text, 'g.csv'),
                     {'ISIC_0000000': 'benign nevi', 'ISIC_0000001': 'melanoma'})

  def test_malformed_ground_truth(self):
    header = 'image_id,melanoma,seborrheic_keratosis\n'
    for text, message in (
        ('', 'not the header'),
        ('image_id,melanoma\n', 'not the header'),
        (header + 'ISIC_0000000,0.0\n', 'g.csv line 2: 2 fields, expected 3'),
        (header + 'ISIC_0000000,1.0,1.0\n', 'g.csv line 2: both'),
        (header + 'ISIC_000000,0.0,0.0\n', 'not an ISIC image id'),
        (header + 'ISIC_0000000,0.0,0.0\nISIC_0000000,1.0,0.0\n', 'line 3: .* listed twice'),
    ):
      with self.assertRaisesRegex(ValueError, message):
        melanoma.parse_ground_truth(text, 'g.csv')

  def test_image_id_of(self):
    stem = _TRAINING.stem
    self.assertEqual(melanoma.image_id_of(f'{stem}/ISIC_0000000.jpg', stem), 'ISIC_0000000')
    self.assertIsNone(melanoma.image_id_of(f'{stem}/ISIC_0000000_superpixels.png', stem))
    self.assertIsNone(melanoma.image_id_of(f'{stem}/{stem}_metadata.csv', stem))
    for member in ('ISIC_0000000.jpg', f'{stem}/sub/ISIC_0000000.jpg',
                   'ISIC-2017_Test_v2_Data/ISIC_0000000.jpg', f'{stem}/photo.jpg'):
      with self.assertRaisesRegex(ValueError, 'is not ISIC-2017_Training_Data/ISIC_'):
        melanoma.image_id_of(member, stem)


class ListingTest(absltest.TestCase):
  """What `_examples` lists from the fake downloads, without a TFDS build."""

  def _examples(self, data: pathlib.Path) -> list[toolkit.Example]:
    builder = melanoma.Melanoma(data_dir=self.create_tempdir().full_path)

    def download(dl_manager, url, extract=False):
      del dl_manager
      self.assertFalse(extract)  # The zips are read in place.
      return epath.Path(data) / testing.catalog_file_name(melanoma.Melanoma.TASK, url)

    with mock.patch.object(melanoma.Melanoma, 'download', side_effect=download):
      return list(builder._examples(dl_manager=None))

  def _data_copy(self) -> pathlib.Path:
    data = pathlib.Path(self.create_tempdir().full_path)
    shutil.copytree(_DUMMY_DATA, data, dirs_exist_ok=True)
    return data

  def test_lists_jpegs_as_zip_members_and_keeps_their_bytes(self):
    examples = self._examples(_DUMMY_DATA)
    self.assertLen(examples, 30)
    self.assertTrue(all(e.key.endswith('.jpg') for e in examples))  # No superpixel maps.
    first = examples[0]
    self.assertEqual(first.key, 'ISIC-2017_Training_Data/ISIC_0000000.jpg')
    self.assertEqual((first.label, first.source_split), ('melanoma', 'train'))
    self.assertIsInstance(first.image, toolkit.archives.ZipMember)
    with zipfile.ZipFile(_DUMMY_DATA / 'ISIC-2017_Training_Data.zip') as archive:
      original = archive.read(first.key)
    self.assertEqual(images.encode_image(first.image, grayscale=False), original)
    self.assertEqual({e.source_split for e in examples}, {'train', 'validation', 'test'})

  def test_image_missing_from_the_zip_stops_the_build(self):
    data = self._data_copy()
    with (data / _TRAINING.ground_truth).open('a') as f:
      f.write('ISIC_0009999,0.0,0.0\n')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[melanoma\] 1 image\(s\) of ISIC-2017_Training_Part3_'
                                r'GroundTruth.csv are missing .* e.g. ISIC_0009999'):
      self._examples(data)

  def test_image_missing_from_the_csv_stops_the_build(self):
    data = self._data_copy()
    path = data / _TRAINING.ground_truth
    path.write_text(''.join(path.read_text().splitlines(keepends=True)[:-1]))
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'not in ISIC-2017_Training_Part3_GroundTruth.csv, '
                                r'e.g. ISIC_0000019'):
      self._examples(data)

  def test_both_flags_set_stops_the_build(self):
    data = self._data_copy()
    path = data / _TRAINING.ground_truth
    path.write_text(path.read_text().replace('ISIC_0000000,1.0,0.0', 'ISIC_0000000,1.0,1.0'))
    with self.assertRaisesRegex(toolkit.CorruptDataError, 'line 2: both melanoma and'):
      self._examples(data)


if __name__ == '__main__':
  absltest.main()
