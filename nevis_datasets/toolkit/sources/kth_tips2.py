"""The KTH-TIPS2 tars, read by two tasks: `kth_tips_2a` and `kth_tips_2b`.

Shared source knowledge lives here, in the toolkit, so that neither task module imports the
other. KTH-TIPS2-a and KTH-TIPS2-b (Caputo, Hayman & Mallikarjuna, KTH CVAP) photograph the same
11 materials, 4 physical samples each (folders `sample_a` .. `sample_d`), under 9 scales x 12
pose/illumination conditions, cropped to 200x200. Each colour tar holds
`<root>/<material>/sample_<x>/<CC><x>-scale_<s>_im_<i>_col.png` (`<CC>`: the material's CUReT
number), with directory entries for every folder. The two sets differ in their samples (2-a
misses some scales of some samples), not in their layout or material names. The reference reads
both with one handler (dm_nevis `kth_tips.py`): the label is the material folder.
"""

from __future__ import annotations

import dataclasses

# The material folders, sorted (the reference's order: sorted tar directory names). The same 11
# in both sets.
CLASS_NAMES = ('aluminium_foil', 'brown_bread', 'corduroy', 'cork', 'cotton', 'cracker',
               'lettuce_leaf', 'linen', 'white_bread', 'wood', 'wool')
_SAMPLE_PREFIX = 'sample_'


@dataclasses.dataclass(frozen=True)
class Tar:
  """One KTH-TIPS2 colour tar: where it is, and the folder everything in it sits under."""

  url: str  # As in the catalog.
  file_name: str  # Its catalog file name.
  root: str  # Its top-level folder.

  def material_of(self, member: str) -> str:
    """The material of a PNG member `<root>/<material>/sample_<x>/<name>.png`.

    Raises:
      ValueError: the member is not directly in a sample folder of one of the 11 materials.
    """
    parts = member.split('/')
    if (len(parts) != 4 or parts[0] != self.root or parts[1] not in CLASS_NAMES
        or not parts[2].startswith(_SAMPLE_PREFIX)):
      raise ValueError(f'{member!r} is not in a sample folder {self.root}/<material>/'
                       f'{_SAMPLE_PREFIX}<x>/ ({", ".join(CLASS_NAMES)})')
    return parts[1]


KTH_TIPS2_A = Tar(
    url='https://www.csc.kth.se/cvap/databases/kth-tips/kth-tips2-a_col_200x200.tar',
    file_name='kth-tips2-a_col_200x200.tar',
    root='KTH-TIPS2-a',
)
KTH_TIPS2_B = Tar(
    url='https://www.csc.kth.se/cvap/databases/kth-tips/kth-tips2-b_col_200x200.tar',
    file_name='kth-tips2-b_col_200x200.tar',
    root='KTH-TIPS2-b',
)
