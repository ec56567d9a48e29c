"""INRIA Annotations for Graz-02 (IG02): photos of bikes, cars and people in cluttered scenes.

Each class comes as its own zip (`ig02-v1.0-<class>.zip`) holding `<class>/<name>.image.png`
photos, their `.mask.<n>.png` segmentation masks and train/test lists. Only the photos are
used. Label = the photo's folder, ids in the reference's order (bikes, cars, people). As in
the reference, the suggested train/test lists are not used: every photo is divided by a hash
of its member path, after copies with the same pixels within a class are dropped (so that no
copy can end up in two splits).

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
generator order; of a group of copies, the one with the smallest member path is kept (the
reference kept the first in its generator order), and pixels are compared in RGB.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from nevis_datasets import toolkit

_BASE_URL = 'http://lear.inrialpes.fr/people/marszalek/data/ig02/'
# The reference's class order (also sorted); each class has its own archive.
CLASS_NAMES = ('bikes', 'cars', 'people')
_URLS = {name: f'{_BASE_URL}ig02-v1.0-{name}.zip' for name in CLASS_NAMES}
_IMAGE_SUFFIX = '.image.png'


def class_of(member: str) -> str | None:
  """The class of a photo member (`cars/carsgraz_001.image.png` -> cars), None for others.

  Raises:
    ValueError: a photo that is not directly in one of the class folders.
  """
  if not member.endswith(_IMAGE_SUFFIX):
    return None  # Masks, lists and read-me files.
  folder = posixpath.dirname(member)
  if folder not in CLASS_NAMES:
    raise ValueError(f'{member!r} is not in a class folder ({", ".join(CLASS_NAMES)})')
  return folder


class Ig02(toolkit.TaskBuilder):
  """IG02; photos read from the three zips, label from the folder, pixel copies dropped."""

  TASK = 'ig02'
  CLASS_NAMES = CLASS_NAMES

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    # Copies are found by pixels, as in the reference, because a re-saved PNG has other bytes;
    # the members come sorted, so of a group of copies the smallest member path is kept.
    yield from toolkit.dedup.unique_examples(self._photos(dl_manager))

  def _photos(self, dl_manager) -> Iterator[toolkit.Example]:
    for url in _URLS.values():
      archive = self.download(dl_manager, url)
      members = ((m.name, m) for m in toolkit.archives.zip_members(archive))
      yield from self.labelled_images(members, url, class_of)
