"""PASCAL VOC 2006 classification, as a single-label task: 10 object classes.

Each class has an image list `VOCdevkit/VOC2006/ImageSets/<class>_{trainval,test}.txt` of
`<image id> <flag>` lines (1 present, -1 absent, 0 difficult). An image gets a class where its
flag is 1; images with no such flag are not used. An image flagged 1 for several classes gets
the LAST of them in the sorted class order (e.g. person + horse -> person). trainval
(`voc2006_trainval.tar`) is divided into train/dev/dev_test by a hash of the member path;
`voc2006_test.tar` is the test split.

Differences from the reference (see README.md): class ids are the sorted class names instead
of the order of the list files in the tar (the same ids wherever that order is alphabetical);
the class of a multi-class image is a fixed rule instead of whichever list file comes last in
the tar; splits by hash instead of a seeded draw in archive order; list lines are parsed by
fields instead of by their last characters.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from etils import epath

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_TRAINVAL_URL = 'http://host.robots.ox.ac.uk/pascal/VOC/download/voc2006_trainval.tar'
_TEST_URL = 'http://host.robots.ox.ac.uk/pascal/VOC/download/voc2006_test.tar'
_ROOT = 'VOCdevkit/VOC2006'
_IMAGE_SETS = f'{_ROOT}/ImageSets'
_IMAGES = f'{_ROOT}/PNGImages'

# Sorted; the ids the reference gets where its tar lists the class files alphabetically.
CLASS_NAMES = ('bicycle', 'bus', 'car', 'cat', 'cow', 'dog', 'horse', 'motorbike', 'person',
               'sheep')


def parse_line(line: str) -> tuple[str, int]:
  """`'000005  1'` -> ('000005', 1).

  Raises:
    ValueError: not an `<image id> <flag>` line with a flag in -1, 0, 1.
  """
  image_id, flag = line.split()
  value = int(flag)
  if value not in (-1, 0, 1):
    raise ValueError(f'flag {flag!r} is not -1, 0 or 1')
  return image_id, value


def single_labels(positives: Mapping[str, set[str]]) -> dict[str, str]:
  """Image id -> its class, from class -> ids flagged 1: the last such class in CLASS_NAMES.

  The rule reproduces the reference's "last list file read wins" for a tar whose list files
  come in sorted order, without depending on the order of the archive.
  """
  labels = {}
  for name in CLASS_NAMES:  # Later classes overwrite earlier ones.
    for image_id in positives.get(name, ()):
      labels[image_id] = name
  return labels


class PascalVoc2006(toolkit.TaskBuilder):
  """VOC 2006 trainval (train part) and test, from the extracted tars."""

  TASK = 'pascal_voc2006'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    yield from self._set(dl_manager, _TRAINVAL_URL, 'trainval', 'train')
    yield from self._set(dl_manager, _TEST_URL, 'test', 'test')

  def _set(self, dl_manager, url: str, image_set: str,
           source_split: str) -> Iterator[toolkit.Example]:
    root = self.download(dl_manager, url, extract=True)
    positives = {name: self._positives(root, url, f'{name}_{image_set}.txt')
                 for name in CLASS_NAMES}
    for image_id, label in sorted(single_labels(positives).items()):
      key = f'{_IMAGES}/{image_id}.png'
      path = root / key
      if not path.exists():
        raise toolkit.CorruptDataError(
            f'[{self.TASK}] {key} is listed in {_IMAGE_SETS} but missing from {url}: the '
            'download is incomplete. Delete it from the download dir and build again.')
      yield toolkit.Example(key=key, image=path, label=label, source_split=source_split)

  def _positives(self, root: epath.Path, url: str, file_name: str) -> set[str]:
    path = root / _IMAGE_SETS / file_name
    if not path.exists():
      raise toolkit.CorruptDataError(
          f'[{self.TASK}] {url} has no {_IMAGE_SETS}/{file_name}: the download is incomplete '
          'or not the VOC 2006 archive. Delete it from the download dir and build again.')
    lines = path.read_text().splitlines()
    return {image_id for _, (image_id, flag) in toolkit.text.parsed_lines(
        self.TASK, lines, file_name, parse_line, "an '<image id> <flag>' line")
            if flag == 1}
