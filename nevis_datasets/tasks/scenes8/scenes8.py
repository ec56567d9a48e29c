"""8 Scene Dataset (Oliva & Torralba, spatial envelope): 256x256 colour photos of 8 outdoor scenes.

Label = the file name's prefix before the first '_' (`coast_arnat59.jpg` -> coast), ids in the
reference's fixed order. The source has no split: images are divided by a hash of their member
path. Images are read straight from the zip.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
archive order; only JPEG members are images (anything else is left out instead of failing to
decode), and a JPEG whose name has no known class prefix stops the build with a message
instead of a `KeyError`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from absl import logging

from nevis_datasets import toolkit

_URL = ('https://people.csail.mit.edu/torralba/code/spatialenvelope/'
        'spatial_envelope_256x256_static_8outdoorcategories.zip')

# The reference's `labels` list, in its id order (kept so that ids match the reference).
CLASS_NAMES = ('highway', 'street', 'tallbuilding', 'forest', 'insidecity', 'opencountry',
               'mountain', 'coast')


def class_of(member: str) -> str:
  """The class of a JPEG member: its file name's prefix before the first '_'.

  Raises:
    ValueError: the prefix is not one of the 8 classes.
  """
  prefix = posixpath.basename(member).split('_', 1)[0]
  if prefix not in CLASS_NAMES:
    raise ValueError(f'{member!r} does not start with a class name ({", ".join(CLASS_NAMES)})')
  return prefix


class Scenes8(toolkit.TaskBuilder):
  """8 Scene Dataset; JPEGs read from the zip, label from the file name."""

  TASK = 'scenes8'
  CLASS_NAMES = CLASS_NAMES

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    archive = self.download(dl_manager, _URL)
    for member in toolkit.archives.zip_members(archive):
      if not member.name.lower().endswith('.jpg'):
        logging.info('[%s] %s is not a JPEG: not used.', self.TASK, member.name)
        continue
      with self.expected_content(_URL):
        label = class_of(member.name)
      yield toolkit.Example(key=member.name, image=member, label=label)
