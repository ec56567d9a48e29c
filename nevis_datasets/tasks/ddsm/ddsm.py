"""CBIS-DDSM (Kaggle `awsaf49/cbis-ddsm-breast-cancer-image-dataset`): full mammograms.

The Kaggle archive holds the CBIS-DDSM images as JPEGs, `jpeg/<series UID>/<file>.jpg` (full
mammograms, abnormality crops and ROI masks), and `csv/`: four case-description CSVs, one row per
abnormality with its `pathology` and the DICOM `image file path` of its full mammogram
(`<patient folder>/<study>/<series>/000000.dcm`), and `dicom_info.csv`, one row per image with
its `PatientID` and `image_path` (`CBIS-DDSM/jpeg/<series UID>/<file>.jpg`). As in the
reference, case rows are joined to dicom_info rows whose `PatientID` is the row's patient folder
(the full mammogram's; crops and masks have `<folder>_<abnormality id>`), each image once;
training CSVs give train/dev/dev_test, test CSVs give test.

Differences from the reference (see README.md): a mammogram with several findings takes the most
severe pathology (the reference took its first CSV row's); train/dev/dev_test by a hash of the
JPEG path; missing images are tolerated as undecodable ones are, bad rows stop the build.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from absl import logging

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_ARCHIVE = 'cbis-ddsm-breast-cancer-image-dataset.zip'
DICOM_INFO = 'csv/dicom_info.csv'
IMAGE_PATH, PATIENT_ID = 'image_path', 'PatientID'  # dicom_info.csv columns.
IMAGE_FILE_PATH, PATHOLOGY = 'image file path', 'pathology'  # Case-description columns.
# Case-description CSV -> the prefix of its rows' patient folders, and its source split.
CASE_FILES = {
    'csv/calc_case_description_train_set.csv': ('Calc-Training_', 'train'),
    'csv/mass_case_description_train_set.csv': ('Mass-Training_', 'train'),
    'csv/calc_case_description_test_set.csv': ('Calc-Test_', 'test'),
    'csv/mass_case_description_test_set.csv': ('Mass-Test_', 'test'),
}
# The reference's label order (a fixed, unsorted order, kept).
CLASS_NAMES = ('BENIGN', 'MALIGNANT', 'BENIGN_WITHOUT_CALLBACK')
# Most severe first: a mammogram with several findings is labelled by the worst of them.
_SEVERITY = ('MALIGNANT', 'BENIGN', 'BENIGN_WITHOUT_CALLBACK')


@dataclasses.dataclass(frozen=True)
class Finding:
  """One row of a case-description CSV: an abnormality seen on a full mammogram."""

  folder: str  # The patient folder, e.g. `Mass-Training_P_00001_LEFT_CC`.
  pathology: str
  source_split: str


def read_cases(text: str, file_name: str) -> list[Finding]:
  """The findings of a case-description CSV (a file of CASE_FILES).

  Raises:
    ValueError: a row's `image file path` is not `<prefix><patient>/...` with the file's own
      prefix (e.g. `Calc-Training_`), or its pathology is not one of CLASS_NAMES.
  """
  prefix, source_split = CASE_FILES[file_name]
  findings = []
  for line, row in toolkit.text.read_table(text, file_name, (IMAGE_FILE_PATH, PATHOLOGY)):
    folder, slash, _ = row[IMAGE_FILE_PATH].partition('/')
    if not slash or not folder.startswith(prefix) or folder == prefix:
      raise ValueError(f'{file_name} line {line}: {IMAGE_FILE_PATH} '
                       f'{row[IMAGE_FILE_PATH]!r} is not {prefix}<patient folder>/...')
    if row[PATHOLOGY] not in CLASS_NAMES:
      raise ValueError(f'{file_name} line {line}: pathology {row[PATHOLOGY]!r} is not one of '
                       f'{", ".join(CLASS_NAMES)}')
    findings.append(Finding(folder, row[PATHOLOGY], source_split))
  return findings


def read_dicom_info(text: str) -> dict[str, list[tuple[int, str]]]:
  """PatientID -> `(line, image_path)` of each of its images in dicom_info.csv, in file order.

  Image paths are only checked where a case row uses them (`jpeg_member`).
  """
  images: dict[str, list[tuple[int, str]]] = {}
  for line, row in toolkit.text.read_table(text, DICOM_INFO, (IMAGE_PATH, PATIENT_ID)):
    images.setdefault(row[PATIENT_ID], []).append((line, row[IMAGE_PATH]))
  return images


def jpeg_member(image_path: str) -> str:
  """`CBIS-DDSM/jpeg/<series>/<file>.jpg` -> the archive member `jpeg/<series>/<file>.jpg`.

  As in the reference, the member is `jpeg/` and the path's last two components.

  Raises:
    ValueError: the path does not end with `<series>/<file>.jpg`.
  """
  parts = image_path.split('/')
  if len(parts) < 2 or not parts[-2] or not parts[-1].lower().endswith('.jpg'):
    raise ValueError(f'{IMAGE_PATH} {image_path!r} is not .../<series>/<file>.jpg')
  return f'jpeg/{parts[-2]}/{parts[-1]}'


def label_of(pathologies: Iterable[str]) -> str:
  """The label of a mammogram: the most severe pathology among its findings."""
  return min(pathologies, key=_SEVERITY.index)


@dataclasses.dataclass(frozen=True)
class Mammogram:
  """A full mammogram of the archive with the findings of the case rows that name it."""

  member: str
  source_split: str
  pathologies: tuple[str, ...]


def mammograms(findings: Iterable[Finding], images: Mapping[str, Sequence[tuple[int, str]]]
               ) -> tuple[list[Mammogram], list[str], int]:
  """Joins findings to dicom_info images on the patient folder; each image once.

  Returns:
    The mammograms (in the order first named), the patient folders without an image in
    dicom_info (left out, as by the reference's inner join) and the number of folders in all.

  Raises:
    ValueError: a used image path is malformed, or an image is named by both training and
      test rows.
  """
  splits_of: dict[str, str] = {}
  pathologies: dict[str, list[str]] = {}
  folders: dict[str, bool] = {}
  for finding in findings:
    folders[finding.folder] = finding.folder in images
    for line, image_path in images.get(finding.folder, ()):
      try:
        member = jpeg_member(image_path)
      except ValueError as e:
        raise ValueError(f'{DICOM_INFO} line {line}: {e}') from None
      split = splits_of.setdefault(member, finding.source_split)
      if split != finding.source_split:
        raise ValueError(f'{member} is the mammogram of both training and test rows '
                         f'(e.g. {finding.folder})')
      pathologies.setdefault(member, []).append(finding.pathology)
  found = [Mammogram(member, splits_of[member], tuple(named))
           for member, named in pathologies.items()]
  unmatched = [folder for folder, matched in folders.items() if not matched]
  return found, unmatched, len(folders)


class Ddsm(toolkit.TaskBuilder):
  """CBIS-DDSM full mammograms from the extracted Kaggle archive, labelled by pathology."""

  TASK = 'ddsm'
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True
  SPLIT_RULE = splits.TRAIN_TEST
  # About 3100 mammograms of several MB each: Beam workers read them.
  USE_BEAM = True

  def _examples(self, dl_manager) -> list[toolkit.Example]:
    root = self.download_kaggle(dl_manager)
    with self.expected_content(_ARCHIVE):
      texts = {}
      for name in (DICOM_INFO, *CASE_FILES):
        if not (root / name).is_file():
          raise ValueError(f'{name} is missing')
        texts[name] = (root / name).read_text(encoding='utf-8-sig')
      findings = [finding for name in CASE_FILES for finding in read_cases(texts[name], name)]
      found, unmatched, folders = mammograms(findings, read_dicom_info(texts[DICOM_INFO]))
    self.check_missing_images(unmatched, folders, listed_in='the case-description CSVs',
                              archive=DICOM_INFO)
    absent = [m.member for m in found if not (root / m.member).is_file()]
    self.check_missing_images(absent, len(found), listed_in=DICOM_INFO, archive=_ARCHIVE)
    left_out = set(absent)
    kept = [m for m in found if m.member not in left_out]
    several = [m for m in kept if len(m.pathologies) > 1]
    logging.info('[%s] %d mammograms, %d with several findings (%d of them with different '
                 'pathologies: labelled by the most severe).', self.TASK, len(kept), len(several),
                 sum(len(set(m.pathologies)) > 1 for m in several))
    return [toolkit.Example(key=m.member, image=root / m.member, label=label_of(m.pathologies),
                            source_split=m.source_split) for m in kept]
