"""BelgiumTS for Classification (BelgiumTSC): cropped Belgian traffic signs of 62 types.

Two zips, `Training/<class>/<name>.ppm` and `Testing/<class>/<name>.ppm` (class folders
00000..00061, each with a `GT-<class>.csv`), and `reducedSetTS.txt`: a header line, then the
62 sign type codes in class-id order, which the builder checks against CLASS_NAMES. Label =
the image's class folder. Images are PPMs read straight from the zips (stored as PNG).

Differences from the reference (see README.md): train/dev/dev_test by a hash of the member
path instead of a seeded draw in archive order; unknown members or class folders stop the
build with a message instead of a `ValueError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_NAMES_FILE = 'reducedSetTS.txt'
_NAMES_URL = f'https://btsd.ethz.ch/shareddata/BelgiumTS/{_NAMES_FILE}'
_BASE_URL = 'http://www.vision.ee.ethz.ch/~timofter/BelgiumTSC/'
# Source split -> (zip, its top-level folder).
_ZIPS = {'train': ('BelgiumTSC_Training.zip', 'Training'),
         'test': ('BelgiumTSC_Testing.zip', 'Testing')}
_IMAGE = re.compile(r'([^/]+)/(\d{5})/[^/]+\.ppm')
# The reference's filter: per-class annotation CSVs and read-me files.
_IGNORED = re.compile(r'\.(csv|txt)$')

# The BelgiumTS sign type codes of classes 0..61, as reducedSetTS.txt lists them (its order,
# which is the class-id order; the reference stores these lines as its class names).
CLASS_NAMES = (
    'A13', 'A14', 'A15', 'A1A', 'A1B', 'A1C', 'A1D', 'A23', 'A25', 'A29', 'A31', 'A33', 'A41',
    'A51', 'A7A', 'A7B', 'A7C', 'B15A', 'B17', 'B1', 'B19', 'B5', 'C1', 'C11', 'C21', 'C23',
    'C27', 'C29', 'C3', 'C31LEFT', 'C31RIGHT', 'C35', 'C43', 'D10', 'D1a', 'D1b', 'D3b', 'D5',
    'D7', 'D9', 'E1', 'E3', 'E5', 'E7', 'B21', 'E9a', 'E9a_miva', 'E9b', 'E9c', 'E9d', 'E9e',
    'F12a', 'F12b', 'F19', 'F45', 'F47', 'F49', 'F50', 'F59', 'F87', 'B11', 'B9',
)


def check_class_names(text: str) -> None:
  """Checks that `reducedSetTS.txt` (every non-blank line after the header) lists CLASS_NAMES.

  Raises:
    ValueError: the codes are not CLASS_NAMES, in that order.
  """
  names = tuple(line.strip() for line in text.splitlines()[1:] if line.strip())
  if names != CLASS_NAMES:
    differ = [f'{i}: {got!r} (expected {want!r})'
              for i, (got, want) in enumerate(zip(names, CLASS_NAMES)) if got != want]
    raise ValueError(f'{_NAMES_FILE} lists {len(names)} sign types, not the expected '
                     f'{len(CLASS_NAMES)} in class-id order ({"; ".join(differ[:3])})')


def label_of(member: str, folder: str) -> int | None:
  """The class id of an image member `<folder>/<class>/<name>.ppm`, None for CSV/TXT members.

  Raises:
    ValueError: a member that is neither, or a class folder outside 00000..00061.
  """
  if _IGNORED.search(member):
    return None
  match = _IMAGE.fullmatch(member)
  if match is None or match.group(1) != folder:
    raise ValueError(f'{member!r} is not {folder}/<class>/<name>.ppm')
  label = int(match.group(2))
  if label >= len(CLASS_NAMES):
    raise ValueError(f'{member!r}: class folder {match.group(2)} is not 00000..'
                     f'{len(CLASS_NAMES) - 1:05d}')
  return label


class BelgiumTsc(toolkit.TaskBuilder):
  """BelgiumTSC; label = the class folder, split = the Training / Testing zip."""

  TASK = 'belgium_tsc'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    names = self.download(dl_manager, _NAMES_URL)
    with self.expected_content(_NAMES_FILE):
      check_class_names(names.read_bytes().decode('utf-8-sig'))
    for source_split, (zip_name, folder) in _ZIPS.items():
      archive = self.download(dl_manager, _BASE_URL + zip_name)
      for member in toolkit.archives.zip_members(archive):
        with self.expected_content(zip_name):
          label = label_of(member.name, folder)
        if label is not None:
          yield toolkit.Example(key=member.name, image=member, label=label,
                                source_split=source_split)
