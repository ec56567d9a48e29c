"""PASCAL VOC 2012 Actions: person crops labelled with the actions they perform (multi-label)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
import xml.etree.ElementTree as ET

from absl import logging
from etils import epath

from nevis_datasets import toolkit

# Only the trainval archive is used; the catalog's second download (VOC2012test.tar) is not.
_URL = 'http://pjreddie.com/media/files/VOCtrainval_11-May-2012.tar'
_ROOT = 'VOCdevkit/VOC2012'
_ACTION_SETS = f'{_ROOT}/ImageSets/Action'
_ANNOTATIONS = f'{_ROOT}/Annotations'
_IMAGES = f'{_ROOT}/JPEGImages'
# The source's action order; 'other' has no image list of its own.
ACTIONS = ('jumping', 'phoning', 'playinginstrument', 'reading', 'ridingbike', 'ridinghorse',
           'running', 'takingphoto', 'usingcomputer', 'walking', 'other')
_LISTED_ACTIONS = ACTIONS[:-1]
Box = tuple[int, int, int, int]  # (xmin, ymin, xmax, ymax), as PIL's crop takes it.


@dataclasses.dataclass(frozen=True)
class Person:
  """One annotated person: its 1-based `<object>` position, crop box and active actions."""

  index: int
  box: Box
  actions: tuple[str, ...]


def image_ids(action_list_texts: Sequence[str]) -> list[str]:
  """Sorted union of the image ids (first token of each line) of `<action>_trainval.txt` files."""
  return sorted({line.split()[0] for text in action_list_texts
                 for line in text.splitlines() if line.strip()})


def parse_persons(xml: str | bytes) -> list[Person]:
  """The `<object>`s of a VOC annotation that carry `<actions>`, with the actions flagged 1."""
  persons = []
  for index, element in enumerate(ET.fromstring(xml).findall('object'), start=1):
    actions = element.find('actions')
    if actions is None:  # Not an action annotation (e.g. an object of the detection task).
      continue
    flags = {flag.tag: int(flag.text.strip()) for flag in actions}
    box = element.find('bndbox')
    persons.append(Person(
        index=index,
        box=tuple(int(float(box.findtext(side))) for side in ('xmin', 'ymin', 'xmax', 'ymax')),
        actions=tuple(action for action in ACTIONS if flags.get(action) == 1),
    ))
  return persons


class VocActions(toolkit.TaskBuilder):
  """One example per annotated person of the trainval action images, cropped by its box."""

  TASK = 'voc_actions'
  CLASS_NAMES = list(ACTIONS)

  def _examples(self, dl_manager):
    root = self.download(dl_manager, _URL, extract=True)
    texts = []
    for action in _LISTED_ACTIONS:
      path = root / _ACTION_SETS / f'{action}_trainval.txt'
      if not path.exists():
        raise toolkit.CorruptDataError(
            f'[{self.TASK}] {_URL} has no {_ACTION_SETS}/{path.name}: the download is incomplete. '
            'Delete it from the download dir and build again.')
      texts.append(path.read_text())
    for image_id in image_ids(texts):
      yield from self._person_examples(root, image_id)

  def _person_examples(self, root: epath.Path, image_id: str) -> Iterator[toolkit.Example]:
    annotation = root / _ANNOTATIONS / f'{image_id}.xml'
    if not annotation.exists():  # The reference skips these too.
      logging.warning('[%s] no annotation %s: image skipped.', self.TASK, annotation)
      return
    try:
      persons = parse_persons(annotation.read_bytes())
    except (ET.ParseError, AttributeError, TypeError, ValueError) as e:
      raise toolkit.CorruptDataError(
          f'[{self.TASK}] cannot read the person annotations of {_ANNOTATIONS}/{image_id}.xml '
          f'({e}): the download is probably corrupt. Delete it and build again.') from e
    image_path = root / _IMAGES / f'{image_id}.jpg'
    if not image_path.exists():
      raise toolkit.CorruptDataError(
          f'[{self.TASK}] {_IMAGES}/{image_id}.jpg is missing from {_URL}: the download is '
          'incomplete. Delete it from the download dir and build again.')
    for person in persons:
      key = f'{image_id}/{person.index}'
      xmin, ymin, xmax, ymax = person.box
      if xmax <= xmin or ymax <= ymin:
        logging.warning('[%s] empty box %s for %s: person skipped.', self.TASK, person.box, key)
        continue
      # Cropped when encoded, so no pixels are held while listing; an undecodable JPEG makes
      # each of its persons a skipped, counted image.
      yield toolkit.Example(key=key, image=toolkit.images.Crop(image_path, person.box),
                            label=list(person.actions))
