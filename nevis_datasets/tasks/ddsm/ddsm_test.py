"""ddsm on a fake cbis-ddsm-breast-cancer-image-dataset.zip, through the manual-dir path (Beam).

See dummy_data_generation.py for what the fake archive holds.
"""


from absl.testing import absltest
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.ddsm import ddsm
from nevis_datasets.tasks.ddsm import dummy_data_generation as fake

_CALC_TRAIN = 'csv/calc_case_description_train_set.csv'


class DdsmTest(testing.TaskTestCase):
  """Kaggle credentials are hidden, so the archive comes from the manual dir (dummy_data/)."""

  DATASET_CLASS = ddsm.Ddsm
  # 18 training folders, less one without a dicom_info row and one without its JPEG: 16 hashed
  # 0.7/0.15/0.15; the 4 test folders are test.
  SPLITS = {'train': 14, 'dev': 1, 'dev_test': 1, 'test': 4}

  def check_labels(self, labels):
    # BENIGN 0, MALIGNANT 1, BENIGN_WITHOUT_CALLBACK 2 (the reference's order).
    # Calc-Training_P_00007_LEFT_CC (BENIGN and MALIGNANT findings) is 1.
    self.assertEqual(labels['train'], [0] * 5 + [1] * 6 + [2] * 3)
    self.assertEqual(labels['dev'], [1])  # Mass-Training_P_00015_LEFT_MLO
    self.assertEqual(labels['dev_test'], [1])  # Mass-Training_P_00009_RIGHT_CC
    # Mass-Test_P_00017_LEFT_MLO (BENIGN_WITHOUT_CALLBACK, then BENIGN) is 0.
    self.assertEqual(labels['test'], [0, 0, 1, 2])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for split in builder.info.splits:
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (12, 8, 1))  # The RGB JPEG too.


class ParsingTest(absltest.TestCase):

  def test_read_cases(self):
    header = 'patient_id,pathology,image file path\n'
    text = header + 'P_1,MALIGNANT,Calc-Training_P_00001_LEFT_CC/1.2/3.4/000000.dcm\n'
    self.assertEqual(ddsm.read_cases(text, _CALC_TRAIN),
                     [ddsm.Finding('Calc-Training_P_00001_LEFT_CC', 'MALIGNANT', 'train')])
    for row, message in (
        ('P_1,MALIGNANT,Calc-Test_P_00001_LEFT_CC/1.2/3.4/000000.dcm',
         r'line 2: image file path .* is not Calc-Training_<patient folder>/'),
        ('P_1,MALIGNANT,Calc-Training_P_00001_LEFT_CC', 'is not Calc-Training_'),
        ('P_1,MALIGNANT,Calc-Training_/1.2/3.4/000000.dcm', 'is not Calc-Training_'),
        ('P_1,benign,Calc-Training_P_00001_LEFT_CC/1.2/3.4/000000.dcm',
         r"line 2: pathology 'benign' is not one of BENIGN, MALIGNANT"),
    ):
      with self.assertRaisesRegex(ValueError, message):
        ddsm.read_cases(header + row + '\n', _CALC_TRAIN)

  def test_jpeg_member(self):
    self.assertEqual(ddsm.jpeg_member('CBIS-DDSM/jpeg/1.3.6/1-249.jpg'), 'jpeg/1.3.6/1-249.jpg')
    for path in ('1-249.jpg', 'CBIS-DDSM/jpeg/1.3.6/1-249.dcm', 'CBIS-DDSM/jpeg//1-249.jpg', ''):
      with self.assertRaisesRegex(ValueError, 'is not .*/<series>/<file>.jpg'):
        ddsm.jpeg_member(path)

  def test_label_of_is_the_most_severe(self):
    self.assertEqual(ddsm.label_of(['BENIGN', 'MALIGNANT']), 'MALIGNANT')
    self.assertEqual(ddsm.label_of(['BENIGN_WITHOUT_CALLBACK', 'BENIGN']), 'BENIGN')
    self.assertEqual(ddsm.label_of(['BENIGN_WITHOUT_CALLBACK']), 'BENIGN_WITHOUT_CALLBACK')

  def test_mammograms_joins_on_the_patient_folder(self):
    findings = [ddsm.Finding('F1', 'BENIGN', 'train'), ddsm.Finding('F1', 'MALIGNANT', 'train'),
                ddsm.Finding('F2', 'BENIGN', 'train'), ddsm.Finding('F3', 'BENIGN', 'test')]
    images = {'F1': [(2, 'CBIS-DDSM/jpeg/s1/1-1.jpg')], 'F1_1': [(3, 'CBIS-DDSM/jpeg/c/1-1.jpg')],
              'F3': [(4, 'CBIS-DDSM/jpeg/s3/1-1.jpg')]}
    found, unmatched, folders = ddsm.mammograms(findings, images)
    self.assertEqual(found, [ddsm.Mammogram('jpeg/s1/1-1.jpg', 'train', ('BENIGN', 'MALIGNANT')),
                             ddsm.Mammogram('jpeg/s3/1-1.jpg', 'test', ('BENIGN',))])
    self.assertEqual((unmatched, folders), (['F2'], 3))

  def test_mammograms_rejects_an_image_in_both_splits_and_bad_paths(self):
    findings = [ddsm.Finding('F1', 'BENIGN', 'train'), ddsm.Finding('F3', 'BENIGN', 'test')]
    images = {'F1': [(2, 'CBIS-DDSM/jpeg/s1/1-1.jpg')], 'F3': [(4, 'CBIS-DDSM/jpeg/s1/1-1.jpg')]}
    with self.assertRaisesRegex(ValueError, 'jpeg/s1/1-1.jpg is the mammogram of both'):
      ddsm.mammograms(findings, images)
    with self.assertRaisesRegex(ValueError, r'csv/dicom_info.csv line 7: image_path \'x.dcm\''):
      ddsm.mammograms(findings[:1], {'F1': [(7, 'x.dcm')]})


