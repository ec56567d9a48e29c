"""FGVC Aircraft (Maji et al. 2013), family level: 10,000 aircraft photos in 70 families.

Label = the family named for the image in the official split lists
`data/images_family_{trainval,test}.txt` (`<image id> <family>` per line), with ids in the order
of `data/families.txt` (the source's order, which is also sorted). Images are the source JPEGs,
copyright banner included, as in the reference.

Differences from the reference (see README.md): trainval is divided into train/dev/dev_test by
a hash of the image path instead of a seeded draw in archive order; malformed lines, unknown
families and missing images stop the build with a message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from etils import epath

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_URL = 'https://www.robots.ox.ac.uk/~vgg/data/fgvc-aircraft/archives/fgvc-aircraft-2013b.tar.gz'
_ARCHIVE = 'fgvc-aircraft-2013b.tar.gz'
_DATA = 'fgvc-aircraft-2013b/data'
_FAMILIES = 'families.txt'
# Source split -> its official family list. The train/val lists (trainval cut in two) are unused.
_SPLIT_FILES = {'train': 'images_family_trainval.txt', 'test': 'images_family_test.txt'}
_LINE = re.compile(r'(\d+) (.+)')  # The reference's `^(\d+) (.+)$`.

# `data/families.txt`, in its order (= label ids); checked against the archive at build time.
CLASS_NAMES = (
    'A300', 'A310', 'A320', 'A330', 'A340', 'A380', 'ATR-42', 'ATR-72', 'An-12', 'BAE 146',
    'BAE-125', 'Beechcraft 1900', 'Boeing 707', 'Boeing 717', 'Boeing 727', 'Boeing 737',
    'Boeing 747', 'Boeing 757', 'Boeing 767', 'Boeing 777', 'C-130', 'C-47', 'CRJ-200',
    'CRJ-700', 'Cessna 172', 'Cessna 208', 'Cessna Citation', 'Challenger 600', 'DC-10', 'DC-3',
    'DC-6', 'DC-8', 'DC-9', 'DH-82', 'DHC-1', 'DHC-6', 'DR-400', 'Dash 8', 'Dornier 328',
    'EMB-120', 'Embraer E-Jet', 'Embraer ERJ 145', 'Embraer Legacy 600', 'Eurofighter Typhoon',
    'F-16', 'F/A-18', 'Falcon 2000', 'Falcon 900', 'Fokker 100', 'Fokker 50', 'Fokker 70',
    'Global Express', 'Gulfstream', 'Hawk T1', 'Il-76', 'King Air', 'L-1011', 'MD-11', 'MD-80',
    'MD-90', 'Metroliner', 'PA-28', 'SR-20', 'Saab 2000', 'Saab 340', 'Spitfire', 'Tornado',
    'Tu-134', 'Tu-154', 'Yak-42',
)


def parse_families(text: str) -> list[str]:
  """The family names of `families.txt`, one per line (stripped, blank lines left out)."""
  return [line.strip() for line in text.splitlines() if line.strip()]


def parse_split_line(line: str) -> tuple[str, str]:
  """`'<image id> <family>'` -> (image id, family), the id as written (leading zeros kept).

  Raises:
    ValueError: the line is not an id and a family name of the task.
  """
  match = _LINE.fullmatch(line.rstrip('\r\n'))
  if not match:
    raise ValueError(f'{line!r} is not "<image id> <family>"')
  image_id, family = match.groups()
  if family not in CLASS_NAMES:
    raise ValueError(f'{line!r} names an unknown family {family!r}')
  return image_id, family


class FgvcAircraftFamily(toolkit.TaskBuilder):
  """FGVC Aircraft families; images from the extracted archive, labels from the split lists."""

  TASK = 'fgvc_aircraft_family'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST

  def _examples(self, dl_manager) -> list[toolkit.Example]:
    # Extracted once into the download dir: the manufacturer and variant levels read it too.
    root = self.download(dl_manager, _URL, extract=True)
    with self.expected_content(_ARCHIVE):
      return list(listed_examples(root))


def _read(data: epath.Path, file_name: str) -> str:
  path = data / file_name
  if not path.exists():
    raise ValueError(f'{file_name} is missing from {_DATA}/')
  return path.read_text()


def listed_examples(root: epath.Path) -> Iterator[toolkit.Example]:
  """The images of the two official family lists, after checking `families.txt`.

  Raises:
    ValueError: a list file is missing or malformed, or a listed image is missing.
  """
  data = root / _DATA
  families = parse_families(_read(data, _FAMILIES))
  if families != list(CLASS_NAMES):
    raise ValueError(f'{_DATA}/{_FAMILIES} does not list the {len(CLASS_NAMES)} known families '
                     f'in their order ({_first_difference(families, CLASS_NAMES)})')
  for source_split, file_name in _SPLIT_FILES.items():
    for line in _read(data, file_name).splitlines():
      if not line.strip():
        continue
      image_id, family = parse_split_line(line)
      key = f'{_DATA}/images/{image_id}.jpg'
      if not (root / key).exists():
        raise ValueError(f'{file_name} lists image {image_id}, but {key} is missing')
      yield toolkit.Example(key=key, image=root / key, label=family, source_split=source_split)


def _first_difference(found: list[str], expected: tuple[str, ...]) -> str:
  for index, (name, known) in enumerate(zip(found, expected)):
    if name != known:
      return f'line {index + 1} is {name!r}, not {known!r}'
  return f'{len(found)} families instead of {len(expected)}'
