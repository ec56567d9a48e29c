"""Animals with Attributes 2 (Xian et al., 2017): 37,322 animal photos, 85 attributes (multi-label).

`AwA2-data.zip` (13 GB) holds `Animals_with_Attributes2/` with the photos
`JPEGImages/<class>/<class>_<n>.jpg` of 50 animal classes and the text files that label them:
`classes.txt` and `predicates.txt` (`<id>\\t<name>` lines, ids from 1),
`predicate-matrix-binary.txt` (one row of 85 space-separated 0/1 per class, rows and columns in
those files' orders) and `trainclasses.txt` / `testclasses.txt` (40 and 10 class names, one a
line: disjoint classes). An image's labels are the attributes (predicates) of its class: its
class's row of the binary matrix, as a multi-hot vector over the 85 predicates in
predicates.txt order. The zip is read in place: Beam workers read the photos themselves. Photos
of the train classes are divided 0.7/0.15/0.15 into train/dev/dev_test by a hash of the member
path; photos of the test classes are test.

Differences from the reference (see README.md): source resolution instead of a 256-pixel longest
side; images converted to RGB (the reference discarded its `convert('RGB')` result, a bug);
splits by hash; malformed label files and image folders of unknown classes stop the build with a
message.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from absl import logging

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

URL = 'https://cvml.ist.ac.at/AwA2/AwA2-data.zip'
ZIP = 'AwA2-data.zip'
ROOT = 'Animals_with_Attributes2'
IMAGES = f'{ROOT}/JPEGImages'
CLASSES = 'classes.txt'
PREDICATES = 'predicates.txt'
MATRIX = 'predicate-matrix-binary.txt'
# Class list -> the source split of its classes' images.
CLASS_LISTS = {'trainclasses.txt': 'train', 'testclasses.txt': 'test'}

# The 85 predicates of predicates.txt, in its (id) order: the label ids. Checked at build time.
CLASS_NAMES = (
    'black', 'white', 'blue', 'brown', 'gray', 'orange', 'red', 'yellow', 'patches', 'spots',
    'stripes', 'furry', 'hairless', 'toughskin', 'big', 'small', 'bulbous', 'lean', 'flippers',
    'hands', 'hooves', 'pads', 'paws', 'longleg', 'longneck', 'tail', 'chewteeth', 'meatteeth',
    'buckteeth', 'strainteeth', 'horns', 'claws', 'tusks', 'smelly', 'flys', 'hops', 'swims',
    'tunnels', 'walks', 'fast', 'slow', 'strong', 'weak', 'muscle', 'bipedal', 'quadrapedal',
    'active', 'inactive', 'nocturnal', 'hibernate', 'agility', 'fish', 'meat', 'plankton',
    'vegetation', 'insects', 'forager', 'grazer', 'hunter', 'scavenger', 'skimmer', 'stalker',
    'newworld', 'oldworld', 'arctic', 'coastal', 'desert', 'bush', 'plains', 'forest', 'fields',
    'jungle', 'mountains', 'ocean', 'ground', 'water', 'tree', 'cave', 'fierce', 'timid',
    'smart', 'group', 'solitary', 'nestspot', 'domestic',
)


def parse_numbered_names(text: str, file_name: str) -> tuple[str, ...]:
  """The names of a `<id>\\t<name>` file (classes.txt, predicates.txt), in id order.

  Raises:
    ValueError: a line that is not `<id> <name>`, ids other than 1..N in order, or a name
      listed twice.
  """
  names: list[str] = []
  for number, line in enumerate(text.splitlines(), 1):
    fields = line.split()
    if not fields:
      continue
    where = f'{file_name} line {number}'
    if len(fields) != 2 or not fields[0].isdigit():
      raise ValueError(f'{where} is {line!r}, not <id><TAB><name>')
    if int(fields[0]) != len(names) + 1:
      raise ValueError(f'{where}: id {fields[0]}, expected {len(names) + 1} (ids are 1..N in '
                       'order)')
    if fields[1] in names:
      raise ValueError(f'{where}: {fields[1]!r} is listed twice')
    names.append(fields[1])
  return tuple(names)


def check_predicates(names: Sequence[str]) -> None:
  """The predicates of predicates.txt must be CLASS_NAMES, in that order."""
  if tuple(names) == CLASS_NAMES:
    return
  for index, (name, known) in enumerate(zip(names, CLASS_NAMES)):
    if name != known:
      raise ValueError(f'{PREDICATES}: predicate {index + 1} is {name!r}, not {known!r}')
  raise ValueError(f'{PREDICATES} lists {len(names)} predicates instead of {len(CLASS_NAMES)}')


def parse_class_list(text: str, file_name: str, classes: Sequence[str]) -> list[str]:
  """The class names of trainclasses.txt or testclasses.txt (one a line), in file order.

  Raises:
    ValueError: a name that is not one of `classes` (classes.txt), or a name listed twice.
  """
  names: list[str] = []
  for number, line in enumerate(text.splitlines(), 1):
    name = line.strip()
    if not name:
      continue
    if name not in classes:
      raise ValueError(f'{file_name} line {number}: {name!r} is not a class of {CLASSES}')
    if name in names:
      raise ValueError(f'{file_name} line {number}: {name!r} is listed twice')
    names.append(name)
  return names


def parse_predicate_matrix(text: str, num_classes: int) -> list[tuple[int, ...]]:
  """Per class (row), the 0-based ids of its predicates (the columns holding 1).

  Raises:
    ValueError: not `num_classes` rows of len(CLASS_NAMES) values, each 0 or 1.
  """
  rows: list[tuple[int, ...]] = []
  for number, line in enumerate(text.splitlines(), 1):
    values = line.split()
    if not values:
      continue
    if len(values) != len(CLASS_NAMES) or not set(values) <= {'0', '1'}:
      raise ValueError(f'{MATRIX} line {number} is not {len(CLASS_NAMES)} values 0 or 1')
    rows.append(tuple(i for i, value in enumerate(values) if value == '1'))
  if len(rows) != num_classes:
    raise ValueError(f'{MATRIX} has {len(rows)} rows, but {CLASSES} lists {num_classes} '
                     'classes')
  return rows


def source_splits(lists: Mapping[str, Sequence[str]]) -> dict[str, str]:
  """Class name -> the source split of its images, from the names of each of CLASS_LISTS.

  Raises:
    ValueError: a class in both lists.
  """
  train, test = (set(lists[name]) for name in CLASS_LISTS)
  both = sorted(train & test)
  if both:
    raise ValueError(f'{len(both)} class(es) are in both trainclasses.txt and testclasses.txt, '
                     f'e.g. {both[0]}')
  return {cls: CLASS_LISTS[name] for name, names in lists.items() for cls in names}


def class_of(member: str) -> str | None:
  """The class folder of a member `<ROOT>/JPEGImages/<class>/<file>`; None for other members.

  Raises:
    ValueError: a file under JPEGImages/ that is not in a class folder.
  """
  prefix = f'{IMAGES}/'
  if not member.startswith(prefix):
    return None
  parts = member[len(prefix):].split('/')
  if len(parts) != 2 or not all(parts):
    raise ValueError(f'{member} is not {IMAGES}/<class>/<file>')
  return parts[0]


class Awa2(toolkit.TaskBuilder):
  """AwA2; photos read from the zip by Beam workers, labels from their class's predicates."""

  TASK = 'awa2'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST  # Train classes hashed 0.7/0.15/0.15; test classes are test.
  USE_BEAM = True  # 37,322 JPEGs read from a 13 GB zip, many of them over 1000 pixels a side.

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    archive = self.download(dl_manager, URL)  # Read in place, not extracted.
    # The central directory only (cheap); the label files are read from the zip here.
    members = {member.name: member for member in toolkit.archives.zip_members(archive)}
    with self.expected_content(ZIP):
      texts = {name: _member_text(members, f'{ROOT}/{name}')
               for name in (CLASSES, PREDICATES, MATRIX, *CLASS_LISTS)}
      check_predicates(parse_numbered_names(texts[PREDICATES], PREDICATES))
      classes = parse_numbered_names(texts[CLASSES], CLASSES)
      predicates = dict(zip(classes, parse_predicate_matrix(texts[MATRIX], len(classes))))
      split_of = source_splits({name: parse_class_list(texts[name], name, classes)
                                for name in CLASS_LISTS})
    unused = 0
    found: set[str] = set()
    for name, member in members.items():  # Sorted by name.
      with self.expected_content(ZIP):
        cls = class_of(name)
        if cls is not None and cls not in predicates:
          raise ValueError(f'{name}: {cls!r} is not a class of {CLASSES}')
      if cls is None or cls not in split_of:
        unused += 1
        continue
      found.add(cls)
      yield toolkit.Example(key=name, image=member, label=list(predicates[cls]),
                            source_split=split_of[cls])
    logging.info('[%s] %d member(s) of %s are not images of a listed class: not used.',
                 self.TASK, unused, ZIP)
    empty = sorted(split_of.keys() - found)
    if empty:
      logging.warning('[%s] %d listed class(es) have no images in %s, e.g. %s.', self.TASK,
                      len(empty), ZIP, empty[0])


def _member_text(members: Mapping[str, toolkit.archives.ZipMember], name: str) -> str:
  """The text of the (small) member `name`, read from the zip in place."""
  if name not in members:
    raise ValueError(f'{name} is missing')
  return members[name].read().decode('utf-8')
