"""german_tsr on fake GTSRB zips (see dummy_data_generation.py)."""

import pathlib
from unittest import mock
import zipfile

from absl.testing import absltest
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.german_tsr import german_tsr

_DUMMY = pathlib.Path(__file__).parent / 'dummy_data'
_HEADER = 'Filename;Width;Height;Roi.X1;Roi.Y1;Roi.X2;Roi.Y2;ClassId'


class GermanTsrTest(testing.TaskTestCase):
  DATASET_CLASS = german_tsr.GermanTsr
  # 18 training PPMs (3 classes x 2 tracks x 3) hashed by member path; 6 test PPMs.
  SPLITS = {'train': 13, 'dev': 3, 'dev_test': 2, 'test': 6}

  def check_labels(self, labels):
    # Ids are the class folders / GT ClassIds: 00000 -> 0, 00001 -> 1, 00042 -> 42.
    self.assertEqual(labels['train'], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 42, 42, 42])
    self.assertEqual(labels['dev'], [1, 42, 42])  # 00001/00001_00001, 00042/00001_0000{0,1}
    self.assertEqual(labels['dev_test'], [0, 42])  # 00000/00000_00001, 00042/00000_00002
    self.assertEqual(labels['test'], [0, 0, 1, 1, 42, 42])  # From GT-final_test.csv.

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    # Whole PPMs (not cropped to the ROI), at their source size: Width;Height of the GT rows.
    with zipfile.ZipFile(_DUMMY / 'GTSRB_Final_Test_GT.zip') as archive:
      rows = archive.read('GT-final_test.csv').decode().splitlines()[1:]
    sizes = sorted((int(r.split(';')[2]), int(r.split(';')[1]), 3) for r in rows)
    images = [ex['image'] for ex in tfds.as_numpy(builder.as_dataset(split='test'))]
    self.assertEqual(sorted(image.shape for image in images), sizes)


class GroundTruthTest(absltest.TestCase):
  """Test images and GT-final_test.csv rows must match one to one."""

  def _examples(self, gt_rows: list[str]) -> list:
    gt_zip = pathlib.Path(self.create_tempdir().full_path) / 'GTSRB_Final_Test_GT.zip'
    with zipfile.ZipFile(gt_zip, 'w') as archive:
      archive.writestr('GT-final_test.csv', '\n'.join([_HEADER, *gt_rows]))
    def download(_, dl_manager, url):
      del dl_manager
      name = url.rsplit('/', 1)[1]
      return gt_zip if name == gt_zip.name else _DUMMY / name

    builder = german_tsr.GermanTsr(data_dir=self.create_tempdir().full_path)
    with mock.patch.object(german_tsr.GermanTsr, 'download', download):
      return list(builder._test_examples(dl_manager=None))

  def test_all_rows_used(self):
    rows = [f'{n:05d}.ppm;5;5;1;1;4;4;{n}' for n in range(6)]
    self.assertEqual([e.label for e in self._examples(rows)], list(range(6)))

  def test_image_without_row(self):
    rows = [f'{n:05d}.ppm;5;5;1;1;4;4;0' for n in range(5)]
    with self.assertRaisesRegex(toolkit.CorruptDataError, '00005.ppm has no row'):
      self._examples(rows)

  def test_row_without_image(self):
    rows = [f'{n:05d}.ppm;5;5;1;1;4;4;0' for n in range(7)]
    with self.assertRaisesRegex(toolkit.CorruptDataError, r'1 image\(s\) .* e\.g\. 00006\.ppm'):
      self._examples(rows)


class ParsingTest(absltest.TestCase):

  def test_train_label(self):
    self.assertEqual(
        german_tsr.train_label('GTSRB/Final_Training/Images/00042/00003_00029.ppm'), 42)
    self.assertIsNone(german_tsr.train_label('GTSRB/Final_Training/Images/00042/GT-00042.csv'))
    self.assertIsNone(german_tsr.train_label('GTSRB/Readme-Images.txt'))

  def test_train_label_rejects_other_members(self):
    for member in ('GTSRB/Final_Training/Images/00043/00000_00000.ppm',
                   'GTSRB/Final_Training/Images/42/00000_00000.ppm',
                   'GTSRB/Final_Training/Images/00001/00000_00000.jpg',
                   'GTSRB/Final_Training/00001/00000_00000.ppm'):
      with self.assertRaises(ValueError, msg=member):
        german_tsr.train_label(member)

  def test_ground_truth_name(self):
    self.assertEqual(german_tsr.ground_truth_name('GTSRB/Final_Test/Images/12629.ppm'),
                     '12629.ppm')
    self.assertIsNone(
        german_tsr.ground_truth_name('GTSRB/Final_Test/Images/GT-final_test.test.csv'))
    with self.assertRaisesRegex(ValueError, 'is not GTSRB/Final_Test/Images'):
      german_tsr.ground_truth_name('GTSRB/Final_Test/Images/sub/00000.ppm')

  def test_parse_test_labels(self):
    text = f'{_HEADER}\r\n00000.ppm;53;54;6;5;48;49;16\r\n00001.ppm;42;45;5;5;36;40;1\r\n'
    self.assertEqual(german_tsr.parse_test_labels(text), {'00000.ppm': 16, '00001.ppm': 1})

  def test_parse_test_labels_rejects_malformed_files(self):
    for text, error in (
        ('00000.ppm;53;54;6;5;48;49;16\n', 'header'),
        ('', 'header'),
        (f'{_HEADER}\n00000.ppm;53;54;6;5;48;49\n', 'row 2'),
        (f'{_HEADER}\n00000.ppm;53;54;6;5;48;49;43\n', 'class'),
        (f'{_HEADER}\n00000.ppm;53;54;6;5;48;49;x\n', 'class'),
        (f'{_HEADER}\n00000.ppm;53;54;6;5;48;49;1\n00000.ppm;53;54;6;5;48;49;2\n', 'twice'),
    ):
      with self.assertRaisesRegex(ValueError, error, msg=text):
        german_tsr.parse_test_labels(text)

  def test_class_names(self):
    self.assertLen(german_tsr.CLASS_NAMES, 43)
    self.assertLen(set(german_tsr.CLASS_NAMES), 43)
    self.assertEqual(german_tsr.CLASS_NAMES[14], 'Stop')


if __name__ == '__main__':
  absltest.main()