class ListingTest(testing.KaggleListingTestCase):
  """What `_examples` lists from the extracted fake archive, without a TFDS build."""

  BUILDER_CLASS = ddsm.Ddsm

  def _examples(self) -> list[toolkit.Example]:
    return self.listed()

  def _edit(self, name: str, old: str, new: str) -> None:
    path = self.root / name
    text = path.read_text()
    self.assertIn(old, text)
    path.write_text(text.replace(old, new, 1))

  def test_lists_each_full_mammogram_once(self):
    examples = {e.key: e for e in self._examples()}
    expected = {fake.image_member(folder): (folder, file_name)
                for file_name, folders in fake.CASES.items() for folder in folders
                if folder not in (fake.NO_DICOM_ROW, fake.NO_JPEG)}
    self.assertEqual(sorted(examples), sorted(expected))  # No crops or masks.
    for key, (folder, file_name) in expected.items():
      self.assertEqual(examples[key].label, ddsm.label_of(fake.CASES[file_name][folder]))
      self.assertEqual(examples[key].source_split, 'test' if '_test_' in file_name else 'train')
    self.assertEqual(examples[fake.image_member('Calc-Training_P_00007_LEFT_CC')].label,
                     'MALIGNANT')

  def test_passes_grayscale_jpegs_through_and_converts_rgb(self):
    examples = {e.key: e for e in self._examples()}
    gray = examples[fake.image_member('Mass-Training_P_00001_LEFT_CC')].image
    self.assertEqual(toolkit.images.encode_image(gray, grayscale=True), gray.read_bytes())
    rgb = examples[fake.image_member(fake.RGB)].image
    self.assertEqual(toolkit.images.decoded_pixels(rgb, grayscale=True).shape, (12, 8))
    self.assertTrue(toolkit.images.encode_image(rgb, grayscale=True).startswith(b'\x89PNG'))

  def test_missing_csv_stops_the_build(self):
    (self.root / 'csv/mass_case_description_test_set.csv').unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[ddsm\] csv/mass_case_description_test_set.csv is missing. '
                                r'cbis-ddsm-breast-cancer-image-dataset.zip does not have'):
      self._examples()

  def test_second_missing_jpeg_stops_the_build(self):
    (self.root / fake.image_member('Calc-Test_P_00038_LEFT_CC')).unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[ddsm\] 2 of the 21 images listed in csv/dicom_info.csv are '
                                r'missing from cbis-ddsm-breast-cancer-image-dataset.zip'):
      self._examples()

  def test_second_folder_without_dicom_row_stops_the_build(self):
    self._edit('csv/dicom_info.csv', ',Calc-Test_P_00038_LEFT_CC,', ',Calc-Test_P_00038_X,')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'2 of the 22 images listed in the case-description CSVs are '
                                r'missing from csv/dicom_info.csv'):
      self._examples()

  def test_unknown_pathology_stops_the_build(self):
    self._edit(_CALC_TRAIN, ',MALIGNANT,', ',CANCER,')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r"calc_case_description_train_set.csv line 2: pathology "
                                r"'CANCER' is not one of"):
      self._examples()

  def test_row_of_the_wrong_file_stops_the_build(self):
    self._edit(_CALC_TRAIN, ',Calc-Training_P_00005_RIGHT_CC/', ',Calc-Test_P_00005_RIGHT_CC/')
    with self.assertRaisesRegex(toolkit.CorruptDataError, r'line 2: image file path'):
      self._examples()


if __name__ == '__main__':
  absltest.main()
