"""Butterflies (Lazebnik, Schmid & Ponce, BMVC 2004): 619 photos of 7 butterfly species.

Label = the species folder. Test = the 10 images per class listed by the authors
(`butterflies_f_order.txt`), as in the reference; the other images are divided into
train/dev/dev_test by a stable hash of their path.

Differences from the reference (see README.md): ids by sorted species name (the reference used
the iteration order of a Python set, which changes between processes); train/dev/dev_test by
hash instead of a seeded draw in archive order.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from nevis_datasets import toolkit

_URL = ('https://web.archive.org/web/20070829035029/'
        'http://www-cvr.ai.uiuc.edu/ponce_grp/data/butterflies/butterflies.zip')
_FILE_NAME = re.compile(r'[a-z]+(\d+)\.jpg')

# Image numbers of the test images of each class (the reference's hard-coded lists).
TEST_IMAGES = {
    'admiral': frozenset({14, 103, 41, 86, 9, 53, 6, 55, 66, 92}),
    'black_swallowtail': frozenset({25, 41, 2, 22, 31, 15, 28, 35, 4, 27}),
    'machaon': frozenset({12, 24, 20, 52, 53, 29, 82, 25, 83, 14}),
    'monarch_closed': frozenset({29, 9, 58, 72, 23, 44, 67, 36, 27, 28}),
    'monarch_open': frozenset({46, 35, 58, 8, 76, 21, 34, 15, 83, 78}),
    'peacock': frozenset({1, 96, 131, 124, 22, 59, 126, 52, 20, 86}),
    'zebra': frozenset({57, 18, 21, 26, 43, 78, 31, 90, 6, 75}),
}
CLASS_NAMES = tuple(sorted(TEST_IMAGES))


def parse_member(name: str) -> tuple[str, str]:
  """`'<species>/<prefix><number>.jpg'` -> (species, 'test' or 'train').

  Raises:
    ValueError: the member is not a numbered JPEG in a known species folder.
  """
  species = posixpath.basename(posixpath.dirname(name))
  match = _FILE_NAME.search(posixpath.basename(name))
  if species not in TEST_IMAGES or not match:
    raise ValueError(f'{name!r} is not <species>/<name><number>.jpg with a known species')
  return species, 'test' if int(match.group(1)) in TEST_IMAGES[species] else 'train'


class Butterflies(toolkit.TaskBuilder):
  """Butterflies; images read straight from the zip, the authors' test lists kept."""

  TASK = 'butterflies'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = toolkit.splits.TRAIN_TEST

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    archive = self.download(dl_manager, _URL)
    for member in toolkit.archives.zip_members(archive):
      with self.expected_content('butterflies.zip'):
        species, source_split = parse_member(member.name)
      yield toolkit.Example(key=member.name, image=member, label=species,
                            source_split=source_split)
