"""IAPR TC-12 with the SAIAPR TC-12 region labels, as multi-label classification (276 classes).

The Kaggle dataset `nastyatima/iapr-tc12` holds the IAPR TC-12 photos (`<top>/images/<NN>/<id>.jpg`,
with their captions) and the segmented and annotated version of Escalante et al. under
`saiaprtc12ok/`: the vocabulary `benchmark/wlist.txt` (`<id>\\t<name>` lines, ids from 1), the
regions' labels `benchmark/saiapr_tc-12/<NN>/labels.txt` (`<image id> <region> <label id>` lines,
NN = 00..40), a copy of the images with their segmentation masks, and the lists of image ids
`matlab/matlab/{training,validation,testing}.mat`. As in the reference, the images are the ones
under an `images/` folder outside `saiaprtc12ok/` (its copies left out) whose id is in
training.mat or validation.mat (testing.mat's are not used); an image's labels are those of its
regions, as a multi-hot vector over the 276 wlist.txt classes. The source split is not used:
images are divided by a hash of their image id.

Differences from the reference (see README.md): every region label of an image is kept (the
reference kept only its last region's, a bug); the wlist.txt entry without a name is named
`unnamed-<id>`; splits by hash instead of a seeded draw in archive order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from nevis_datasets import toolkit
from nevis_datasets.toolkit import matfiles
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import trees

_ARCHIVE = 'iapr-tc12.zip (Kaggle nastyatima/iapr-tc12)'
_SAIAPR = 'saiaprtc12ok'  # The annotated copy; its own images are duplicates, not used.
_WLIST = f'{_SAIAPR}/benchmark/wlist.txt'
# The source's training and validation lists (file, variable); its testing list is not used.
_ID_LISTS = ((f'{_SAIAPR}/matlab/matlab/training.mat', 'training'),
             (f'{_SAIAPR}/matlab/matlab/validation.mat', 'validation'))
_LABELS = _SAIAPR + '/benchmark/saiapr_tc-12/{folder:02d}/labels.txt'
_NUM_FOLDERS = 41  # 00 .. 40.
_IMAGE_FOLDER = '/images/'
# The reference's ignored files; every other file under an images folder is an image.
_NOT_IMAGES = ('.eps', '.txt', '.mat', '.pdf')
_IMAGE_ID = re.compile(r'\d+')


def _integer(value: str, what: str) -> int:
  """An integer written as one ('25') or as a float ('25.0', '2.5e+01', as np.loadtxt reads)."""
  try:
    number = float(value)
  except ValueError:
    number = None
  if number is None or not number.is_integer() or number < 0:
    raise ValueError(f'{what} {value!r} is not a non-negative integer')
  return int(number)


def unnamed(label_id: int) -> str:
  """The class name of a wlist.txt entry without a name (the reference: ' ')."""
  return f'unnamed-{label_id}'


def parse_wlist(text: str) -> tuple[str, ...]:
  """The class names of wlist.txt (`<id>\\t<name>` lines, ids 1..N), in id order.

  Raises:
    ValueError: a line that is not `<id>\\t<name>`, or ids that are not 1..N once each.
  """
  names = {}
  for number, line in enumerate(text.splitlines(), 1):
    if not line.strip():
      continue
    fields = line.split('\t')
    if len(fields) != 2:
      raise ValueError(f'line {number} of wlist.txt is {line!r}, not <id><TAB><name>')
    label_id = _integer(fields[0], f'line {number} of wlist.txt: the id')
    if label_id in names:
      raise ValueError(f'id {label_id} appears twice in wlist.txt')
    names[label_id] = fields[1].strip() or unnamed(label_id)
  if sorted(names) != list(range(1, len(names) + 1)):
    raise ValueError(f'the ids of wlist.txt are not 1..{len(names)}')
  return tuple(names[i] for i in range(1, len(names) + 1))


def parse_region_labels(text: str, num_classes: int, source: str) -> dict[int, set[int]]:
  """Image id -> the 0-based label ids of its regions, from one labels.txt.

  Raises:
    ValueError: a line that is not `<image id> <region> <label id>`, or a label id outside
      1..num_classes.
  """
  labels: dict[int, set[int]] = {}
  for number, line in enumerate(text.splitlines(), 1):
    fields = line.split()
    if not fields:
      continue
    where = f'line {number} of {source}'
    if len(fields) != 3:
      raise ValueError(f'{where} is {line!r}, not <image id> <region> <label id>')
    image_id = _integer(fields[0], f'{where}: the image id')
    label_id = _integer(fields[2], f'{where}: the label id')
    if not 1 <= label_id <= num_classes:
      raise ValueError(f'{where}: label id {label_id} is outside 1..{num_classes}')
    labels.setdefault(image_id, set()).add(label_id - 1)
  return labels


def merge_labels(per_file: Mapping[str, Mapping[int, set[int]]]) -> dict[int, tuple[int, ...]]:
  """Image id -> sorted label ids, over all labels.txt files.

  Raises:
    ValueError: an image id labelled in two files (image ids are unique in IAPR TC-12).
  """
  merged: dict[int, tuple[int, ...]] = {}
  first_file: dict[int, str] = {}
  for source, labels in per_file.items():
    for image_id, label_ids in labels.items():
      if image_id in merged:
        raise ValueError(f'image {image_id} is labelled in {first_file[image_id]} and {source}')
      merged[image_id] = tuple(sorted(label_ids))
      first_file[image_id] = source
  return merged


def parse_id_list(values, source: str) -> set[int]:
  """The image ids of one of the source's .mat lists (a vector of numbers)."""
  ids = set()
  for value in values.ravel().tolist():
    if not float(value).is_integer() or value < 0:
      raise ValueError(f'{source} lists {value!r}, not an image id')
    ids.add(int(value))
  return ids


