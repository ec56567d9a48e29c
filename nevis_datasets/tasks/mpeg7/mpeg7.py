"""MPEG-7 CE-Shape-1 Part B: 1400 binary shape silhouettes, 70 classes of 20 (Temple copy).

Label = the file name up to the first '-' (`lizzard-13.gif` -> `lizzard`). The archive also
holds six files that are not shapes (`confusions.*`, `shapedata.*`), left out as in the
reference. Class names keep the archive's case (`Bone`, `HCircle`, ...); ids follow Python's
sorted order of the names, as in the reference (upper case first).

Differences from the reference (see README.md): splits by a hash of the member path instead of
a seeded draw in archive order; a fixed class list, so a directory entry in the archive cannot
add an empty-string class and shift the ids as it would in the reference.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from nevis_datasets import toolkit

_URL = 'https://dabi.temple.edu/external/shape/MPEG7/MPEG7dataset.zip'
# Files that are not shapes: the reference skips names containing these.
_NOT_SHAPES = ('confusion', 'shapedata')

CLASS_NAMES = (
    'Bone', 'Comma', 'Glas', 'HCircle', 'Heart', 'Misk', 'apple', 'bat', 'beetle', 'bell', 'bird',
    'bottle', 'brick', 'butterfly', 'camel', 'car', 'carriage', 'cattle', 'cellular_phone',
    'chicken', 'children', 'chopper', 'classic', 'crown', 'cup', 'deer', 'device0', 'device1',
    'device2', 'device3', 'device4', 'device5', 'device6', 'device7', 'device8', 'device9', 'dog',
    'elephant', 'face', 'fish', 'flatfish', 'fly', 'fork', 'fountain', 'frog', 'guitar', 'hammer',
    'hat', 'horse', 'horseshoe', 'jar', 'key', 'lizzard', 'lmfish', 'octopus', 'pencil',
    'personal_car', 'pocket', 'rat', 'ray', 'sea_snake', 'shoe', 'spoon', 'spring', 'stef',
    'teddy', 'tree', 'truck', 'turtle', 'watch',
)


def shape_class(member: str) -> str | None:
  """The class of archive member `member`, or None for the files that are not shapes.

  Raises:
    ValueError: a shape file whose name does not start with a known class.
  """
  label = posixpath.basename(member).split('-')[0]
  if any(word in label for word in _NOT_SHAPES):
    return None
  if label not in CLASS_NAMES:
    raise ValueError(f'{member!r} is not named <class>-<n>.gif with a known class')
  return label


class Mpeg7(toolkit.TaskBuilder):
  """MPEG-7; images read straight from the zip, label from the file name."""

  TASK = 'mpeg7'
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    archive = self.download(dl_manager, _URL)
    members = ((m.name, m) for m in toolkit.archives.zip_members(archive))
    yield from self.labelled_images(members, 'MPEG7dataset.zip', shape_class)
