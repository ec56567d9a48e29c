"""UIUC cars (Agarwal and Roth): 100x40 grayscale windows with (pos) or without (neg) a car side.

Only the original training set (`TrainImages/pos-*.pgm`, `TrainImages/neg-*.pgm`) is used, as in
the classification setup the reference follows (BMVC 2006): the test folders hold whole scenes
for detection, not labelled windows. The source has no split for this use: images are divided
by a hash of their member path.

Differences from the reference (see README.md): the reference's filter also let the
single-scale test scenes (`TestImages/test-*.pgm`, all containing cars) through, labelled `neg`
because their path has no 'pos'; they are left out here. Splits by hash instead of a seeded
draw in archive order; the label comes from the file name, not from 'pos' anywhere in the path.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from nevis_datasets import toolkit
from nevis_datasets.toolkit import trees

_URL = 'http://host.robots.ox.ac.uk/pascal/VOC/download/uiuc.tar.gz'
CLASS_NAMES = ('neg', 'pos')  # The reference's label_to_id: 0 = no car, 1 = car.
_TRAIN_FOLDER = 'TrainImages'


def label_of(key: str) -> str | None:
  """'pos'/'neg' for a training window, None for any other member (test scenes, text files).

  Raises:
    ValueError: a file of the training folder whose name starts with neither 'pos' nor 'neg'.
  """
  folder, name = posixpath.split(key)
  if posixpath.basename(folder) != _TRAIN_FOLDER or name.endswith('.txt'):
    return None
  for label in CLASS_NAMES:
    if name.startswith(label):
      return label
  raise ValueError(f'{key!r} is in {_TRAIN_FOLDER}/ but is neither a pos- nor a neg- image')


class UiucCars(toolkit.TaskBuilder):
  """UIUC cars training windows from the extracted uiuc.tar.gz; label from the file name."""

  TASK = 'uiuc_cars'
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download(dl_manager, _URL, extract=True)
    for key, path in trees.extracted_files(root):
      with self.expected_content('uiuc.tar.gz'):
        label = label_of(key)
      if label is not None:
        yield toolkit.Example(key=key, image=path, label=label)