def image_id(key: str) -> int | None:
  """The id of an image file of the photos (`.../images/.../<id>.jpg`), else None.

  Files of the annotated copy (`saiaprtc12ok/`) and the reference's ignored types (.eps, .txt,
  .mat, .pdf) are not images of the task.

  Raises:
    ValueError: a file of an images folder whose name is not `<id>.<suffix>`.
  """
  if (_IMAGE_FOLDER not in f'/{key}' or _SAIAPR in key
      or key.lower().endswith(_NOT_IMAGES)):
    return None
  stem = key.rsplit('/', 1)[-1].rsplit('.', 1)[0]
  if not _IMAGE_ID.fullmatch(stem):
    raise ValueError(f'{key!r} is in an images folder but is not named <image id>.jpg')
  return int(stem)


def list_images(files: Iterable[str], kept_ids: set[int],
                labels: Mapping[int, tuple[int, ...]]) -> Iterator[tuple[str, int]]:
  """`(key, image id)` of the images whose id is in `kept_ids`, in key order.

  Raises:
    ValueError: a kept image without region labels (the reference asserted they all have some).
  """
  for key in sorted(files):
    found = image_id(key)
    if found is None or found not in kept_ids:
      continue
    if found not in labels:
      raise ValueError(f'{key!r} (image {found}) has no region labels in any labels.txt')
    yield key, found


class Iaprtc12(toolkit.TaskBuilder):
  """IAPR TC-12; labels = the SAIAPR labels of the image's regions, multi-hot."""

  TASK = 'iaprtc12'
  # Read from wlist.txt at build time (`set_class_names`): its 276 names are not known here.
  CLASS_NAMES = None
  SPLIT_RULE = splits.NO_SOURCE_SPLIT

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download_kaggle(dl_manager)
    files = dict(trees.extracted_files(root))
    with self.expected_content(_ARCHIVE):
      for required in (_WLIST, *(path for path, _ in _ID_LISTS)):
        if required not in files:
          raise ValueError(f'{required} is missing')
      names = parse_wlist(files[_WLIST].read_text(encoding='utf-8'))
      self.set_class_names(names)
      kept_ids = set()
      for path, variable in _ID_LISTS:
        variables = matfiles.read_mat(files[path])
        if variable not in variables:
          raise ValueError(f'{path} has no variable {variable!r}')
        kept_ids |= parse_id_list(variables[variable], path)
      per_file = {}
      for folder in range(_NUM_FOLDERS):
        path = _LABELS.format(folder=folder)
        if path in files:  # As in the reference, a folder without labels.txt adds none.
          per_file[path] = parse_region_labels(files[path].read_text(encoding='utf-8'),
                                               len(names), path)
      labels = merge_labels(per_file)
      images = list(list_images(files, kept_ids, labels))
    for key, found in images:
      # Keyed by the image id, which decides the split (`NO_SOURCE_SPLIT`).
      yield toolkit.Example(key=str(found), image=files[key], label=list(labels[found]))
