"""Aberdeen face database (Ian Craw, Stirling PICS): colour face photos of 90 people.

Label = the person's name at the start of the file name (`neil1.jpg` -> `neil`), with the
reference's aliases for people photographed twice under two names (`neilg` -> `neil`).
Ids follow the reference's fixed 92-entry list, which includes `jsheenang`: every
`jsheenang` file is relabelled `jsheenan`, so id 22 never receives an image (91 classes in use).

Differences from the reference (see README.md): splits by a hash of the member name instead of
a seeded draw in archive order; the name comes from the member's base name, and unknown names,
directories and Thumbs.db are handled instead of crashing.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from nevis_datasets import toolkit

_URL = 'http://pics.stir.ac.uk/zips/Aberdeen.zip'
_NAME = re.compile(r'[a-zA-Z_]+')

# Second name -> the name whose id it takes (the reference's `_DUPLICATES`).
ALIASES = {
    'marieg': 'marie',
    'heatherg': 'heather',
    'kayg': 'kay',
    'neilg': 'neil',
    'graemeg': 'graeme',
    'dhawleyg': 'dhawley',
    'clean_adrian': 'adrian',
    'jsheenang': 'jsheenan',
}

# The reference's `_LABELS`, in its id order.
CLASS_NAMES = (
    'neil', 'jenni', 'chris_harbron', 'john_mccal', 'blaw', 'dpearson', 'ruth',
    'richard_hardwick', 'olive', 'dlow', 'simon', 'dougal_grant', 'mnicholson', 'hack',
    'caroline', 'lynn', 'adrian', 'kay', 'fiona_hogarth', 'annanena', 'heather', 'barry',
    'jsheenang', 'michael', 'alister', 'amellanby', 'george', 'graham_brown', 'itaylor', 'marie',
    'david', 'jim', 'alison', 'trevor', 'iroy', 'scott', 'louise', 'dsmith', 'gfindley', 'irene',
    'tracy', 'johannes', 'chris_pin', 'anon_one', 'stewart', 'lynn_james', 'peter', 'paul',
    'pkyle', 'andrew', 'mmanson', 'graeme', 'fiona', 'ghall', 'paol', 'david_imray', 'john_thom',
    'stephen', 'gordon', 'gillian', 'dhands', 'joanna', 'nick', 'bfegan', 'grant_cumming', 'alec',
    'milly', 'merilyn', 'kirsty', 'peter_macgeorge', 'dbell', 'chris', 'miranda', 'johnny_page',
    'pat', 'terry_johnstone', 'tock', 'catherine', 'blair', 'kieran', 'martin', 'hin', 'meggan',
    'jsheenan', 'brian_ho', 'mark', 'dhawley', 'derek', 'lisa', 'ian', 'kim', 'dave_faquhar',
)


def person(member: str) -> str:
  """The class name of archive member `member`: leading letters/underscores, aliases applied.

  Raises:
    ValueError: the file name does not start with a known person's name.
  """
  stem = posixpath.splitext(posixpath.basename(member))[0]
  match = _NAME.match(stem)
  name = match.group(0) if match else ''
  name = ALIASES.get(name, name)
  if name not in CLASS_NAMES:
    raise ValueError(f'{member!r} does not start with a known name (got {name!r})')
  return name


class Aberdeen(toolkit.TaskBuilder):
  """Aberdeen; images read straight from the zip, label from the file name."""

  TASK = 'aberdeen'
  CLASS_NAMES = CLASS_NAMES

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    archive = self.download(dl_manager, _URL)
    for member in toolkit.archives.zip_members(archive):
      with self.expected_content('Aberdeen.zip'):
        label = person(member.name)
      yield toolkit.Example(key=member.name, image=member, label=label)
