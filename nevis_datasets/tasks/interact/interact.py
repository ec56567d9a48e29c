"""INTERACT (Antol, Zitnick & Parikh 2014): two-person interactions, 60 categories.

Four zips: the stand-alone (real photo) dataset and the illustration-category (clip art) dataset,
each an images zip holding `imgs/<file>` (plus an HTML gallery, not used) and an annotations zip
holding `<...>_labels_and_images.txt`, one `<NN>;<file>;Person 1 <verb> Person 2.` line per
image. Label = the category number - 1; the 60 names ("Person 1 is hugging Person 2.") are read
from the stand-alone annotations in number order, and the illustration annotations must agree.
Real photos are divided train/dev/dev_test/test by a hash of their key; every illustration is
in train (the reference's setting, after Sharmanska & Quadrianto 2016). The JPEGs and PNGs are
read from the zips in place; keys start with the zip's stem, as both zips hold `imgs/<file>`.

Differences from the reference (see README.md): real photos split by hash instead of a seeded
per-class permutation; illustrations belong to train_and_dev too (train + dev); the annotations
and zips must match, and malformed lines stop the build with a message.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence

from absl import logging

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_BASE_URL = 'https://computing.ece.vt.edu/~santol/projects/zsl_via_visual_abstraction/interact/'
NUM_CLASSES = 60
REAL = 'real'
ILLUSTRATION = 'illustration'
# Real photos by hash with the reference's fractions (0.8 x (0.7, 0.15, 0.15), 0.2 test); all
# illustrations in train.
SPLIT_RULE = splits.SplitRule(hashed={REAL: splits.ALL_DATA_FRACTIONS},
                              fixed={ILLUSTRATION: splits.TRAIN})
# Stand-alone images the reference leaves out: truncated JPEGs (PIL fails on them).
TRUNCATED = frozenset({'22TCSTMOFXRDFDVIK9PDTXJK5OZTQ6_20.jpg',
                       '249YW2GTP9RAU1I25WX94SOKQN6OTI_16.jpg',
                       '24PFCD45XCETAM5TCF9N9TGUNNTZXA_02.jpg'})
_NUMBER = re.compile(r'\d{1,2}')


@dataclasses.dataclass(frozen=True)
class Source:
  """One of the two datasets: its images zip and its annotations zip and file."""

  folder: str  # On the server.
  images: str  # The zips' stems.
  annotations: str
  labels_file: str  # In the annotations zip.
  source_split: str

  @property
  def images_url(self) -> str:
    return f'{_BASE_URL}{self.folder}/{self.images}.zip'

  @property
  def annotations_url(self) -> str:
    return f'{_BASE_URL}{self.folder}/{self.annotations}.zip'


STAND_ALONE = Source('interact_stand-alone_dataset', 'interact_stand-alone_dataset_images',
                     'interact_stand-alone_dataset_annotations',
                     'interact_final_dataset_labels_and_images.txt', REAL)
ILLUSTRATIONS = Source(
    'interact_illustration_category_dataset', 'interact_illustration_category_dataset_images',
    'interact_illustration_category_dataset_annotations',
    'interact_illustration_category_dataset_labels_and_images.txt', ILLUSTRATION)
SOURCES = (STAND_ALONE, ILLUSTRATIONS)


@dataclasses.dataclass(frozen=True)
class Annotation:
  """One line of a labels file."""

  file: str  # In the images zip's `imgs/` folder.
  label: int  # The category number - 1.
  name: str


def parse_line(line: str) -> Annotation:
  """`<category number>;<image file>;<category name>` -> Annotation.

  Raises:
    ValueError: not three fields, a number outside 1-60, an empty field or a file in a folder.
  """
  fields = line.strip().split(';')
  if len(fields) != 3:
    raise ValueError(f'{len(fields)} ";"-separated fields, expected 3')
  number, file, name = (field.strip() for field in fields)
  if not _NUMBER.fullmatch(number) or not 1 <= int(number) <= NUM_CLASSES:
    raise ValueError(f'category number {number!r} is not 1-{NUM_CLASSES}')
  if not file or '/' in file:
    raise ValueError(f'image file {file!r} is not a file name')
  if not name:
    raise ValueError('the category name is empty')
  return Annotation(file, int(number) - 1, name)


def parse_annotations(text: str, file_name: str) -> list[Annotation]:
  """The annotations of a labels file, in file order (blank lines skipped).

  Raises:
    ValueError: a malformed line, an image listed twice, or two names for one category.
  """
  annotations = []
  files: set[str] = set()
  names: dict[int, str] = {}
  for number, line in enumerate(text.removeprefix('\ufeff').splitlines(), 1):
    if not line.strip():
      continue
    try:
      annotation = parse_line(line)
      if annotation.file in files:
        raise ValueError(f'{annotation.file} is listed twice')
      name = names.setdefault(annotation.label, annotation.name)
      if name != annotation.name:
        raise ValueError(f'category {annotation.label + 1} is named {annotation.name!r}, but '
                         f'{name!r} before')
    except ValueError as e:
      raise ValueError(f'{file_name} line {number}: {e}') from None
    files.add(annotation.file)
    annotations.append(annotation)
  return annotations


def class_names(real: Sequence[Annotation], illustrations: Sequence[Annotation]) -> list[str]:
  """The 60 category names in number order, from the real annotations.

  Raises:
    ValueError: a category without real images, or an illustration category named otherwise.
  """
  names = {a.label: a.name for a in real}
  missing = [label + 1 for label in range(NUM_CLASSES) if label not in names]
  if missing:
    raise ValueError(f'{STAND_ALONE.labels_file} has no image of categories {missing}')
  for annotation in illustrations:
    if annotation.name != names[annotation.label]:
      raise ValueError(f'{ILLUSTRATIONS.labels_file} names category {annotation.label + 1} '
                       f'{annotation.name!r}, {STAND_ALONE.labels_file} '
                       f'{names[annotation.label]!r}')
  return [names[label] for label in range(NUM_CLASSES)]


class Interact(toolkit.TaskBuilder):
  """INTERACT; real photos and illustrations read from their zips, labels from the annotations."""

  TASK = 'interact'
  CLASS_NAMES = None  # Read from the annotations (`set_class_names`).
  SPLIT_RULE = SPLIT_RULE

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    annotations = {source: self._annotations(dl_manager, source) for source in SOURCES}
    with self.expected_content(f'{STAND_ALONE.annotations}.zip and '
                               f'{ILLUSTRATIONS.annotations}.zip'):
      names = class_names(annotations[STAND_ALONE], annotations[ILLUSTRATIONS])
    self.set_class_names(names)
    for source in SOURCES:
      yield from self._images(dl_manager, source, annotations[source])

  def _annotations(self, dl_manager, source: Source) -> list[Annotation]:
    archive = self.download(dl_manager, source.annotations_url)
    with self.expected_content(f'{source.annotations}.zip'):
      members = {m.name: m for m in toolkit.archives.zip_members(archive)}
      if source.labels_file not in members:
        raise ValueError(f'{source.labels_file} is missing')
      text = members[source.labels_file].read().decode('utf-8')
      annotations = parse_annotations(text, source.labels_file)
    if source is STAND_ALONE:
      annotations = [a for a in annotations if a.file not in TRUNCATED]
    return annotations

  def _images(self, dl_manager, source: Source, annotations: Sequence[Annotation]
              ) -> list[toolkit.Example]:
    archive = self.download(dl_manager, source.images_url)  # Read in place, not extracted.
    with self.expected_content(f'{source.images}.zip'):
      members = {m.name: m for m in toolkit.archives.zip_members(archive)}
      missing = [a.file for a in annotations if f'imgs/{a.file}' not in members]
      if missing:
        raise ValueError(f'{len(missing)} image(s) of {source.labels_file} are missing from '
                         f'imgs/, e.g. {missing[0]}')
    logging.info('[%s] %s.zip: %d annotated images; %d other members (the HTML gallery, '
                 'images left out) not used.', self.TASK, source.images, len(annotations),
                 len(members) - len(annotations))
    return [toolkit.Example(key=f'{source.images}/imgs/{a.file}', image=members[f'imgs/{a.file}'],
                            label=a.label, source_split=source.source_split)
            for a in sorted(annotations, key=lambda a: a.file)]
