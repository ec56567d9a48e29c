"""Food-101N (Lee et al., CVPR 2018): web images of the 101 Food-101 dishes, with noisy labels.

`Food-101N_release.zip` holds `Food-101N_release/images/<class>/<file>.jpg` (about 310,000
images, labelled by the dish they were found for: ~20% of these class labels are wrong) and
`Food-101N_release/meta/`: `classes.txt`, `imagelist.tsv` (every image) and the two lists of
images whose label was checked by hand, `verified_train.tsv` (52,868) and `verified_val.tsv`
(4,741): a `class_name/key<TAB>verification_label` header, then one `<class>/<file>.jpg<TAB>0|1`
row per image. As in the reference, the task is the images of these two lists with their class
label (the folder); the verification label is checked but not used, so known-wrong labels stay.
verified_train is divided 0.7/0.15/0.15 into train/dev/dev_test by a hash of the member path;
verified_val is test. The zip is read in place: Beam workers read the images themselves.

Differences from the reference (see README.md): label ids in sorted order (as food101), not the
reference's handler list; splits by hash; images at source resolution, RGB JPEGs as their bytes;
listed images missing from the zip tolerated up to 1%; malformed lists and an image in both lists
stop the build with a message.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from absl import logging

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit.sources import food101 as food101_source

URL = ('https://drive.google.com/u/0/uc?id=1s9NyXpi9bO-UZUvk65WVvEUExNkZ1v9V&export=download'
       '&confirm=y')
ZIP = 'Food-101N_release.zip'
ROOT = 'Food-101N_release'
IMAGES = f'{ROOT}/images'
META = f'{ROOT}/meta'
# Verified list -> the source split of its images.
LISTS = {'verified_train.tsv': 'train', 'verified_val.tsv': 'test'}
HEADER = ('class_name/key', 'verification_label')
# Food-101's 101 dishes, sorted (shared with food101): the two tasks share their label ids.
CLASS_NAMES = food101_source.CLASS_NAMES


def class_of(path: str) -> str:
  """The class of a list entry `<class>/<file>`.

  Raises:
    ValueError: not of that form, or a class outside the 101.
  """
  category, slash, name = path.partition('/')
  if not slash or not name or '/' in name:
    raise ValueError(f'{path!r} is not <class>/<file>')
  if category not in CLASS_NAMES:
    raise ValueError(f'{path!r}: {category!r} is not one of the 101 classes')
  return category


def parse_verified_list(text: str, file_name: str) -> list[str]:
  """The image paths `<class>/<file>` of a verified_*.tsv, in file order, each once.

  The header is required; blank lines and CR/LF line ends are ignored; a path listed again is
  used once (as the reference's set).

  Raises:
    ValueError: no header, or a row that is not `<class>/<file><TAB>0|1` of one of the classes.
  """
  lines = [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
  if not lines or tuple(lines[0][1].removeprefix('\ufeff').split('\t')) != HEADER:
    raise ValueError(f'{file_name} does not start with the header {"<TAB>".join(HEADER)}')
  paths: dict[str, None] = {}
  for number, line in lines[1:]:
    fields = line.split('\t')
    try:
      if len(fields) != 2:
        raise ValueError(f'{len(fields)} fields, expected 2 (<class>/<file>, verification label)')
      path, verified = fields
      class_of(path)
      if verified not in ('0', '1'):
        raise ValueError(f'verification label {verified!r} is not 0 or 1')
    except ValueError as e:
      raise ValueError(f'{file_name} line {number}: {e}') from None
    paths.setdefault(path, None)
  return list(paths)


def source_splits(lists: Mapping[str, list[str]]) -> dict[str, str]:
  """Path -> source split, from the paths of each file of LISTS.

  Raises:
    ValueError: an image is in both lists.
  """
  train, test = (set(lists[name]) for name in LISTS)
  both = sorted(train & test)
  if both:
    raise ValueError(f'{len(both)} image(s) are in both verified_train.tsv and verified_val.tsv, '
                     f'e.g. {both[0]}')
  return {path: LISTS[name] for name, paths in lists.items() for path in paths}


class Food101n(toolkit.TaskBuilder):
  """Food-101N's verified images, read from the zip by Beam workers; label = the class folder."""

  TASK = 'food101n'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST  # verified_train hashed 0.7/0.15/0.15; verified_val is test.
  USE_BEAM = True  # 57,609 web images of all sizes, read from a zip of about 310,000.

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    archive = self.download(dl_manager, URL)  # Read in place, not extracted.
    # The central directory only (cheap); the lists are read from the zip here.
    members = {member.name: member for member in toolkit.archives.zip_members(archive)}
    with self.expected_content(ZIP):
      lists = {}
      for name in LISTS:
        member = f'{META}/{name}'
        if member not in members:
          raise ValueError(f'{member} is missing')
        lists[name] = parse_verified_list(members[member].read().decode('utf-8'), name)
      split_of = source_splits(lists)
    missing = [path for path in split_of if f'{IMAGES}/{path}' not in members]
    self.check_missing_images(missing, len(split_of), listed_in=f'{META}/verified_*.tsv',
                              archive=ZIP)
    logging.info('[%s] %d of the %d files of %s are not images of a verified list: not used.',
                 self.TASK, len(members) - len(split_of) + len(missing), len(members), ZIP)
    for path, split in split_of.items():
      member = f'{IMAGES}/{path}'
      if member in members:
        yield toolkit.Example(key=member, image=members[member], label=class_of(path),
                              source_split=split)
