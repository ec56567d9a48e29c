"""Flickr Material Database (Sharan, Rosenholtz & Adelson): 1000 Flickr photos of 10 materials.

`FMD.zip` holds the photos as `image/<material>/<name>.jpg` (100 per material) and their
region masks as `mask/<material>/<name>.jpg`; only the photos are examples (the masks are not
used), read straight from the zip. MATLAB files and thumbnails (`.m`, `.asv`, `.db`) are not
images. Label = the material folder. The source has no split: photos are divided by a hash of
their member path.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
archive order; the 512x384 image size is not asserted; a photo outside the 10 material folders
stops the build with a message instead of a `ValueError` from `list.index`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nevis_datasets import toolkit

_URL = 'http://people.csail.mit.edu/celiu/CVPR2010/FMD/FMD.zip'
_IMAGE_FOLDER = 'image'
# The reference's filter of members that are not images (MATLAB scripts, backups, Thumbs.db).
_IGNORED = re.compile(r'\.asv$|\.m$|\.db$')

# The reference's list (already sorted).
CLASS_NAMES = ('fabric', 'foliage', 'glass', 'leather', 'metal', 'paper', 'plastic', 'stone',
               'water', 'wood')


def material(member: str) -> str | None:
  """The class of zip member `member` (`image/glass/glass_object_041_new.jpg` -> glass).

  Returns:
    None for members that are not photos: outside `image/` (the masks) or ignored files.

  Raises:
    ValueError: a photo not directly in one of the 10 material folders of `image/`.
  """
  parts = member.split('/')
  if parts[0] != _IMAGE_FOLDER or _IGNORED.search(member):
    return None
  if len(parts) != 3 or parts[1] not in CLASS_NAMES:
    raise ValueError(f'{member!r} is not in a material folder image/<material>/ '
                     f'({", ".join(CLASS_NAMES)})')
  return parts[1]


class FlickrMaterialDatabase(toolkit.TaskBuilder):
  """FMD; the photos under image/ read from the zip, label from the material folder."""

  TASK = 'flickr_material_database'
  CLASS_NAMES = CLASS_NAMES

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    archive = self.download(dl_manager, _URL)
    members = ((m.name, m) for m in toolkit.archives.zip_members(archive))
    yield from self.labelled_images(members, 'FMD.zip', material)
