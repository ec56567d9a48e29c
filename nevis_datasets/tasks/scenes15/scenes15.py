"""15 Scene Categories (Lazebnik, Schmid & Ponce): grayscale photos of 15 indoor/outdoor scenes.

The images are grayscale JPEGs and the reference converts them to 'L': the task is grayscale by
definition. Label = the image's folder (`bedroom/image_0001.jpg` -> bedroom), ids in the
reference's fixed order. The source has no split: images are divided by a hash of their member
path. Images are read straight from the zip.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
archive order; only JPEG members are images, and a JPEG outside the 15 class folders stops the
build with a message instead of a `KeyError`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from nevis_datasets import toolkit

_URL = ('https://web.archive.org/web/20070829035029/http://www-cvr.ai.uiuc.edu/ponce_grp/data/'
        'scene_categories/scene_categories.zip')

# The reference's `labels` list, in its id order (kept so that ids match the reference).
CLASS_NAMES = ('PARoffice', 'kitchen', 'MITinsidecity', 'MITforest', 'MITcoast', 'MITstreet',
               'store', 'industrial', 'bedroom', 'MITmountain', 'MIThighway', 'MITopencountry',
               'CALsuburb', 'MITtallbuilding', 'livingroom')


def class_of(member: str) -> str:
  """The class of a JPEG member: its folder, which must be a top-level class folder.

  Raises:
    ValueError: the member is not directly in one of the 15 class folders.
  """
  folder = posixpath.dirname(member)
  if folder not in CLASS_NAMES:
    raise ValueError(f'{member!r} is not in a class folder ({", ".join(sorted(CLASS_NAMES))})')
  return folder


class Scenes15(toolkit.TaskBuilder):
  """15 Scenes; grayscale JPEGs read from the zip, label from the folder."""

  TASK = 'scenes15'
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    archive = self.download(dl_manager, _URL)
    members = ((m.name, m) for m in toolkit.archives.zip_members(archive))
    yield from self.labelled_images(members, 'scene_categories.zip', class_of,
                                    suffixes=('.jpg',))
