"""Office-Caltech-10 (Gong et al.): the 10 classes shared by Office-31 and Caltech-256.

A domain-shift task: train and dev are Office-31 photos (all three domains, amazon, dslr and
webcam: `<domain>/images/<class>/frame_<NNNN>.jpg` in `domain_adaptation_images.tar.gz`),
dev_test and test are Caltech-256 photos of the same 10 classes (the tar shared with caltech256,
extracted once per download dir). Office images are divided 0.8/0.2 into train/dev and Caltech
images 0.5/0.5 into dev_test/test, by a hash of their keys `office31/<member>` and
`caltech256/<member>`. Labels are the Office class names, in the reference's order.

Differences from the reference (see README.md): splits by hash instead of seeded draws in
archive order; the class names recorded are the Office ones (the reference recorded the Caltech
ones, with the same ids).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from absl import logging

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import trees
from nevis_datasets.toolkit.sources import caltech256

_OFFICE_URL = ('https://drive.google.com/u/0/uc?id=0B4IapRTv9pJ1WGZVd1VDMmhwdlE'
               '&export=download&confirm=y')
_OFFICE_ARCHIVE = 'domain_adaptation_images.tar.gz'  # Its catalog file name.
_CALTECH_ARCHIVE = '256_ObjectCategories.tar'
# The reference's Office member pattern: domain, class folder, frame number.
_OFFICE_MEMBER = re.compile(r'(\w+)/images/(.+)/frame_(\d\d\d\d)\.jpg')
OFFICE_DOMAINS = ('amazon', 'dslr', 'webcam')

# The Office-Caltech-10 standard classes, in the reference's id order (not sorted), under their
# Office-31 names, each with its Caltech-256 folder name.
CLASSES = (
    ('back_pack', 'backpack'),
    ('bike', 'touring-bike'),
    ('calculator', 'calculator'),
    ('headphones', 'head-phones'),
    ('keyboard', 'computer-keyboard'),
    ('laptop_computer', 'laptop-101'),
    ('monitor', 'computer-monitor'),
    ('mouse', 'computer-mouse'),
    ('mug', 'coffee-mug'),
    ('projector', 'video-projector'),
)
CLASS_NAMES = tuple(office for office, _ in CLASSES)
_OFFICE_OF_CALTECH = {caltech: office for office, caltech in CLASSES}

# Source parts: Office-31 -> train/dev, Caltech-256 -> dev_test/test, as in the reference.
OFFICE = 'office'
CALTECH = 'caltech'
SPLIT_RULE = splits.SplitRule(hashed={
    OFFICE: splits.TRAIN_AND_DEV_FRACTIONS,
    CALTECH: {splits.DEV_TEST: 0.5, splits.TEST: 0.5},
})


def office_class(member: str) -> str | None:
  """The class of an Office-31 image of the 10 classes; None for any other member.

  Raises:
    ValueError: an image outside the three Office-31 domains.
  """
  match = _OFFICE_MEMBER.fullmatch(member)
  if match is None:
    return None
  domain, name = match.group(1), match.group(2)
  if domain not in OFFICE_DOMAINS:
    raise ValueError(f'{member!r} is in domain {domain!r}, not one of {", ".join(OFFICE_DOMAINS)}')
  return name if name in CLASS_NAMES else None


class OfficeCaltech10(toolkit.TaskBuilder):
  """Office-31 images for train/dev, Caltech-256 images for dev_test/test; 10 shared classes."""

  TASK = 'office_caltech_10'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = SPLIT_RULE

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    yield from self._office(dl_manager)
    yield from self._caltech(dl_manager)

  def _office(self, dl_manager) -> Iterator[toolkit.Example]:
    others = 0
    for member, path in trees.extracted_files(
        self.download(dl_manager, _OFFICE_URL, extract=True)):
      with self.expected_content(_OFFICE_ARCHIVE):
        label = office_class(member)
      if label is None:
        others += 1
        continue
      yield toolkit.Example(key=f'office31/{member}', image=path, label=label,
                            source_split=OFFICE)
    logging.info('[%s] %d member(s) of %s are not images of the 10 classes: not used.',
                 self.TASK, others, _OFFICE_ARCHIVE)

  def _caltech(self, dl_manager) -> Iterator[toolkit.Example]:
    extracted = self.download(dl_manager, caltech256.URL, extract=True)
    with self.expected_content(_CALTECH_ARCHIVE):
      for image in caltech256.list_images(self.TASK, extracted):
        if image.name in _OFFICE_OF_CALTECH:
          yield toolkit.Example(key=f'caltech256/{image.member}', image=image.path,
                                label=_OFFICE_OF_CALTECH[image.name], source_split=CALTECH)
