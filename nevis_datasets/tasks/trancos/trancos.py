"""TRANCOS v3 (Guerrero-Gomez-Olmedo et al., IbPRIA 2015): 1244 traffic-camera images.

`TRANCOS_v3.tar.gz` holds `TRANCOS_v3/images/image-<c>-<n>.jpg`, beside each image its
annotation `image-<c>-<n>.txt` (one `x y` line per vehicle; the `...dots.png` and
`...mask.mat` files are not used), and the official lists `TRANCOS_v3/image_sets/
{training,validation,test}.txt` (one image name a line; `trainval.txt` is not used). The tar is
extracted once (tar members are not random-access) and read from there.

Label = the image's vehicle count, quantised into 10 classes of contiguous counts by the
reference's rule (`toolkit.labels.count_buckets`) over the counts of all annotation files, as
the reference; class names ('<lowest>-<highest>') come from the data. Splits: training.txt is
divided into train/dev by a hash of the image path, validation.txt is dev_test, test.txt test.

Differences from the reference (see README.md): no count cap (the reference's histogram crashed
on a count of 200 and its lookup beyond 199); empty buckets where bounds coincide; class names
that say each bucket's counts; train/dev by hash instead of a seeded draw; a listed image
without annotation, an image in two lists or a malformed line stops the build with a message.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
import math

from absl import logging

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import trees

_URL = ('https://universidaddealcala-my.sharepoint.com/:u:/g/personal/gram_uah_es/'
        'Eank6osXQgxEqa-1bb0nVsoBc3xO4XDwENc_g0nc6t58BA?&Download=1')
TAR = 'TRANCOS_v3.tar.gz'
IMAGES = 'TRANCOS_v3/images'
IMAGE_SETS = 'TRANCOS_v3/image_sets'
# Official list -> the source split of its images (SPLIT_RULE's names).
LISTS = {'training.txt': 'train', 'validation.txt': 'validation', 'test.txt': 'test'}


def _is_point(fields: Sequence[str]) -> bool:
  try:
    return len(fields) >= 2 and all(math.isfinite(float(f)) for f in fields[:2])
  except ValueError:
    return False


def vehicle_count(text: str, file_name: str) -> int:
  """The number of vehicles an annotation file marks: its `x y` lines (blank ones ignored).

  Raises:
    ValueError: a line does not start with two numbers.
  """
  count = 0
  for number, line in enumerate(text.splitlines(), 1):
    if not line.strip():
      continue
    if not _is_point(line.split()):
      raise ValueError(f'{file_name} line {number} is not the "x y" of a vehicle: {line!r}')
    count += 1
  return count


def parse_image_set(text: str, file_name: str) -> list[str]:
  """The image names of an official list, in order, each once (blank lines ignored).

  Raises:
    ValueError: a line is not the name of a .jpg file.
  """
  names = {}
  for number, line in enumerate(text.splitlines(), 1):
    name = line.strip()
    if not name:
      continue
    if '/' in name or not name.endswith('.jpg') or name == '.jpg':
      raise ValueError(f'{file_name} line {number} is not an image name: {line!r}')
    names.setdefault(name, None)
  return list(names)


def source_splits(lists: Mapping[str, Sequence[str]]) -> dict[str, str]:
  """Image name -> source split, from the names of each file of LISTS.

  Raises:
    ValueError: an image is in two lists.
  """
  split_of: dict[str, str] = {}
  for file_name, names in lists.items():
    for name in names:
      if name in split_of:
        raise ValueError(f'{name} is in two of {", ".join(LISTS)}')
      split_of[name] = LISTS[file_name]
  return split_of


class Trancos(toolkit.TaskBuilder):
  """TRANCOS; listed images of the extracted tar, label = bucket of their vehicle count."""

  TASK = 'trancos'
  CLASS_NAMES = None  # The count buckets of the data (`set_class_names`).
  SPLIT_RULE = splits.TRAIN_VALIDATION_TEST

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download(dl_manager, _URL, extract=True)
    with self.expected_content(TAR):
      for folder in (IMAGES, IMAGE_SETS):
        if not (root / folder).is_dir():
          raise ValueError(f'{folder}/ is missing')
      lists = {}
      for name in LISTS:
        path = root / IMAGE_SETS / name
        if not path.is_file():
          raise ValueError(f'{IMAGE_SETS}/{name} is missing')
        lists[name] = parse_image_set(path.read_text(encoding='utf-8'), name)
      split_of = source_splits(lists)
      files = dict(trees.extracted_files(root / IMAGES))
      # Every annotation file counts, as in the reference, listed image or not.
      counts = {name.removesuffix('.txt'): vehicle_count(path.read_text(encoding='utf-8'), name)
                for name, path in files.items() if name.endswith('.txt')}
      unannotated = [name for name in split_of
                     if name in files and name.removesuffix('.jpg') not in counts]
      if unannotated:
        raise ValueError(f'{len(unannotated)} listed image(s) have no annotation in {IMAGES}/, '
                         f'e.g. {unannotated[0].removesuffix(".jpg")}.txt')
      buckets = toolkit.labels.count_buckets(list(counts.values()), self.task.num_classes)
    self.set_class_names(buckets.class_names)
    unlisted = sum(name.endswith('.jpg') and name not in split_of for name in files)
    logging.info('[%s] %d annotated images, %d listed; %d unlisted .jpg files not used. Count '
                 'buckets: %s.', self.TASK, len(counts), len(split_of), unlisted,
                 ', '.join(buckets.class_names))
    missing = [name for name in split_of if name not in files]
    self.check_missing_images(missing, len(split_of), listed_in=f'{IMAGE_SETS}/', archive=TAR)
    for name, split in split_of.items():
      if name in files:
        yield toolkit.Example(key=f'{IMAGES}/{name}', image=files[name],
                              label=buckets.label(counts[name.removesuffix('.jpg')]),
                              source_split=split)
