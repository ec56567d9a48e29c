"""MNIST-M (Ganin & Lempitsky): MNIST digits blended over patches of colour photos (BSDS500).

`mnist_m.tar.gz` holds `mnist_m/mnist_m_{train,test}/<8 digits>.png` (28x28 RGB) and one label
file per folder, `mnist_m/mnist_m_{train,test}_labels.txt`, with lines `<name>.png <digit>`. Each
image is labelled from the label file of its own folder (train and test reuse the same names).
As in the reference, the official train/test split is not kept: all images are de-duplicated
by (pixels, label) and divided by a hash of their key `<folder>/<name>.png`.

Differences from the reference (see README.md): train images get their own labels (the
reference merged both label files by file name, giving 9,001 train images the label of the test
image of the same name); splits by hash instead of a seeded draw in generator order; the copy of
a duplicate that is kept is the first in sorted key order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from absl import logging
from etils import epath

from nevis_datasets import toolkit

_URL = 'https://drive.google.com/uc?export=download&id=0B_tExHiYS-0veklUZHFYT19KYjg&confirm=t'
_ARCHIVE = 'mnist_m.tar.gz'
_ROOT = 'mnist_m'
# Image folder -> its label file, both directly under mnist_m/.
LABEL_FILES = {
    'mnist_m_train': 'mnist_m_train_labels.txt',
    'mnist_m_test': 'mnist_m_test_labels.txt',
}
# The digits; the label files give the id (digit d -> id d), as in the reference.
CLASS_NAMES = tuple('0123456789')
_LINE = re.compile(r'(\d+\.png) ([0-9])')


def parse_label_line(line: str) -> tuple[str, int]:
  """`'00000001.png 5'` -> ('00000001.png', 5).

  Raises:
    ValueError: the line is not `<digits>.png <digit>`.
  """
  match = _LINE.fullmatch(line.strip())
  if match is None:
    raise ValueError(f'{line.strip()!r} is not "<digits>.png <digit 0-9>"')
  return match[1], int(match[2])


def parse_labels(text: str, file_name: str) -> dict[str, int]:
  """Image file name -> label id, for one label file.

  Raises:
    ValueError: a malformed line, or an image listed twice.
  """
  labels: dict[str, int] = {}
  for number, line in enumerate(text.splitlines(), 1):
    if not line.strip():
      continue
    try:
      name, label = parse_label_line(line)
    except ValueError as e:
      raise ValueError(f'{file_name} line {number}: {e}') from None
    if name in labels:
      raise ValueError(f'{file_name} line {number}: {name} is listed twice')
    labels[name] = label
  return labels


def folder_examples(root: epath.Path, folder: str) -> list[toolkit.Example]:
  """The images of one folder, labelled from that folder's own label file.

  Raises:
    ValueError: the folder or its label file is missing, an image of the label file is missing,
      or a PNG of the folder is not in its label file.
  """
  label_file = root / LABEL_FILES[folder]
  images = root / folder
  if not label_file.is_file() or not images.is_dir():
    raise ValueError(f'{_ROOT}/{folder}/ or {_ROOT}/{LABEL_FILES[folder]} is missing')
  labels = parse_labels(label_file.read_text(), LABEL_FILES[folder])
  present = set()
  for path in images.iterdir():
    if path.name.endswith('.png'):
      present.add(path.name)
    else:
      logging.info('[mnist_m] %s/%s is not a PNG: not used.', folder, path.name)
  missing = sorted(labels.keys() - present)
  if missing:
    raise ValueError(f'{len(missing)} image(s) of {LABEL_FILES[folder]} are missing from '
                     f'{_ROOT}/{folder}/, e.g. {missing[0]}')
  unlisted = sorted(present - labels.keys())
  if unlisted:
    raise ValueError(f'{len(unlisted)} image(s) of {_ROOT}/{folder}/ are not in '
                     f'{LABEL_FILES[folder]}, e.g. {unlisted[0]}')
  return [toolkit.Example(key=f'{folder}/{name}', image=images / name, label=label)
          for name, label in labels.items()]


class MnistM(toolkit.TaskBuilder):
  """MNIST-M; label from each folder's label file, duplicates dropped, split by key hash."""

  TASK = 'mnist_m'
  CLASS_NAMES = CLASS_NAMES
  # 68,002 28x28 PNGs (a few MB): the process pool is enough. De-duplication decodes them all
  # while listing anyway (about half a minute).

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download(dl_manager, _URL, extract=True) / _ROOT
    examples = []
    for folder in LABEL_FILES:
      with self.expected_content(_ARCHIVE):
        examples.extend(folder_examples(root, folder))
    # Sorted keys: of each group of duplicates the first key is kept, in any process
    # (mnist_m_test/... before mnist_m_train/...).
    examples.sort(key=lambda example: example.key)
    yield from toolkit.dedup.unique_examples(examples)
