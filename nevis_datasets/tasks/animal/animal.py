"""ANIMAL (Bai, Liu & Tu): 2000 binary silhouettes of 20 animals, 100 each, in two zips.

`non_rigid_shape_A.zip` and `non_rigid_shape_B.zip` each hold `non_rigid_shape_<X>/<class>/
<file>` (TIFF silhouettes; the root folder's entry first, then the class folders). Their host
(xiang.bai.googlepages.com) is gone: the zips are placed in the manual dir, and read in place.
Label = the class folder; the 20 class names are read from the zips (the folders of the image
members of both) and ids follow their sorted order. The source has no split: images are divided
by a hash of their member path (which starts with the zip's root folder, so it is unique).

Differences from the reference (see README.md): label ids by sorted class names instead of the
arbitrary order of a Python set; splits by hash instead of a seeded draw in zip order; a member
outside `<root>/<class>/` stops the build with a message instead of an error or a spurious class.
"""

from __future__ import annotations

from collections.abc import Iterator

from absl import logging

from nevis_datasets import toolkit

_BASE_URL = 'http://xiang.bai.googlepages.com/'
# The zips' stems: also their root folders.
ROOTS = ('non_rigid_shape_A', 'non_rigid_shape_B')

MANUAL_INSTRUCTIONS = f"""\
The ANIMAL zips' host ({_BASE_URL}) is gone. Put copies of the two files, unrenamed and
unextracted, directly in the manual dir (the --manual_dir of `tfds build`, by default
<data_dir>/downloads/manual/): {', '.join(f'{root}.zip' for root in ROOTS)}. Their md5s are
checked (see nevis_datasets/catalog.py)."""


def class_of(member: str, root: str) -> str:
  """The class of a file member `<root>/<class>/<file>` of the zip whose root folder is `root`.

  Raises:
    ValueError: the member is not a file directly in a class folder under `root`.
  """
  parts = member.split('/')
  if len(parts) != 3 or parts[0] != root or not all(parts):
    raise ValueError(f'{member!r} is not a file in a class folder {root}/<class>/')
  return parts[1]


class Animal(toolkit.TaskBuilder):
  """ANIMAL; silhouettes read from the two zips, label from the class folder."""

  TASK = 'animal'
  CLASS_NAMES = None  # The class folders of the zips (`set_class_names`).
  GRAYSCALE = True  # Binary silhouettes.
  MANUAL_INSTRUCTIONS = MANUAL_INSTRUCTIONS

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    listed = []
    for root in ROOTS:
      archive = self.download(dl_manager, f'{_BASE_URL}{root}.zip')  # Read in place.
      with self.expected_content(f'{root}.zip'):
        members = toolkit.archives.zip_members(archive)
        listed.extend((member, class_of(member.name, root)) for member in members)
      logging.info('[%s] %s.zip: %d images.', self.TASK, root, len(members))
    self.set_class_names(sorted({name for _, name in listed}))
    for member, name in listed:
      yield toolkit.Example(key=member.name, image=member, label=name)
