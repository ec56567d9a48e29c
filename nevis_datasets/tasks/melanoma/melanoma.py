"""ISIC 2017 (ISBI challenge, part 3): dermoscopy images of melanoma, seborrheic keratosis, nevi.

Three zips, `ISIC-2017_{Training,Validation,Test_v2}_Data.zip`, hold `<zip stem>/<image id>.jpg`
(and `*_superpixels.png` maps and a metadata CSV, not used); three ground-truth CSVs
`ISIC-2017_*_Part3_GroundTruth.csv` give `image_id,melanoma,seborrheic_keratosis` (0.0/1.0).
Label: melanoma, else seborrheic keratosis, else benign nevus (the reference's ids). Training is
divided into train/dev by a hash of the member path, Validation is dev_test, Test is test. The
JPEGs (several MB each) are read straight from the zips and stored as they are.

Differences from the reference (see README.md): train/dev by hash instead of a seeded
permutation of the CSV rows; images missing from a zip, or absent from its CSV, stop the build.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Iterator

from absl import logging

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_BASE_URL = 'https://isic-challenge-data.s3.amazonaws.com/2017/'
# The reference's class names, in its id order.
CLASS_NAMES = ('melanoma', 'seborrheic keratosis', 'benign nevi')
_HEADER = ['image_id', 'melanoma', 'seborrheic_keratosis']
_IMAGE_ID = re.compile(r'ISIC_\d{7}')


@dataclasses.dataclass(frozen=True)
class Part:
  """One part of the challenge data: a zip of images and its ground-truth CSV."""

  stem: str  # The zip's name without `.zip`, also its top-level folder.
  ground_truth: str  # The CSV's file name.
  source_split: str

  @property
  def zip_url(self) -> str:
    return f'{_BASE_URL}{self.stem}.zip'

  @property
  def csv_url(self) -> str:
    return _BASE_URL + self.ground_truth


PARTS = (
    Part('ISIC-2017_Training_Data', 'ISIC-2017_Training_Part3_GroundTruth.csv', 'train'),
    Part('ISIC-2017_Validation_Data', 'ISIC-2017_Validation_Part3_GroundTruth.csv',
         'validation'),
    Part('ISIC-2017_Test_v2_Data', 'ISIC-2017_Test_v2_Part3_GroundTruth.csv', 'test'),
)


def _flag(value: str, column: str) -> bool:
  """'0.0' / '1.0' (or '0' / '1') -> False / True."""
  try:
    number = float(value)
  except ValueError:
    number = None
  if number not in (0.0, 1.0):
    raise ValueError(f'{column} is {value!r}, not 0.0 or 1.0')
  return number == 1.0


def class_of(melanoma: str, seborrheic_keratosis: str) -> str:
  """The class of one ground-truth row's two flags.

  Raises:
    ValueError: a flag is not 0/1, or both are set.
  """
  is_melanoma = _flag(melanoma, 'melanoma')
  is_keratosis = _flag(seborrheic_keratosis, 'seborrheic_keratosis')
  if is_melanoma and is_keratosis:
    raise ValueError('both melanoma and seborrheic_keratosis are set')
  if is_melanoma:
    return CLASS_NAMES[0]
  return CLASS_NAMES[1] if is_keratosis else CLASS_NAMES[2]


def parse_ground_truth(text: str, file_name: str) -> dict[str, str]:
  """Image id -> class name, from a Part 3 ground-truth CSV.

  Raises:
    ValueError: the header is not `image_id,melanoma,seborrheic_keratosis`, a row is malformed,
      or an image id is listed twice.
  """
  rows = csv.reader(text.removeprefix('\ufeff').splitlines())
  header = next(rows, None)
  if header != _HEADER:
    raise ValueError(f'{file_name} starts with {header}, not the header {",".join(_HEADER)}')
  labels: dict[str, str] = {}
  for number, row in enumerate(rows, 2):
    if not row:
      continue
    try:
      if len(row) != len(_HEADER):
        raise ValueError(f'{len(row)} fields, expected {len(_HEADER)}')
      image_id = row[0].strip()
      if not _IMAGE_ID.fullmatch(image_id):
        raise ValueError(f'{image_id!r} is not an ISIC image id (ISIC_<7 digits>)')
      if image_id in labels:
        raise ValueError(f'{image_id} is listed twice')
      labels[image_id] = class_of(row[1].strip(), row[2].strip())
    except ValueError as e:
      raise ValueError(f'{file_name} line {number}: {e}') from None
  return labels


def image_id_of(member: str, stem: str) -> str | None:
  """The image id of a JPEG member `<stem>/<id>.jpg`; None for members that are not JPEGs.

  Raises:
    ValueError: a JPEG elsewhere, or not named after an ISIC image id.
  """
  if not member.endswith('.jpg'):
    return None  # Superpixel maps (`<id>_superpixels.png`), the metadata CSV.
  folder, _, name = member.rpartition('/')
  image_id = name.removesuffix('.jpg')
  if folder != stem or not _IMAGE_ID.fullmatch(image_id):
    raise ValueError(f'{member!r} is not {stem}/ISIC_<7 digits>.jpg')
  return image_id


class Melanoma(toolkit.TaskBuilder):
  """ISIC 2017 part 3; JPEGs read from the zips, labels from the ground-truth CSVs."""

  TASK = 'melanoma'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_VALIDATION_TEST
  # About 2,750 JPEGs, but several MB each (zips of ~12 GB in all): Beam workers read them.
  USE_BEAM = True

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    for part in PARTS:
      yield from self._part(dl_manager, part)

  def _part(self, dl_manager, part: Part) -> list[toolkit.Example]:
    archive = self.download(dl_manager, part.zip_url)  # Read in place, not extracted.
    ground_truth = self.download(dl_manager, part.csv_url)
    with self.expected_content(f'{part.stem}.zip and {part.ground_truth}'):
      labels = parse_ground_truth(ground_truth.read_text(encoding='utf-8'), part.ground_truth)
      members = {}
      ignored = 0
      for member in toolkit.archives.zip_members(archive):
        image_id = image_id_of(member.name, part.stem)
        if image_id is None:
          ignored += 1
        else:
          members[image_id] = member
      missing = sorted(labels.keys() - members.keys())
      if missing:
        raise ValueError(f'{len(missing)} image(s) of {part.ground_truth} are missing from '
                         f'{part.stem}.zip, e.g. {missing[0]}')
      unlisted = sorted(members.keys() - labels.keys())
      if unlisted:
        raise ValueError(f'{len(unlisted)} image(s) of {part.stem}.zip are not in '
                         f'{part.ground_truth}, e.g. {unlisted[0]}')
    logging.info('[%s] %s.zip: %d JPEGs, %d other members not used.', self.TASK, part.stem,
                 len(members), ignored)
    return [toolkit.Example(key=member.name, image=member, label=labels[image_id],
                            source_split=part.source_split)
            for image_id, member in sorted(members.items())]
