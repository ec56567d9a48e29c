"""LFW-a (the aligned LFW) as face identification: the 423 people with 5+ images.

LFW-a (Wolf, Hassner & Taigman) holds the 13,233 images of LFW (5,749 people), aligned by a
commercial face aligner: 250x250 grayscale JPEGs, `<Name>/<Name>_<NNNN>.jpg` under one top
folder (`lfw2/` in LFW-a's own archive; the folders above the person folders are not relied on).
Only its `.jpg` members are images (as in the reference). The protocol is LFW's
(`toolkit/sources/lfw.py`): the people with at least 5 images (423 people, 5,985 images) are
kept, and each person's images are cut by position into train / dev / dev_test / test. The zip
is read in place.

Differences from the reference (see README.md): label ids follow the sorted names (not the order
of first appearance in the zip), the positional cut follows the file numbers (not zip member
order), and the kept people are checked against the 423 of LFW (the reference: counts only).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from absl import logging

from nevis_datasets import toolkit
from nevis_datasets.toolkit import archives
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit.sources import lfw as source

_URL = ('https://drive.google.com/u/0/uc?id=1p1wjaqpTh_5RHfJu4vUh8JJCdKwYMHCp&export=download'
        '&confirm=y')
_ARCHIVE = 'lfwa.zip'
_SUFFIX = '.jpg'  # The reference's test: `os.path.splitext(member)[1] == '.jpg'`.
_SKIPPED_SHOWN = 10

CLASS_NAMES = source.CLASS_NAMES  # The 423 people with 5+ images, sorted.


def list_images(names: Iterable[str]) -> dict[str, tuple[str, int]]:
  """Member name -> (person, image number) for the `.jpg` members; others are left out.

  Raises:
    ValueError: a `.jpg` member that is not `<Name>/<Name>_<NNNN>.jpg`.
  """
  return {name: source.parse_image_path(name) for name in names if name.endswith(_SUFFIX)}


class Lfwa(toolkit.TaskBuilder):
  """LFW-a identification; images read from lfwa.zip in place, label = the person's folder."""

  TASK = 'lfwa'
  CLASS_NAMES = CLASS_NAMES
  # Each example's source split is its NEVIS split, from the positional rule (`source`).
  SPLIT_RULE = splits.PRESPLIT

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    archive = self.download(dl_manager, _URL)
    members = {m.name: m for m in archives.zip_members(archive)}
    with self.expected_content(_ARCHIVE):
      assignment = source.assign_splits(list_images(members))
    others = sorted(name for name in members if not name.endswith(_SUFFIX))
    if others:
      logging.info('[%s] %d member(s) of %s are not .jpg images (%s): not used.', self.TASK,
                   len(others), _ARCHIVE, ', '.join(others[:_SKIPPED_SHOWN]))
    for key, (person, split) in sorted(assignment.items()):
      # Grayscale JPEGs: converted to RGB (stored as PNG) when encoded, as the reference did.
      yield toolkit.Example(key=key, image=members[key], label=person, source_split=split)
