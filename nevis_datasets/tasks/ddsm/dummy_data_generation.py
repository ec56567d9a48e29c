"""Writes dummy_data/cbis-ddsm-breast-cancer-image-dataset.zip: the Kaggle layout, tiny JPEGs.

The real archive (Kaggle `awsaf49/cbis-ddsm-breast-cancer-image-dataset`, about 10,200 JPEGs)
holds `jpeg/<series UID>/<n>-<m>.jpg` (full mammograms, abnormality crops and ROI masks; JPEG is
8-bit, grayscale as far as known) and `csv/`: `{calc,mass}_case_description_{train,test}_set.csv`
(one row per abnormality; `image file path` is `<patient folder>/<study UID>/<series UID>/
000000.dcm`, the crop and mask paths end with a line break inside their quotes),
`dicom_info.csv` (one row per image: `PatientID` is the patient folder for a full mammogram and
`<folder>_<abnormality id>` for its crops and masks, `image_path` is
`CBIS-DDSM/jpeg/<series UID>/<file>.jpg`) and `meta.csv` (per series, not used).

The fake one (`CASES`): 18 training and 4 test patient folders of both kinds, some with two
findings (the same or different pathologies). `NO_DICOM_ROW` has no dicom_info row and
`NO_JPEG` no JPEG (both left out by the builder); `RGB` is an RGB JPEG (stored grayscale);
`NO_DESCRIPTION` has an empty SeriesDescription (harmless). dicom_info lists the images in
another order than the CSVs; the findings of the first three folders of each CSV also have a
crop and an ROI mask row (and JPEG), which must not be taken for mammograms.

Run: python -m nevis_datasets.tasks.ddsm.dummy_data_generation
"""

import csv
import hashlib
import io
import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'cbis-ddsm-breast-cancer-image-dataset.zip'
_DATE_TIME = (2021, 5, 1, 0, 0, 0)  # Fixed, so the archive is byte-for-byte reproducible.
B, M, W = 'BENIGN', 'MALIGNANT', 'BENIGN_WITHOUT_CALLBACK'
# Case-description CSV -> patient folder -> the pathology of each of its findings (rows).
CASES = {
    'calc_case_description_train_set.csv': {
        'Calc-Training_P_00005_RIGHT_CC': (M,),
        'Calc-Training_P_00005_RIGHT_MLO': (M,),
        'Calc-Training_P_00007_LEFT_CC': (B, M),  # Most severe: MALIGNANT.
        'Calc-Training_P_00007_LEFT_MLO': (B, B),
        'Calc-Training_P_00008_LEFT_CC': (W,),
        'Calc-Training_P_00008_LEFT_MLO': (W,),
        'Calc-Training_P_00009_RIGHT_CC': (B,),
        'Calc-Training_P_00010_LEFT_CC': (B,),
    },
    'mass_case_description_train_set.csv': {
        'Mass-Training_P_00001_LEFT_CC': (M,),
        'Mass-Training_P_00001_LEFT_MLO': (M,),
        'Mass-Training_P_00004_LEFT_CC': (B,),
        'Mass-Training_P_00004_LEFT_MLO': (B,),
        'Mass-Training_P_00004_RIGHT_MLO': (B,),
        'Mass-Training_P_00009_RIGHT_CC': (M,),
        'Mass-Training_P_00009_RIGHT_MLO': (M,),
        'Mass-Training_P_00015_LEFT_MLO': (M,),
        'Mass-Training_P_00016_LEFT_CC': (W,),
        'Mass-Training_P_00016_LEFT_MLO': (B,),
    },
    'calc_case_description_test_set.csv': {
        'Calc-Test_P_00038_LEFT_CC': (B,),
        'Calc-Test_P_00038_LEFT_MLO': (W,),
    },
    'mass_case_description_test_set.csv': {
        'Mass-Test_P_00032_RIGHT_CC': (M,),
        'Mass-Test_P_00017_LEFT_MLO': (W, B),  # Most severe: BENIGN.
    },
}
NO_DICOM_ROW = 'Calc-Training_P_00010_LEFT_CC'
NO_JPEG = 'Mass-Training_P_00016_LEFT_MLO'
RGB = 'Calc-Training_P_00008_LEFT_MLO'
NO_DESCRIPTION = 'Mass-Training_P_00004_RIGHT_MLO'
_WITH_CROPS = 3  # The findings of the first folders get crop and ROI mask rows.
_MASS_COLUMNS = ('patient_id', 'breast_density', 'left or right breast', 'image view',
                 'abnormality id', 'abnormality type', 'mass shape', 'mass margins',
                 'assessment', 'pathology', 'subtlety', 'image file path',
                 'cropped image file path', 'ROI mask file path')
_CALC_COLUMNS = ('patient_id', 'breast density', 'left or right breast', 'image view',
                 'abnormality id', 'abnormality type', 'calc type', 'calc distribution',
                 'assessment', 'pathology', 'subtlety', 'image file path',
                 'cropped image file path', 'ROI mask file path')
_DICOM_COLUMNS = (
    'file_path', 'image_path', 'AccessionNumber', 'BitsAllocated', 'BitsStored',
    'BodyPartExamined', 'Columns', 'ContentDate', 'ContentTime', 'ConversionType', 'HighBit',
    'InstanceNumber', 'LargestImagePixelValue', 'Laterality', 'Modality', 'PatientBirthDate',
    'PatientID', 'PatientName', 'PatientOrientation', 'PatientSex',
    'PhotometricInterpretation', 'PixelRepresentation', 'ReferringPhysicianName', 'Rows',
    'SOPClassUID', 'SOPInstanceUID', 'SamplesPerPixel', 'SecondaryCaptureDeviceManufacturer',
    'SecondaryCaptureDeviceManufacturerModelName', 'SeriesDescription', 'SeriesInstanceUID',
    'SeriesNumber', 'SmallestImagePixelValue', 'SpecificCharacterSet', 'StudyDate', 'StudyID',
    'StudyInstanceUID', 'StudyTime')
