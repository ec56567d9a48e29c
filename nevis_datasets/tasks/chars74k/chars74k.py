"""Chars74K, English (de Campos, Babu & Varma 2009): 62 characters (0-9, A-Z, a-z).

Three tgz archives, each holding `English/<category>/...` with one `Sample<NNN>` folder per
character (Sample001-Sample062 = 0-9, A-Z, a-z, the source's order: label = NNN - 1):
`EnglishImg.tgz` (characters cut from photos: `Img/{GoodImg,BadImag}/Bmp/Sample<NNN>/*.png`,
with their masks under `Msk/`, not used), `EnglishHnd.tgz` (drawn on a tablet:
`Hnd/Img/Sample<NNN>/*.png`, with pen trajectories under `Trj/`, not used) and `EnglishFnt.tgz`
(computer fonts, grayscale: `Fnt/Sample<NNN>/*.png`). The tgz archives are extracted once (their
members are not random-access) and the PNGs read from there, stored as RGB. Repeated images
(same pixels and label) are dropped, keeping the first in member path order. The official
splits (Lists.tgz) are not used, as in the reference: images are divided by a hash of their path,
and Lists.tgz is not downloaded.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in an
order that varied between processes; the copy kept of a repeated image is fixed (the first by
path); Lists.tgz is not downloaded; a PNG outside the known layout stops the build.
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Iterator

from nevis_datasets import toolkit
from nevis_datasets.toolkit import trees

_BASE_URL = 'http://www.ee.surrey.ac.uk/CVSSP/demos/chars74k/'
# Sample001..Sample062, in the source's order.
CLASS_NAMES = tuple(string.digits + string.ascii_uppercase + string.ascii_lowercase)
_PNG = r'Sample(?P<sample>\d{3})/[^/]+\.png'


@dataclasses.dataclass(frozen=True)
class Category:
  """One archive: which of its PNGs are images of the task, and which are known not to be."""

  archive: str
  images: re.Pattern[str]
  others: re.Pattern[str] | None  # Masks, trajectories: PNGs of the archive, not images.

  @property
  def url(self) -> str:
    return _BASE_URL + self.archive

  def label_of(self, member: str) -> int | None:
    """The label of a PNG member; None for a PNG that is not an image (a mask).

    Raises:
      ValueError: a PNG outside the archive's layout, or a sample number outside 001-062.
    """
    match = self.images.fullmatch(member)
    if match is None:
      if self.others is not None and self.others.fullmatch(member):
        return None
      raise ValueError(f'{member!r} is not an image of the layout {self.images.pattern}')
    number = int(match['sample'])
    if not 1 <= number <= len(CLASS_NAMES):
      raise ValueError(f'{member!r}: Sample{number:03d} is not Sample001-Sample062')
    return number - 1


FNT = Category('EnglishFnt.tgz', re.compile(f'English/Fnt/{_PNG}'), None)
HND = Category('EnglishHnd.tgz', re.compile(f'English/Hnd/Img/{_PNG}'),
               re.compile('English/Hnd/Trj/.+'))
IMG = Category('EnglishImg.tgz', re.compile(f'English/Img/(?:GoodImg|BadImag)/Bmp/{_PNG}'),
               re.compile(f'English/Img/(?:GoodImg|BadImag)/Msk/{_PNG}'))
# In member path order ('English/Fnt' < 'English/Hnd' < 'English/Img'): the order in which
# repeated images are found, the first copy being kept.
CATEGORIES = (FNT, HND, IMG)


class Chars74k(toolkit.TaskBuilder):
  """Chars74K English; PNGs of the extracted archives, label from the sample folder, deduped."""

  TASK = 'chars74k'
  CLASS_NAMES = CLASS_NAMES

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    examples = []
    for category in CATEGORIES:
      root = self.download(dl_manager, category.url, extract=True)
      examples.extend(self.labelled_images(trees.extracted_files(root), category.archive,
                                           category.label_of, suffixes=('.png',)))
    # Decodes every image (the reference compares the RGB pixels): the one slow listing step.
    yield from toolkit.dedup.unique_examples(sorted(examples, key=lambda e: e.key))
