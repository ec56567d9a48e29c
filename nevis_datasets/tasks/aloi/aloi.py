"""ALOI (Amsterdam Library of Object Images), quarter resolution: 1000 objects, built with Beam.

Label = the object's folder, the second part of each tar member path (`png4/<n>/<file>`,
objects 1..1000 -> ids 0..999). The illumination colour (`col`) and viewing angle (`view`) tars
form the train part, divided into train/dev/dev_test by a hash of the example key
`<tar>/<member path>`; the illumination direction (`ill`) tar is the test split.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
archive order; each tar is chosen by its URL, not as the first directory entry whose name
contains 'col' / 'view' / 'ill'; the stereo tar, downloaded and never read by the reference, is
not downloaded.
"""

from __future__ import annotations

from collections.abc import Iterator

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import trees

NUM_OBJECTS = 1000
CLASS_NAMES = tuple(f'obj{i}' for i in range(1, NUM_OBJECTS + 1))
_URL = 'http://aloi.science.uva.nl/tars/aloi_red4_{}.tar'
# Tar (as named in its URL) -> source split. The stereo tar is not used.
TARS = {'col': 'train', 'view': 'train', 'ill': 'test'}


def object_id(member: str) -> int:
  """Label id of tar member `member` (`png4/12/12_r5.png` -> 11), as the reference reads it.

  Raises:
    ValueError: the second path component is not an object number 1..1000.
  """
  parts = member.split('/')
  number = int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else 0
  if not 1 <= number <= NUM_OBJECTS:
    raise ValueError(f'{member!r} is not in an object folder <root>/<1..{NUM_OBJECTS}>/')
  return number - 1


class Aloi(toolkit.TaskBuilder):
  """ALOI red4 colour images from the extracted col/view/ill tars."""

  TASK = 'aloi'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST
  USE_BEAM = True  # About 108,000 PNGs.

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    for tar, source_split in TARS.items():
      url = _URL.format(tar)
      root = self.download(dl_manager, url, extract=True)
      for member, path in trees.extracted_files(root):
        with self.expected_content(url):
          label = object_id(member)
        # A path, not bytes: Beam workers read the images themselves.
        yield toolkit.Example(key=f'{tar}/{member}', image=path, label=label,
                              source_split=source_split)