_META_COLUMNS = ('SeriesInstanceUID', 'StudyInstanceUID', 'Modality', 'SeriesDescription',
                 'BodyPartExamined', 'SeriesNumber', 'Collection', 'Visibility', 'ImageCount')
_FULL, _CROP, _MASK = 'full mammogram images', 'cropped images', 'ROI mask images'


_FOLDERS = tuple(folder for folders in CASES.values() for folder in folders)


def _uid(name: str) -> str:
  """A made-up DICOM UID under the CBIS-DDSM root, reproducible from `name`."""
  return '1.3.6.1.4.1.9590.100.1.2.' + str(int(hashlib.sha256(name.encode()).hexdigest(), 16))[:39]


def _csv(columns, rows) -> bytes:
  buffer = io.StringIO()
  writer = csv.writer(buffer, lineterminator='\n')
  writer.writerow(columns)
  writer.writerows(rows)
  return buffer.getvalue().encode('ascii')


def image_member(folder: str) -> str:
  """The jpeg/ member of a patient folder's full mammogram."""
  return f'jpeg/{_uid(folder)}/1-{101 + _FOLDERS.index(folder)}.jpg'


def _dicom_row(patient_id: str, member: str, study: str, description: str, side: str,
               view: str, shape: tuple[int, int]) -> tuple:
  """A dicom_info.csv row (the values the Kaggle copy shows, made up where they vary)."""
  series, name = member.split('/')[1], member.split('/')[2].removesuffix('.jpg')
  return (f'CBIS-DDSM/dicom/{series}/{name}.dcm', f'CBIS-DDSM/{member}', '', 16, 16, 'BREAST',
          shape[1], 20160720, 191432.0, 'WSD', 15, 1, 65535, side[0], 'MG', '', patient_id,
          patient_id, view, '', 'MONOCHROME2', 0, '', shape[0], '1.2.840.10008.5.1.4.1.1.7',
          _uid(f'{member}/instance'), 1, 'MathWorks', 'MATLAB', description, series, 1, 0,
          'ISO_IR 100', 20160720, 'DDSM', study, 191432.0)


def main() -> None:
  rng = np.random.default_rng(0)
  jpegs: dict[str, bytes] = {}
  dicom_rows = []
  case_csvs = {}
  for file_name, folders in CASES.items():
    rows = []
    for index, (folder, pathologies) in enumerate(folders.items()):
      _, side, view = folder.rsplit('_', 2)
      patient = '_'.join(folder.split('_')[1:3])
      study, member = _uid(f'{folder}/study'), image_member(folder)
      pixels = rng.integers(0, 256, (12, 8), dtype=np.uint8)
      if folder != NO_JPEG:
        jpegs[member] = fake_archives.image_bytes(pixels, 'JPEG',
                                                  mode='RGB' if folder == RGB else None)
      if folder != NO_DICOM_ROW:
        description = '' if folder == NO_DESCRIPTION else _FULL
        dicom_rows.append(_dicom_row(folder, member, study, description, side, view, (12, 8)))
      for abnormality, pathology in enumerate(pathologies, 1):
        crop_folder = f'{folder}_{abnormality}'
        crop_study, crop_series, mask_series = (
            _uid(f'{crop_folder}/{what}') for what in ('study', 'crop', 'mask'))
        if index < _WITH_CROPS:
          for series, description in ((crop_series, _CROP), (mask_series, _MASK)):
            crop_member = f'jpeg/{series}/1-{abnormality}.jpg'
            jpegs[crop_member] = fake_archives.image_bytes(
                rng.integers(0, 256, (4, 4), dtype=np.uint8), 'JPEG')
            dicom_rows.append(_dicom_row(crop_folder, crop_member, crop_study, description,
                                         side, view, (4, 4)))
        if file_name.startswith('mass'):
          details = ('MASS', 'OVAL', 'CIRCUMSCRIBED')
        else:
          details = ('calcification', 'PLEOMORPHIC', 'CLUSTERED')
        rows.append((patient, 3, side, view, abnormality, *details, 4, pathology, 3,
                     f'{folder}/{study}/{member.split("/")[1]}/000000.dcm',
                     f'{crop_folder}/{crop_study}/{crop_series}/000000.dcm\n',
                     f'{crop_folder}/{crop_study}/{mask_series}/000001.dcm\n'))
    columns = _MASS_COLUMNS if file_name.startswith('mass') else _CALC_COLUMNS
    case_csvs[file_name] = _csv(columns, rows)
  order = np.random.default_rng(1).permutation(len(dicom_rows))  # Not the CSVs' order.
  with fake_archives.write_zip(_OUT, date_time=_DATE_TIME,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    for file_name, data in case_csvs.items():
      archive.add(f'csv/{file_name}', data)
    archive.add('csv/dicom_info.csv', _csv(_DICOM_COLUMNS, [dicom_rows[i] for i in order]))
    archive.add('csv/meta.csv', _csv(_META_COLUMNS, [
        (row[30], row[36], 'MG', row[29], 'BREAST', 1, 'CBIS-DDSM', 'Public', 1)
        for row in dicom_rows[:4]]))
    for member in sorted(jpegs):
      archive.add(member, jpegs[member])


if __name__ == '__main__':
  main()
