"""Caltech categories (Weber, Welling and Perona): rear views of cars and side views of motorbikes.

Three Caltech archives, each a zip around a tar of JPEGs: Cars 1999 (`cars_markus.tar`) and
Cars 2001 (`cars_brad.tar`) give class `car`, Motorbikes 2001 (`motorbikes_side.tar`) class
`motorcycle`. The source has no split: images are divided by a hash of their key
`<category>/<member path>`.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
archive order; the faces archive, downloaded and never read by the reference, is not downloaded.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from nevis_datasets import toolkit
from nevis_datasets.toolkit import trees

CLASS_NAMES = ('car', 'motorcycle')  # Sorted, as in the reference.
# The reference's filter of tar members that are not images.
_IGNORED = re.compile(r'^README$|\.mat$')


@dataclasses.dataclass(frozen=True)
class Category:
  """One Caltech archive: a zip holding one tar of images of one class."""

  name: str  # The reference's category id, the first part of each example key.
  url: str
  tar: str  # The tar's path inside the zip.
  label: str


# In the reference's generation order (sorted category ids).
CATEGORIES = (
    Category('cars_1999',
             'https://data.caltech.edu/records/fmbpr-ezq86/files/Cars_1999.zip?download=1',
             'Cars_1999/cars_markus.tar', 'car'),
    Category('cars_2001',
             'https://data.caltech.edu/records/dvx6b-vsc46/files/Cars_2001.zip?download=1',
             'Cars_2001/cars_brad.tar', 'car'),
    Category('motorcycles_2001',
             'https://data.caltech.edu/records/pxb2q-1e144/files/motorbikes_side.zip?download=1',
             'motorbikes_side/motorbikes_side.tar', 'motorcycle'),
)


class CaltechCategories(toolkit.TaskBuilder):
  """Every image of the three tars, labelled by the archive it comes from."""

  TASK = 'caltech_categories'
  CLASS_NAMES = CLASS_NAMES

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    for category in CATEGORIES:
      yield from self._category(dl_manager, category)

  def _category(self, dl_manager, category: Category) -> Iterator[toolkit.Example]:
    unzipped = self.download(dl_manager, category.url, extract=True)
    tar = unzipped / category.tar
    if not tar.exists():
      raise toolkit.CorruptDataError(
          f'[{self.TASK}] {category.url} has no {category.tar}: the download is incomplete or '
          'the archive changed upstream. Delete it from the download dir and build again.')
    for key, path in trees.extracted_files(self.extract(dl_manager, tar)):
      if not _IGNORED.search(key):
        yield toolkit.Example(key=f'{category.name}/{key}', image=path, label=category.label)
