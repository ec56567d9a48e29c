"""CMU AMP face expression database: 13 subjects, 75 64x64 grayscale images each.

Label = the subject letter that starts the file name (`A00.bmp` ... `M74.bmp`). The split is the
reference's own per-subject split, reproduced exactly: it depends only on the subject and the
image number (a seeded permutation of the 75 numbers of each subject), never on archive order.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from absl import logging
import numpy as np

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_URL = 'http://chenlab.ece.cornell.edu/_download/FaceAuthentication/faceExpressionDatabase.zip'
CLASS_NAMES = tuple('ABCDEFGHIJKLM')
IMAGES_PER_SUBJECT = 75
_FILE_NAME = re.compile(r'([A-M])(\d\d)\.bmp')
_README = 'readme.txt'
# The reference's fractions: 20% test, then 70/15/15 of the rest into train/dev/dev_test.
_TEST_FRACTION = 0.2
_DEV_FRACTION = 0.15
_DEV_TEST_FRACTION = 0.15
_SEED = 1


def file_name(subject: int, number: int) -> str:
  return f'{CLASS_NAMES[subject]}{number:02d}.bmp'


@functools.cache
def reference_splits() -> dict[str, str]:
  """File name -> NEVIS split, as the reference draws it.

  For subjects A..M in order, one `np.random.default_rng(1)` stream gives a permutation of the
  75 image numbers; its first 41 are train, the next 9 dev, the next 9 dev_test and the last 16
  test (the sizes are `int32(75 * 0.8 * (0.7, 0.15, 0.15))`; 75 * 0.8 * 0.7 is 41.999... in
  floating point, hence 41, not 42).
  """
  train_part = 1 - _TEST_FRACTION
  ratios = np.array([train_part * (1 - _DEV_FRACTION - _DEV_TEST_FRACTION),
                     train_part * _DEV_FRACTION, train_part * _DEV_TEST_FRACTION])
  boundaries = np.cumsum((IMAGES_PER_SUBJECT * ratios).astype(np.int32))
  rng = np.random.default_rng(seed=_SEED)
  assignment = {}
  for subject in range(len(CLASS_NAMES)):
    parts = np.split(rng.permutation(IMAGES_PER_SUBJECT), boundaries)
    for split, numbers in zip(splits.SPLITS, parts):
      for number in numbers:
        assignment[file_name(subject, int(number))] = split
  return assignment


class CmuAmpExpression(toolkit.TaskBuilder):
  """Images read straight from the zip; subject letter as label; the reference's split."""

  TASK = 'cmu_amp_expression'
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True
  SPLIT_RULE = splits.PRESPLIT

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    archive = self.download(dl_manager, _URL)
    assignment = reference_splits()
    for member in toolkit.archives.zip_members(archive):
      # The images lie at the top of the archive; the reference reads exactly those names.
      match = _FILE_NAME.fullmatch(member.name)
      if not match or member.name not in assignment:
        if member.name != _README:
          logging.warning('[%s] unexpected member %s: ignored.', self.TASK, member.name)
        continue
      yield toolkit.Example(key=member.name, image=member, label=match.group(1),
                            source_split=assignment[member.name])
