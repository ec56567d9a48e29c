"""KTH-TIPS (colour, 200x200): 810 photos of 10 materials under varying scale, pose and light.

The tar holds `KTH_TIPS/<material>/<name>.png`, 81 PNGs per material. Label = the material
folder, ids by the sorted folder names (as the reference). The source has no split: images are
divided by a hash of their member path. The tar is extracted once (tar members are not
random-access) and the images are read from the extraction.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
archive order; the 10 classes are fixed instead of read from the tar's directory entries; a PNG
outside the material folders stops the build with a message instead of a bare `ValueError`.
"""

from __future__ import annotations

from collections.abc import Iterator

from nevis_datasets import toolkit
from nevis_datasets.toolkit import trees

_URL = 'https://www.csc.kth.se/cvap/databases/kth-tips/kth_tips_col_200x200.tar'
_ARCHIVE = 'kth_tips_col_200x200.tar'
_ROOT = 'KTH_TIPS'

# The material folders, sorted (the reference's order: sorted tar directory names).
CLASS_NAMES = ('aluminium_foil', 'brown_bread', 'corduroy', 'cotton', 'cracker', 'linen',
               'orange_peel', 'sandpaper', 'sponge', 'styrofoam')


def material_of(member: str) -> str:
  """The material of a PNG member `KTH_TIPS/<material>/<name>.png`.

  Raises:
    ValueError: the member is not directly in one of the 10 material folders of `KTH_TIPS/`.
  """
  parts = member.split('/')
  if len(parts) != 3 or parts[0] != _ROOT or parts[1] not in CLASS_NAMES:
    raise ValueError(f'{member!r} is not in a material folder {_ROOT}/<material>/ '
                     f'({", ".join(CLASS_NAMES)})')
  return parts[1]


class KthTips(toolkit.TaskBuilder):
  """KTH-TIPS colour; PNGs from the extracted tar, label from the material folder."""

  TASK = 'kth_tips'
  CLASS_NAMES = CLASS_NAMES

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download(dl_manager, _URL, extract=True)
    yield from self.labelled_images(trees.extracted_files(root), _ARCHIVE, material_of,
                                    suffixes=('.png',))
