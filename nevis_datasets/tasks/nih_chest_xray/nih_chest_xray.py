"""NIH ChestX-ray14 (Wang et al., CVPR 2017): 112,120 frontal chest X-rays, 15 finding labels.

The Kaggle dataset `nih-chest-xrays/data` (`data.zip`, about 45 GB, extracted by the toolkit)
holds the 1024x1024 PNGs as `images_001/images/<name>.png` ... `images_012/images/<name>.png`,
the labels `Data_Entry_2017.csv` (header `Image Index,Finding Labels,...`; findings joined by
'|', 'No Finding' for none) and the official lists `train_val_list.txt` (86,524 names) and
`test_list.txt` (25,596), one file name a line; `BBox_List_2017.csv` and the PDFs are not used.
Labels (multi-label): the findings, ids in the reference's order. Images listed in
train_val_list are divided 0.7/0.15/0.15 into train/dev/dev_test by a hash of their member path;
those of test_list are test. Grayscale (1 channel): 8-bit grayscale PNGs are stored as they are,
the few RGB(A) or 16-bit ones converted to 8-bit grayscale by the toolkit.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in zip
order; a listed image missing from the archive or without a CSV row, an image in both lists, an
unknown finding or a malformed CSV stops the build with a message (the reference crashed with a
bare KeyError or left the image out silently); 1-channel images (the reference decoded 3).
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator, Mapping

from absl import logging
from etils import epath

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import trees

_ARCHIVE = 'data.zip (Kaggle nih-chest-xrays/data)'
LABELS_CSV = 'Data_Entry_2017.csv'
_HEADER = ['Image Index', 'Finding Labels']  # The first two columns; the rest is not used.
# Official list -> the source split of its images.
LISTS = {'train_val_list.txt': 'train', 'test_list.txt': 'test'}
# An image member: `images_<3 digits>/images/<file name>.png`; group 1 is the file name.
_IMAGE_MEMBER = re.compile(r'images_\d{3}/images/([^/]+\.png)')
_SHOWN = 10
# The reference's order (its _LABELS; 'No Finding' is a label of its own): the label ids.
CLASS_NAMES = (
    'Atelectasis', 'Consolidation', 'Infiltration', 'Pneumothorax', 'Edema', 'Emphysema',
    'Fibrosis', 'Effusion', 'Pneumonia', 'Pleural_Thickening', 'Cardiomegaly', 'Nodule', 'Mass',
    'Hernia', 'No Finding',
)


def _check_file_name(name: str) -> None:
  if not name.endswith('.png') or '/' in name or name != name.strip():
    raise ValueError(f'{name!r} is not the file name of a PNG image')


def parse_findings(text: str) -> tuple[str, ...]:
  """The finding names of a 'Finding Labels' cell ('Effusion|Mass'), each once, in id order.

  Raises:
    ValueError: an empty or unknown finding.
  """
  findings = text.split('|')
  unknown = [name for name in findings if name not in CLASS_NAMES]
  if unknown:
    raise ValueError(f'finding {unknown[0]!r} is not one of the {len(CLASS_NAMES)} labels')
  return tuple(name for name in CLASS_NAMES if name in findings)


def parse_labels(text: str) -> dict[str, tuple[str, ...]]:
  """Image file name -> its findings, from Data_Entry_2017.csv.

  Raises:
    ValueError: the header does not start with `Image Index,Finding Labels`, a row is
      malformed or has an unknown finding, or an image has two rows.
  """
  rows = csv.reader(text.removeprefix('\ufeff').splitlines())
  header = next(rows, None)
  if header is None or header[:len(_HEADER)] != _HEADER:
    raise ValueError(f'{LABELS_CSV} starts with {header}, not the header '
                     f'{",".join(_HEADER)},...')
  labels: dict[str, tuple[str, ...]] = {}
  for number, row in enumerate(rows, 2):
    if not any(field.strip() for field in row):
      continue
    try:
      if len(row) < len(_HEADER):
        raise ValueError(f'{len(row)} field(s), expected at least {len(_HEADER)}')
      name, findings = row[0], row[1]
      _check_file_name(name)
      if name in labels:
        raise ValueError(f'{name} has two rows')
      labels[name] = parse_findings(findings)
    except ValueError as e:
      raise ValueError(f'{LABELS_CSV} line {number}: {e}') from None
  return labels


def parse_list(text: str, file_name: str) -> list[str]:
  """The image file names of an official list, in order, each once (blank lines ignored).

  Raises:
    ValueError: a line is not a PNG file name.
  """
  names: dict[str, None] = {}
  for number, line in enumerate(text.removeprefix('\ufeff').splitlines(), 1):
    name = line.strip()
    if not name:
      continue
    try:
      _check_file_name(name)
    except ValueError as e:
      raise ValueError(f'{file_name} line {number}: {e}') from None
    names.setdefault(name, None)
  return list(names)


def source_splits(lists: Mapping[str, list[str]]) -> dict[str, str]:
  """Image file name -> source split, from the names of each file of LISTS.

  Raises:
    ValueError: an image is in both lists.
  """
  first, second = LISTS
  both = sorted(set(lists[first]) & set(lists[second]))
  if both:
    raise ValueError(f'{len(both)} image(s) are in both {first} and {second}, e.g. {both[0]}')
  return {name: LISTS[file_name] for file_name, names in lists.items() for name in names}


def image_files(files: Iterable[tuple[str, epath.Path]]
                ) -> tuple[dict[str, tuple[str, str]], int]:
  """`(file name -> (member path, path), number of other files)` of an extracted archive.

  Images are the `images_<NNN>/images/<name>.png` members; other files (the CSVs, lists, PDFs)
  are counted.

  Raises:
    ValueError: two image folders hold the same file name.
  """
  images: dict[str, tuple[str, str]] = {}
  others = 0
  for member, path in files:
    match = _IMAGE_MEMBER.fullmatch(member)
    if match is None:
      others += 1
      continue
    name = match.group(1)
    if name in images:
      raise ValueError(f'{images[name][0]} and {member} have the same file name')
    images[name] = (member, os.fspath(path))  # A string: the example list stays small.
  return images, others


class NihChestXray(toolkit.TaskBuilder):
  """ChestX-ray14; the PNGs of the official lists, read from the extraction by Beam workers."""

  TASK = 'nih_chest_xray'
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True
  SPLIT_RULE = splits.TRAIN_TEST  # train_val_list hashed 0.7/0.15/0.15; test_list is test.
  USE_BEAM = True  # 112,120 PNGs, about 45 GB.

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download_kaggle(dl_manager)
    with self.expected_content(_ARCHIVE):
      for name in (LABELS_CSV, *LISTS):
        if not (root / name).is_file():
          raise ValueError(f'{name} is missing')
      labels = parse_labels((root / LABELS_CSV).read_text(encoding='utf-8'))
      split_of = source_splits({name: parse_list((root / name).read_text(encoding='utf-8'), name)
                                for name in LISTS})
      unlabelled = [name for name in split_of if name not in labels]
      if unlabelled:
        raise ValueError(f'{len(unlabelled)} listed image(s) have no row in {LABELS_CSV}, e.g. '
                         f'{unlabelled[0]}')
      images, others = image_files(trees.extracted_files(root))
      missing = [name for name in split_of if name not in images]
      if missing:
        raise ValueError(f'{len(missing)} listed image(s) are not in any images_<NNN>/images/ '
                         f'folder, e.g. {missing[0]}')
    unlisted = sorted(images.keys() - split_of.keys())
    if unlisted:
      logging.info('[%s] %d image(s) are in neither %s, e.g. %s: not used.', self.TASK,
                   len(unlisted), ' nor '.join(LISTS), ', '.join(unlisted[:_SHOWN]))
    logging.info('[%s] %d other file(s) of the archive (CSVs, lists, PDFs) are not images.',
                 self.TASK, others)
    for name, split in split_of.items():
      member, path = images[name]
      # A path, not bytes: Beam workers read the images themselves.
      yield toolkit.Example(key=member, image=path, label=labels[name], source_split=split)
