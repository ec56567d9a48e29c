"""MIT Indoor Scenes (Quattoni & Torralba, CVPR 2009): 67 indoor scene categories.

The Kaggle archive `indoor-scenes-cvpr-2019.zip` (extracted by the toolkit) holds the 15,620
images as `indoorCVPR_09/Images/<category>/<file>`, the LabelMe annotations
(`indoorCVPR_09annotations/`, not used) and the official protocol's lists `TrainImages.txt`
and `TestImages.txt` (80 and 20 images per category), one `<category>/<file>` a line. Only the
listed images are used, as in the reference: listed training images are divided into
train/dev/dev_test by a hash of their path, listed test images are test; images in neither list
are left out. Label = the category folder, in the reference's fixed (unsorted) order. Images are
stored as RGB at source size.

Differences from the reference (see README.md): train/dev/dev_test by hash instead of a seeded
draw in list order; a listed image missing from the archive, an image in both lists or a
malformed line stops the build with a message (the reference crashed with a bare KeyError or
took the image into both); a line repeated within a list is used once.
"""

from __future__ import annotations

from collections.abc import Iterator

from absl import logging

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import trees

_ARCHIVE = 'indoor-scenes-cvpr-2019.zip'
IMAGES = 'indoorCVPR_09/Images'
# Protocol list -> the source split of its images.
LISTS = {'TrainImages.txt': 'train', 'TestImages.txt': 'test'}
# The reference handler's label order (a source-defined order, kept; 'stairscase' [sic] is the
# category folder's own spelling).
CLASS_NAMES = (
    'office', 'lobby', 'stairscase', 'winecellar', 'church_inside',
    'studiomusic', 'shoeshop', 'bowling', 'poolinside', 'nursery',
    'meeting_room', 'videostore', 'bathroom', 'library', 'locker_room',
    'movietheater', 'children_room', 'concert_hall', 'clothingstore',
    'pantry', 'subway', 'prisoncell', 'inside_bus', 'garage', 'warehouse',
    'bookstore', 'auditorium', 'laboratorywet', 'tv_studio', 'buffet',
    'waitingroom', 'laundromat', 'bedroom', 'greenhouse', 'cloister',
    'elevator', 'dining_room', 'hairsalon', 'livingroom', 'deli',
    'restaurant_kitchen', 'dentaloffice', 'trainstation', 'casino', 'bar',
    'jewelleryshop', 'kitchen', 'museum', 'grocerystore', 'operating_room',
    'airport_inside', 'gameroom', 'fastfood_restaurant', 'classroom',
    'bakery', 'closet', 'artstudio', 'hospitalroom', 'gym', 'florist',
    'inside_subway', 'toystore', 'kindergarden', 'restaurant', 'mall',
    'corridor', 'computerroom',
)


def category_of(entry: str) -> str:
  """The category of a list entry `<category>/<file>`.

  Raises:
    ValueError: not of that form, or a category outside the 67.
  """
  category, slash, name = entry.partition('/')
  if not slash or not name or '/' in name:
    raise ValueError(f'{entry!r} is not <category>/<file>')
  if category not in CLASS_NAMES:
    raise ValueError(f'{entry!r}: {category!r} is not one of the 67 categories')
  return category


def parse_list(text: str, file_name: str) -> list[str]:
  """The entries of a protocol list, in order, each once (blank lines and CR/LF ends ignored).

  File names may hold spaces and quotes: a line is taken as it is, without stripping.

  Raises:
    ValueError: a line is not `<category>/<file>` of one of the 67 categories.
  """
  entries = {}
  for number, line in enumerate(text.splitlines(), 1):
    if not line.strip():
      continue
    try:
      category_of(line)
    except ValueError as e:
      raise ValueError(f'{file_name} line {number}: {e}') from None
    entries.setdefault(line, None)
  return list(entries)


def source_splits(lists: dict[str, list[str]]) -> dict[str, str]:
  """Entry -> source split, from the entries of each file of LISTS.

  Raises:
    ValueError: an image is in both lists.
  """
  both = sorted(set(lists['TrainImages.txt']) & set(lists['TestImages.txt']))
  if both:
    raise ValueError(f'{len(both)} image(s) are in both TrainImages.txt and TestImages.txt, '
                     f'e.g. {both[0]}')
  return {entry: LISTS[name] for name, entries in lists.items() for entry in entries}


class MitScenes(toolkit.TaskBuilder):
  """MIT Indoor 67; the images of the official lists, from the extracted Kaggle archive."""

  TASK = 'mit_scenes'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download_kaggle(dl_manager)
    with self.expected_content(_ARCHIVE):
      lists = {}
      for name in LISTS:
        if not (root / name).is_file():
          raise ValueError(f'{name} is missing')
        lists[name] = parse_list((root / name).read_text(encoding='utf-8'), name)
      split_of = source_splits(lists)
      if not (root / IMAGES).is_dir():
        raise ValueError(f'{IMAGES}/ is missing')
      files = dict(trees.extracted_files(root / IMAGES))
      missing = [entry for entry in split_of if entry not in files]
      if missing:
        raise ValueError(f'{len(missing)} listed image(s) are not in {IMAGES}/, e.g. '
                         f'{missing[0]}')
    logging.info('[%s] %d of the %d files in %s/ are in neither list: not used.', self.TASK,
                 len(files) - len(split_of), len(files), IMAGES)
    for entry, split in split_of.items():
      yield toolkit.Example(key=f'{IMAGES}/{entry}', image=files[entry],
                            label=category_of(entry), source_split=split)
