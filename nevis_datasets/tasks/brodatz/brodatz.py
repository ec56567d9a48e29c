"""Brodatz textures (USC-SIPI scans, Trygve Randen's copy): 111 grayscale GIFs, one per class.

Following Timofte & Van Gool (2012), as the reference does, each image is cut into a 3x3 grid
of non-overlapping crops (213x213 for the 640x640 scans), and every class gets 5 crops in
`train`, 1 in `dev`, 1 in `dev_test` and 2 in `test`. Which crop goes where is decided by a
stable hash of the file name and crop index, so it does not depend on download or listing
order. Label ids follow the sorted file names (`D1`, `D10`, `D100`, ..., `D99`).

Differences from the reference (see README.md): its ids followed `listdir` order (machine
dependent, and not its own sorted `labels` metadata) and its crop permutations came from one
generator consumed in listing order; both are order-independent here. Images with a side
divisible by 3 give 9 crops here, where the reference's strict bound dropped a row or column.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Sequence

from etils import epath
from PIL import Image

from nevis_datasets import catalog
from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_TASK = 'brodatz'
# One URL per texture, D1..D112 without D14 (absent from the source).
_URLS = tuple(d.url for d in catalog.get(_TASK).downloads)
_GRID = 3
# Split of the crops of one image, in the order of its crop ranking (5 + 1 + 1 + 2 = 9).
_SPLIT_SIZES = ((splits.TRAIN, 5), (splits.DEV, 1), (splits.DEV_TEST, 1), (splits.TEST, 2))

CLASS_NAMES = tuple(sorted(posixpath.splitext(posixpath.basename(url))[0] for url in _URLS))


def crop_boxes(width: int, height: int) -> list[tuple[int, int, int, int]]:
  """The 3x3 grid of `(width // 3) x (height // 3)` boxes, column by column (the reference's
  crop order: x outer, y inner)."""
  w, h = width // _GRID, height // _GRID
  return [(col * w, row * h, (col + 1) * w, (row + 1) * h)
          for col in range(_GRID) for row in range(_GRID)]


def crop_splits(file_name: str) -> list[str]:
  """The split of each of the 9 crops of `file_name`: 5 train, 1 dev, 1 dev_test, 2 test.

  The crops are ranked by a stable hash of `<file name>/<crop index>`; the ranking plays the
  role of the reference's per-image random permutation.
  """
  ranking = sorted(range(_GRID * _GRID),
                   key=lambda k: (splits.hash_fraction(_TASK, f'{file_name}/{k}'), k))
  assigned = [''] * len(ranking)
  position = 0
  for split, size in _SPLIT_SIZES:
    for k in ranking[position:position + size]:
      assigned[k] = split
    position += size
  return assigned


class Brodatz(toolkit.TaskBuilder):
  """Brodatz; 9 lazy crops per texture image, split 5/1/1/2 within each class."""

  TASK = _TASK
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True
  SPLIT_RULE = splits.PRESPLIT

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    for url in _URLS:
      file_name = posixpath.basename(url)
      path = self.download(dl_manager, url)
      width, height = self._size(path, file_name)
      for k, (box, split) in enumerate(zip(crop_boxes(width, height), crop_splits(file_name))):
        yield toolkit.Example(key=f'{file_name}/crop{k}', image=toolkit.images.Crop(path, box),
                              label=posixpath.splitext(file_name)[0], source_split=split)

  def _size(self, path: epath.Path, file_name: str) -> Sequence[int]:
    """The image's size, from its header only (pixels are decoded later, crop by crop)."""
    try:
      with path.open('rb') as f, Image.open(f) as image:
        return image.size
    except (OSError, SyntaxError, ValueError) as e:
      raise toolkit.CorruptDataError(
          f'[{self.TASK}] {file_name} is not a readable image ({e}). Delete it from the '
          'download dir and build again.') from e
