"""Pneumonia chest X-rays (Kermany et al., Cell 2018): pediatric chest X-rays, normal or pneumonia.

The Kaggle archive `chest-xray-pneumonia.zip` (extracted by the toolkit) holds the 5,856 JPEGs
twice: as `chest_xray/{train,val,test}/{NORMAL,PNEUMONIA}/*.jpeg` and as a nested copy of the
same tree, `chest_xray/chest_xray/...`, beside macOS leftovers (`chest_xray/__MACOSX/`,
`.DS_Store` files). Only the nested copy is read, the one the reference reads, so no image is
counted twice. The official splits are kept as the reference maps them: `train` is divided into
train/dev by a hash of the member path, `val` (16 images) becomes dev_test, `test` stays test.
Label = the class folder (NORMAL 0, PNEUMONIA 1). Grayscale by definition (the reference
converts to 'L').

Differences from the reference (see README.md): train/dev by hash instead of a seeded draw in
archive order; a JPEG outside the class folders stops the build with a message (the reference
crashed with a bare KeyError), other files are left out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator


from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import trees

_ARCHIVE = 'chest-xray-pneumonia.zip'
# The nested copy of the dataset, which the reference reads (`chest_xray/` holds the same files).
ROOT = 'chest_xray/chest_xray'
# Folder under ROOT -> the source split of its images; `val` is the official validation set.
SOURCE_SPLITS = {'train': 'train', 'val': 'validation', 'test': 'test'}
CLASS_NAMES = ('NORMAL', 'PNEUMONIA')  # The reference's order (also sorted).


def class_of(member: str) -> str:
  """The class of a JPEG member `chest_xray/chest_xray/<split>/<class>/<file>`.

  Raises:
    ValueError: the member is not directly in a class folder of a split folder.
  """
  parts = member.split('/')
  if len(parts) != 5 or parts[3] not in CLASS_NAMES:
    raise ValueError(f'{member!r} is not in a class folder ({ROOT}/<split>/NORMAL or '
                     f'{ROOT}/<split>/PNEUMONIA)')
  return parts[3]


class PneumoniaChestXray(toolkit.TaskBuilder):
  """Pneumonia chest X-rays; the nested copy's official splits, label from the class folder."""

  TASK = 'pneumonia_chest_xray'
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True
  SPLIT_RULE = splits.TRAIN_VALIDATION_TEST

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download_kaggle(dl_manager)
    for folder, source_split in SOURCE_SPLITS.items():
      with self.expected_content(_ARCHIVE):
        files = trees.extracted_folder(root, f'{ROOT}/{folder}')
      for example in self.labelled_images(files, _ARCHIVE, class_of, suffixes=('.jpeg',)):
        yield dataclasses.replace(example, source_split=source_split)
