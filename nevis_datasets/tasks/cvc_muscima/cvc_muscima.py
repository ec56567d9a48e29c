"""CVC-MUSCIMA: 1000 handwritten music-score pages (50 writers x the same 20 pages).

`CVCMUSCIMA_WI.zip` holds each page in three flavours, `CVCMUSCIMA_WI/PNG_GT_{Gray,BW,NoStaff}/
w-<NN>/p<NNN>.png`; only the grayscale pages (`PNG_GT_Gray`) are used, whole, read in place from
the zip. Label = the writer folder `w-NN`, in the reference's fixed (unsorted) order. Splits:
`Partitions_Set.zip` holds `Partitions_Set/set_2_Independent/set_2_{training,testing}_01.txt`,
one `w-NN/pNNN.png` entry a line; training pages are divided into train/dev/dev_test by a hash of
the member path, testing pages are test. Pages in neither list are left out, as in the reference.

Differences from the reference (see README.md): train/dev/dev_test by hash instead of a seeded
draw in archive order; an entry missing from the zip, an entry in both lists, a malformed entry or
a grayscale member outside `w-NN/<name>.png` stops the build (the reference ignored the first
two silently and crashed or mislabelled on the others).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from absl import logging

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_IMAGES_URL = 'http://wwwo.cvc.uab.es/cvcmuscima/CVCMUSCIMA_WI.zip'
_PARTITIONS_URL = 'http://wwwo.cvc.uab.es/cvcmuscima/Partitions_Set.zip'
_IMAGES_ZIP = 'CVCMUSCIMA_WI.zip'
_PARTITIONS_ZIP = 'Partitions_Set.zip'
GRAY_PREFIX = 'CVCMUSCIMA_WI/PNG_GT_Gray/'
# Partition list -> the source split of its pages.
PARTITIONS = {
    'Partitions_Set/set_2_Independent/set_2_training_01.txt': 'train',
    'Partitions_Set/set_2_Independent/set_2_testing_01.txt': 'test',
}
# The reference's label order (`_LABELS` of its handler): a source-defined order, kept.
CLASS_NAMES = (
    'w-23', 'w-14', 'w-18', 'w-11', 'w-40', 'w-42', 'w-28', 'w-03', 'w-05',
    'w-34', 'w-36', 'w-37', 'w-12', 'w-31', 'w-06', 'w-22', 'w-25', 'w-21',
    'w-38', 'w-48', 'w-32', 'w-07', 'w-39', 'w-15', 'w-10', 'w-17', 'w-45',
    'w-50', 'w-02', 'w-08', 'w-01', 'w-20', 'w-35', 'w-29', 'w-46', 'w-47',
    'w-13', 'w-30', 'w-33', 'w-09', 'w-16', 'w-49', 'w-43', 'w-44', 'w-24',
    'w-19', 'w-04', 'w-26', 'w-41', 'w-27',
)
# `<writer>/<page>.png`, the form of list entries and of a grayscale member below GRAY_PREFIX.
_ENTRY = re.compile(r'(w-\d\d)/([^/]+\.png)')


def writer_of(entry: str) -> str:
  """The writer of `w-NN/<page>.png` (a list entry, or a member path below GRAY_PREFIX).

  Raises:
    ValueError: not of that form, or a writer outside the 50.
  """
  match = _ENTRY.fullmatch(entry)
  if not match:
    raise ValueError(f'{entry!r} is not <writer w-NN>/<page>.png')
  if match.group(1) not in CLASS_NAMES:
    raise ValueError(f'{entry!r}: {match.group(1)} is not one of the 50 writers')
  return match.group(1)


def parse_partition(text: str, file_name: str) -> set[str]:
  """The `w-NN/<page>.png` entries of a partition list (blank lines and CR/LF ends ignored).

  Raises:
    ValueError: a line is not such an entry.
  """
  entries = set()
  for number, line in enumerate(text.splitlines(), 1):
    entry = line.strip()
    if not entry:
      continue
    try:
      writer_of(entry)
    except ValueError as e:
      raise ValueError(f'{file_name} line {number}: {e}') from None
    entries.add(entry)
  return entries


def source_splits(partitions: dict[str, set[str]]) -> dict[str, str]:
  """Entry -> source split, from the entries of each list in PARTITIONS.

  Raises:
    ValueError: an entry is in both lists (a page cannot be both trained and tested on).
  """
  training, testing = (partitions[name] for name in PARTITIONS)
  both = sorted(training & testing)
  if both:
    raise ValueError(f'{len(both)} page(s) are in both partition lists, e.g. {both[0]}')
  return {entry: split for name, split in PARTITIONS.items() for entry in partitions[name]}


class CvcMuscima(toolkit.TaskBuilder):
  """CVC-MUSCIMA writer identification; grayscale pages from the zip, split by set 2, fold 01."""

  TASK = 'cvc_muscima'
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True
  SPLIT_RULE = splits.TRAIN_TEST

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    partitions_zip = self.download(dl_manager, _PARTITIONS_URL)  # Both read in place.
    images_zip = self.download(dl_manager, _IMAGES_URL)
    with self.expected_content(_PARTITIONS_ZIP):
      members = {m.name: m for m in toolkit.archives.zip_members(partitions_zip)}
      partitions = {}
      for name in PARTITIONS:
        if name not in members:
          raise ValueError(f'{name} is missing')
        partitions[name] = parse_partition(members[name].read().decode('utf-8'), name)
      split_of = source_splits(partitions)
    with self.expected_content(f'{_IMAGES_ZIP} (and the lists of {_PARTITIONS_ZIP})'):
      pages = {}
      for member in toolkit.archives.zip_members(images_zip):
        entry = member.name.removeprefix(GRAY_PREFIX)
        if entry == member.name or not entry.lower().endswith('.png'):
          continue  # The BW and NoStaff flavours, and anything that is not a page.
        writer_of(entry)
        pages[entry] = member
      missing = sorted(split_of.keys() - pages.keys())
      if missing:
        raise ValueError(f'{len(missing)} listed page(s) are not in {GRAY_PREFIX}, e.g. '
                         f'{missing[0]}')
    unlisted = sorted(pages.keys() - split_of.keys())
    if unlisted:
      logging.info('[%s] %d grayscale page(s) are in neither partition list: not used (e.g. '
                   '%s).', self.TASK, len(unlisted), unlisted[0])
    for entry in sorted(split_of):
      yield toolkit.Example(key=pages[entry].name, image=pages[entry], label=writer_of(entry),
                            source_split=split_of[entry])
