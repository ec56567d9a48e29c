"""Extended Yale Face Database B: 28 people under 9 poses and 64 lightings, 640x480 grayscale.

Images are PGM files named `yaleB<subject>_P<pose>A<azimuth>E<elevation>.pgm`
(`yaleB39_P03A+070E-35.pgm`), from the Kaggle copy of the dataset. Label = the subject
(`yaleB39`), ids in sorted order (yaleB11 ... yaleB39, no yaleB14). The split is the
reference's fixed split by pose: the near-frontal poses P00, P02, P03, P04 and P07 are train,
P05 dev, P01 dev_test, P06 and P08 test. Ambient images (no lighting) and `.info` lists are
not used. The task is grayscale by definition.

Differences from the reference (see README.md): a PGM whose name does not follow the pattern,
or has an unknown subject or pose, stops the build with a message (the reference failed on some
and silently dropped images of unknown poses); every subject must have images.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import trees

# Sorted; subject 14 does not exist.
CLASS_NAMES = tuple(f'yaleB{i}' for i in range(11, 40) if i != 14)
# The reference's split by pose.
POSE_SPLITS = {
    'P00': splits.TRAIN, 'P02': splits.TRAIN, 'P03': splits.TRAIN, 'P04': splits.TRAIN,
    'P07': splits.TRAIN,
    'P05': splits.DEV,
    'P01': splits.DEV_TEST,
    'P06': splits.TEST, 'P08': splits.TEST,
}
_NOT_FACES = re.compile(r'info$|Ambient\.pgm$')  # As in the reference.


def parse_file_name(name: str) -> tuple[str, str] | None:
  """`(subject, pose)` of a face image file name; None for files that are not face images.

  `yaleB39_P03A+070E-35.pgm` -> ('yaleB39', 'P03'); ambient images, `.info` lists and other
  non-PGM files give None.

  Raises:
    ValueError: a PGM named unlike `<subject>_<pose>...pgm` with a known subject and pose.
  """
  if not name.endswith('.pgm') or _NOT_FACES.search(name):
    return None
  parts = name[:-len('.pgm')].split('_')
  if len(parts) != 2 or parts[0] not in CLASS_NAMES or parts[1][:3] not in POSE_SPLITS:
    raise ValueError(f'{name!r} is not named yaleB<subject>_P<pose>A<azimuth>E<elevation>.pgm '
                     'with a known subject and pose')
  return parts[0], parts[1][:3]


class ExtendedYaleB(toolkit.TaskBuilder):
  """Extended Yale B from the extracted Kaggle archive; label = subject, split = pose."""

  TASK = 'extended_yaleb'
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True
  SPLIT_RULE = splits.SplitRule(fixed=POSE_SPLITS)  # The source split is the pose.

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download_kaggle(dl_manager)
    examples = []
    for key, path in trees.extracted_files(root):
      try:
        parsed = parse_file_name(posixpath.basename(key))
      except ValueError as e:
        raise toolkit.CorruptDataError(
            f'[{self.TASK}] {key}: {e}. The Kaggle archive does not have the expected '
            'content: delete it (or the manual extended-yale-dataset-b.zip) and build '
            'again.') from e
      if parsed is not None:
        subject, pose = parsed
        examples.append(toolkit.Example(key=key, image=path, label=subject, source_split=pose))
    missing = sorted(set(CLASS_NAMES) - {e.label for e in examples})
    if missing:
      raise toolkit.CorruptDataError(
          f'[{self.TASK}] no images of subject(s) {", ".join(missing)}: the Kaggle archive is '
          'incomplete. Delete it (or the manual extended-yale-dataset-b.zip) and build again.')
    yield from examples
