"""KTH-TIPS2-b (colour, 200x200): 4752 photos of 11 materials, 4 physical samples each.

The tar holds `KTH-TIPS2-b/<material>/sample_<x>/<name>.png` (108 PNGs per sample, samples a-d).
Label = the material folder, the sample folder's parent, ids by the sorted material names (as
the reference). The source has no split: images are divided by a hash of their member path. The
tar is extracted once (tar members are not random-access) and the images are read from there.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
archive order; the 11 classes are fixed instead of read from the tar's directory entries; a PNG
outside `<material>/sample_<x>/` stops the build with a message instead of a bare `ValueError`.
"""

from __future__ import annotations

from collections.abc import Iterator

from nevis_datasets import toolkit
from nevis_datasets.toolkit import trees

_URL = 'https://www.csc.kth.se/cvap/databases/kth-tips/kth-tips2-b_col_200x200.tar'
_ARCHIVE = 'kth-tips2-b_col_200x200.tar'
_ROOT = 'KTH-TIPS2-b'
_SAMPLE_PREFIX = 'sample_'

# The material folders, sorted (the reference's order: sorted tar directory names).
CLASS_NAMES = ('aluminium_foil', 'brown_bread', 'corduroy', 'cork', 'cotton', 'cracker',
               'lettuce_leaf', 'linen', 'white_bread', 'wood', 'wool')


def material_of(member: str) -> str:
  """The material of a PNG member `KTH-TIPS2-b/<material>/sample_<x>/<name>.png`.

  Raises:
    ValueError: the member is not directly in a sample folder of one of the 11 materials.
  """
  parts = member.split('/')
  if (len(parts) != 4 or parts[0] != _ROOT or parts[1] not in CLASS_NAMES
      or not parts[2].startswith(_SAMPLE_PREFIX)):
    raise ValueError(f'{member!r} is not in a sample folder {_ROOT}/<material>/'
                     f'{_SAMPLE_PREFIX}<x>/ ({", ".join(CLASS_NAMES)})')
  return parts[1]


class KthTips2b(toolkit.TaskBuilder):
  """KTH-TIPS2-b; PNGs from the extracted tar, label from the material folder."""

  TASK = 'kth_tips_2b'
  CLASS_NAMES = CLASS_NAMES

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download(dl_manager, _URL, extract=True)
    yield from self.labelled_images(trees.extracted_files(root), _ARCHIVE, material_of,
                                    suffixes=('.png',))
