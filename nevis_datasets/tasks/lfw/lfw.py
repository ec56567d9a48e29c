"""Labeled Faces in the Wild (LFW) as face identification: the 423 people with 5+ images.

LFW is a face verification benchmark (13,233 photos of 5,749 people). As in the reference, it is
turned into identification: only people with at least 5 images are kept (423 people, 5,985
images), and each kept person's images are cut by position into train / dev / dev_test / test,
so that every test person is seen in training.

Differences from the reference (see README.md): label ids follow the sorted subject names (not
the order of first appearance in the tarball), and the positional cut is applied to each
subject's images in file-number order (`<Name>_0001.jpg`, ...), not in tarball member order, so
the split is a pure function of the file names. The protocol and the 423 names are shared with
`lfwa` (`toolkit/sources/lfw.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import trees
from nevis_datasets.toolkit.sources import lfw as source

_URL = 'http://vis-www.cs.umass.edu/lfw/lfw.tgz'
_ARCHIVE = 'lfw.tgz'
# Every file of the archive is `lfw/<Name>/<file>`; the file name is checked by `source`.
_MEMBER = re.compile(r'lfw/[^/]+/[^/]+')

CLASS_NAMES = source.CLASS_NAMES  # The 423 people with 5+ images, sorted.


def parse_member(key: str) -> tuple[str, int]:
  """`'lfw/<Name>/<Name>_<NNNN>.jpg'` -> (`<Name>`, NNNN).

  Raises:
    ValueError: the path is not an LFW image path of its person's folder.
  """
  if not _MEMBER.fullmatch(key):
    raise ValueError(f'{key!r} is not an LFW image path lfw/<Name>/<Name>_<NNNN>.jpg')
  return source.parse_image_path(key)


def assign_splits(keys: Iterable[str]) -> dict[str, tuple[str, str]]:
  """Key -> (subject, split) for the images of the people with 5+ images (`source`).

  Raises:
    ValueError: a key is not an LFW image path, or the kept people are not CLASS_NAMES.
  """
  return source.assign_splits({key: parse_member(key) for key in keys})


class Lfw(toolkit.TaskBuilder):
  """LFW identification; images from the extracted lfw.tgz, label = the person's folder."""

  TASK = 'lfw'
  CLASS_NAMES = CLASS_NAMES
  # Each example's source split is its NEVIS split, from the positional rule (`source`).
  SPLIT_RULE = splits.PRESPLIT

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download(dl_manager, _URL, extract=True)
    files = dict(trees.extracted_files(root))
    with self.expected_content(_ARCHIVE):
      assignment = assign_splits(files)
    for key, (subject, split) in sorted(assignment.items()):
      yield toolkit.Example(key=key, image=files[key], label=subject, source_split=split)
