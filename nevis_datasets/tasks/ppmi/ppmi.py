"""PPMI (People Playing Musical Instruments), normalised 12-class version: 24 classes.

Images are `norm_image/{play,with}_instrument/<instrument>/{train,test}/<name>.jpg`: people
playing one of 12 instruments, or only holding it. Label = kind + instrument
(`play_instrument/violin`); class ids are the sorted class names. The official test folders
are the test split; the train folders are divided into train/dev/dev_test by a hash of the
member path. Images are read straight from the zip.

Differences from the reference (see README.md): class ids are sorted instead of coming from a
Python set (whose order changes from one process to the next); instrument folders are matched
to the 12 instruments ignoring case and separators; the split comes from the train/test folder
instead of a 'test'/'train' substring anywhere in the path; splits by hash instead of a seeded
draw in archive order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_URL = 'http://vision.stanford.edu/Datasets/norm_ppmi_12class.zip'
_ROOT = 'norm_image'
_README = 'README'
KINDS = ('play_instrument', 'with_instrument')
INSTRUMENTS = ('bassoon', 'cello', 'clarinet', 'erhu', 'flute', 'french_horn', 'guitar', 'harp',
               'recorder', 'saxophone', 'trumpet', 'violin')
# Sorted: `<kind>/<instrument>`.
CLASS_NAMES = tuple(f'{kind}/{instrument}' for kind in KINDS for instrument in INSTRUMENTS)
_SOURCE_SPLITS = ('train', 'test')


def _folded(name: str) -> str:
  return re.sub(r'[^a-z0-9]', '', name.lower())


_INSTRUMENT_OF_FOLDER = {_folded(instrument): instrument for instrument in INSTRUMENTS}


def parse_member(member: str) -> tuple[str, str] | None:
  """`(class name, source split)` of an image member; None for the top-level README.

  `norm_image/play_instrument/French_Horn/test/x.jpg` -> ('play_instrument/french_horn', 'test').

  Raises:
    ValueError: the member is not `norm_image/<kind>/<instrument>/{train,test}/<file>`.
  """
  if member == _README:
    return None
  parts = member.split('/')
  instrument = _INSTRUMENT_OF_FOLDER.get(_folded(parts[2])) if len(parts) == 5 else None
  if (instrument is None or parts[0] != _ROOT or parts[1] not in KINDS
      or parts[3] not in _SOURCE_SPLITS):
    raise ValueError(
        f'{member!r} is not {_ROOT}/<{"|".join(KINDS)}>/<instrument>/<train|test>/<image> '
        f'with one of the instruments {", ".join(INSTRUMENTS)}')
  return f'{parts[1]}/{instrument}', parts[3]


class Ppmi(toolkit.TaskBuilder):
  """PPMI 12-class normalised images; label from the kind and instrument folders."""

  TASK = 'ppmi'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    archive = self.download(dl_manager, _URL)
    examples = []
    for member in toolkit.archives.zip_members(archive):
      with self.expected_content(_URL):
        parsed = parse_member(member.name)
      if parsed is not None:
        label, source_split = parsed
        examples.append(toolkit.Example(key=member.name, image=member, label=label,
                                        source_split=source_split))
    missing = sorted(set(CLASS_NAMES) - {e.label for e in examples})
    if missing:
      raise toolkit.CorruptDataError(
          f'[{self.TASK}] {_URL} has no images for class(es) {", ".join(missing)}: the '
          'download is incomplete or not the 12-class PPMI archive. Delete it from the download '
          'dir and build again.')
    yield from examples
