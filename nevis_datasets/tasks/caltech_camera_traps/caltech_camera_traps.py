"""Caltech Camera Traps (Beery, Van Horn & Perona, ECCV 2018): camera-trap photos, 16 classes.

Two archives: `eccv_18_all_images_sm.tar.gz` holds the downsized ECCV'18 images,
`eccv_18_all_images_sm/<image id>.jpg`; `eccv_18_annotations.tar.gz` holds COCO-style
`eccv_18_annotation_files/{train,trans_val,trans_test,cis_val,cis_test}_annotations.json`
(`images`, `annotations` with `image_id` and `category_id`, `categories` with `id` and
`name`). Both are extracted once (tar.gz members are not random-access); Beam workers read the
images from the extraction.

Label: the category name of an image's annotations, an id in the reference's fixed order of
the 16 names (`empty` included). An image whose annotations name more than one category is left
out. Splits: `train` images are divided train/dev 0.8/0.2 by a hash of their member path;
`trans_val` is dev_test, `trans_test` is test (`cis_*` are not used, as in the reference).

Differences from the reference (see README.md): splits by hash instead of a seeded draw in tar
order; images with several categories are left out (the reference kept the last annotation's);
annotated images missing from the tar are counted and tolerated up to 1% per file; malformed
annotations, unknown category names and images annotated in two files stop the build with a
message.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from absl import logging
from etils import epath

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import trees

_BASE_URL = 'https://lilablobssc.blob.core.windows.net/caltechcameratraps/'
IMAGES_TAR = 'eccv_18_all_images_sm.tar.gz'
ANNOTATIONS_TAR = 'eccv_18_annotations.tar.gz'
ANNOTATIONS_DIR = 'eccv_18_annotation_files'
# Annotation file -> source split (the file name's prefix); cis_val and cis_test are unused.
SOURCE_SPLITS = ('train', 'trans_val', 'trans_test')
_IMAGE_SUFFIX = '.jpg'
_SHOWN = 10

# The reference's fixed order (its _CLASS_NAMES): the label ids.
CLASS_NAMES = ('bobcat', 'opossum', 'empty', 'coyote', 'raccoon', 'bird', 'dog', 'cat',
               'squirrel', 'rabbit', 'skunk', 'rodent', 'badger', 'deer', 'car', 'fox')


def annotation_file(source_split: str) -> str:
  return f'{ANNOTATIONS_DIR}/{source_split}_annotations.json'


def parse_annotations(data: Mapping[str, Any]) -> tuple[dict[str, str], list[str]]:
  """`(image id -> category name, ids of images with several categories)` of one file.

  Raises:
    ValueError: `annotations` or `categories` is missing or malformed, an annotation names an
      unknown category id, or a category name is not one of CLASS_NAMES.
  """
  if not isinstance(data, Mapping):
    raise ValueError('the annotations are not a JSON object')
  for field in ('annotations', 'categories'):
    if not isinstance(data.get(field), list):
      raise ValueError(f'no {field!r} list')
  names = {}
  for category in data['categories']:
    if not isinstance(category, Mapping) or 'id' not in category or 'name' not in category:
      raise ValueError(f'category {category!r} has no id and name')
    names[category['id']] = category['name']
  categories: dict[str, set[str]] = {}
  for annotation in data['annotations']:
    if not isinstance(annotation, Mapping) or not isinstance(annotation.get('image_id'), str):
      raise ValueError(f'annotation {annotation!r} has no image_id string')
    name = names.get(annotation.get('category_id'))
    if name is None:
      raise ValueError(f'annotation {annotation.get("id")!r} of image {annotation["image_id"]} '
                       f'has category_id {annotation.get("category_id")!r}, not a listed '
                       'category')
    if name not in CLASS_NAMES:
      raise ValueError(f'image {annotation["image_id"]} is annotated {name!r}, not one of the '
                       f'{len(CLASS_NAMES)} known categories')
    categories.setdefault(annotation['image_id'], set()).add(name)
  labels = {image: next(iter(found)) for image, found in categories.items() if len(found) == 1}
  ambiguous = sorted(image for image, found in categories.items() if len(found) > 1)
  return labels, ambiguous


def image_files(files: Sequence[tuple[str, Any]]) -> dict[str, tuple[str, Any]]:
  """Image id (the file stem, as the reference) -> `(member path, path)` of the `.jpg` files.

  Raises:
    ValueError: two images have the same id.
  """
  by_id: dict[str, tuple[str, Any]] = {}
  for member, path in files:
    if not member.lower().endswith(_IMAGE_SUFFIX):
      continue
    image_id = posixpath.splitext(posixpath.basename(member))[0]
    if image_id in by_id:
      raise ValueError(f'{by_id[image_id][0]} and {member} have the same image id')
    by_id[image_id] = (member, path)
  return by_id


class CaltechCameraTraps(toolkit.TaskBuilder):
  """Caltech Camera Traps (ECCV'18, small images); labels from the COCO-style annotations."""

  TASK = 'caltech_camera_traps'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.SplitRule(
      hashed={'train': splits.TRAIN_AND_DEV_FRACTIONS},
      fixed={'trans_val': splits.DEV_TEST, 'trans_test': splits.TEST},
  )
  USE_BEAM = True  # About 58,000 JPEGs, several GB.

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    annotations_root = self.download(dl_manager, _BASE_URL + ANNOTATIONS_TAR, extract=True)
    labels = {split: self._labels(annotations_root, split) for split in SOURCE_SPLITS}
    self._check_disjoint(labels)
    images_root = self.download(dl_manager, _BASE_URL + IMAGES_TAR, extract=True)
    with self.expected_content(IMAGES_TAR):
      images = image_files(trees.extracted_files(images_root))
    unused = len(images.keys() - set().union(*labels.values()))
    logging.info('[%s] %d image(s) of %s are not annotated in the used files (cis_* and '
                 'unannotated images): not used.', self.TASK, unused, IMAGES_TAR)
    for split, split_labels in labels.items():
      missing = sorted(image for image in split_labels if image not in images)
      self.check_missing_images(missing, len(split_labels), listed_in=annotation_file(split),
                                archive=IMAGES_TAR)
      for image_id, name in split_labels.items():
        if image_id in images:
          member, path = images[image_id]
          # A path, not bytes: Beam workers read the images themselves.
          yield toolkit.Example(key=member, image=path, label=name, source_split=split)

  def _labels(self, root: epath.Path, split: str) -> dict[str, str]:
    """The labels of one annotation file; images with several categories logged, left out."""
    name = annotation_file(split)
    with self.expected_content(ANNOTATIONS_TAR):
      if not (root / name).exists():
        raise ValueError(f'{name} is missing')
      labels, ambiguous = parse_annotations(json.loads((root / name).read_bytes()))
    if ambiguous:
      logging.warning('[%s] %d image(s) of %s have annotations of several categories, e.g. '
                      '%s: left out.', self.TASK, len(ambiguous), name,
                      ', '.join(ambiguous[:_SHOWN]))
    return labels

  def _check_disjoint(self, labels: Mapping[str, Mapping[str, str]]) -> None:
    for i, first in enumerate(SOURCE_SPLITS):
      for second in SOURCE_SPLITS[i + 1:]:
        both = sorted(labels[first].keys() & labels[second].keys())
        if both:
          raise toolkit.CorruptDataError(
              f'[{self.TASK}] {len(both)} image(s), e.g. {both[0]}, are annotated in both '
              f'{annotation_file(first)} and {annotation_file(second)} of {ANNOTATIONS_TAR}: '
              f'the source is not the expected one. {self._delete_sources_advice()}')
