"""PASCAL VOC 2005 classification: cars, motorbikes, bikes and people, one class per image.

Label = the class of the image folder (`VOC2005_1/PNGImages/TUGraz_bike/...` -> bike), from the
reference's folder lists; ids in the reference's order car, motorbike, bike, person. Set 1
(`voc2005_1.tar.gz`) is divided into train/dev/dev_test by a hash of the member path; set 2
(`voc2005_2.tar.gz`) is the test split.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
archive order; an image matched by no listed folder is simply not used, and a listed folder
without images stops the build with a message instead of an `AssertionError`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import trees

_TRAIN_URL = 'http://host.robots.ox.ac.uk/pascal/VOC/download/voc2005_1.tar.gz'
_TEST_URL = 'http://host.robots.ox.ac.uk/pascal/VOC/download/voc2005_2.tar.gz'

# The reference's label_to_id order.
CLASS_NAMES = ('car', 'motorbike', 'bike', 'person')

# Class -> image folders, as listed by the reference (matched as prefixes of member paths).
TRAIN_FOLDERS: Mapping[str, Sequence[str]] = {
    'car': ('VOC2005_1/PNGImages/Caltech_cars', 'VOC2005_1/PNGImages/ETHZ_sideviews-cars',
            'VOC2005_1/PNGImages/TUGraz_cars'),
    'motorbike': ('VOC2005_1/PNGImages/Caltech_motorbikes_side',),
    'bike': ('VOC2005_1/PNGImages/TUGraz_bike',),
    'person': ('VOC2005_1/PNGImages/TUGraz_person',),
}
TEST_FOLDERS: Mapping[str, Sequence[str]] = {
    'car': ('VOC2005_2/PNGImages/car', 'VOC2005_2/PNGImages/voiture'),
    'motorbike': ('VOC2005_2/PNGImages/motocyclette', 'VOC2005_2/PNGImages/motorbike',
                  'VOC2005_2/PNGImages/motorcycle'),
    'bike': ('VOC2005_2/PNGImages/bicycle', 'VOC2005_2/PNGImages/bike',
             'VOC2005_2/PNGImages/velo'),
    'person': ('VOC2005_2/PNGImages/INRIA_graz-person-test',
               'VOC2005_2/PNGImages/INRIA_inria-person-test', 'VOC2005_2/PNGImages/pedestrian',
               'VOC2005_2/PNGImages/pieton'),
}


def class_of(key: str, folders: Mapping[str, Sequence[str]]) -> tuple[str, str] | None:
  """`(class, folder)` of the listed folder that member path `key` starts with, else None.

  As in the reference, a folder is a prefix of the member path and only names ending in 'png'
  are images. No listed folder is a prefix of another one, so at most one class matches.
  """
  if not key.endswith('png'):
    return None
  for name, prefixes in folders.items():
    for prefix in prefixes:
      if key.startswith(prefix):
        return name, prefix
  return None


class PascalVoc2005(toolkit.TaskBuilder):
  """VOC 2005 sets 1 (train part) and 2 (test), from the extracted archives."""

  TASK = 'pascal_voc2005'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    yield from self._set(dl_manager, _TRAIN_URL, TRAIN_FOLDERS, 'train')
    yield from self._set(dl_manager, _TEST_URL, TEST_FOLDERS, 'test')

  def _set(self, dl_manager, url: str, folders: Mapping[str, Sequence[str]],
           source_split: str) -> Iterator[toolkit.Example]:
    root = self.download(dl_manager, url, extract=True)
    examples = []
    used = set()
    for key, path in trees.extracted_files(root):
      match = class_of(key, folders)
      if match is not None:
        used.add(match[1])
        examples.append(toolkit.Example(key=key, image=path, label=match[0],
                                        source_split=source_split))
    missing = sorted({p for prefixes in folders.values() for p in prefixes} - used)
    if missing:
      raise toolkit.CorruptDataError(
          f'[{self.TASK}] {url} has no PNG images in {", ".join(missing)}: the download is '
          'incomplete or not the VOC 2005 archive. Delete it from the download dir and build '
          'again.')
    yield from examples
