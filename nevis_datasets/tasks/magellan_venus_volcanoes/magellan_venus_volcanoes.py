"""Magellan Venus Volcanoes (JARtool): 1024x1024 SAR images of Venus, volcano or not."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from absl import logging
from etils import epath
import numpy as np

from nevis_datasets import toolkit

_URL = 'http://archive.ics.uci.edu/ml/machine-learning-databases/volcanoes-mld/volcanoes.tar.gz'
_IMAGES_DIR = 'package/Images'
# The reference's filter of archive members that are not images to classify.
_IGNORED = re.compile(r'.*\.spr$|Chips|FOA|GroundTruths|Programs|Tables|README')
# Images are headerless uint8 rasters of this side; the test patches it to keep fake files tiny.
_IMAGE_SIDE = 1024
# Confidence level 1 of a ground-truth line: "definitely a volcano".
_DEFINITELY = '1'


def has_definite_volcano(lines: Iterable[str]) -> bool:
  """Whether any `.lxyr` line (`<confidence> <x> <y> <radius>`) has confidence level 1."""
  return any(line.split()[:1] == [_DEFINITELY] for line in lines)


def read_labels(root: epath.Path) -> dict[str, str]:
  """Image file name (`img1.sdt`) -> 'pos' or 'neg', from every `GroundTruths/*.lxyr`."""
  paths = [folder / name for folder, _, names in root.walk() for name in names
           if name.endswith('.lxyr')
           and 'GroundTruths' in (folder / name).relative_to(root).as_posix()]
  labels = {}
  for path in sorted(paths):
    positive = has_definite_volcano(path.read_text(encoding='utf-8').splitlines())
    labels[path.stem + '.sdt'] = 'pos' if positive else 'neg'
  return labels


def raw_image(data: bytes, side: int) -> np.ndarray | bytes:
  """The `side`x`side` uint8 raster of a `.sdt` file.

  A file of the wrong size is returned as its raw bytes, which the toolkit fails to decode: it
  is then skipped and counted like any corrupt image, instead of aborting the build.
  """
  if len(data) != side * side:
    return data
  return np.frombuffer(data, dtype=np.uint8).reshape(side, side)


def label_of(name: str, labels: Mapping[str, str]) -> str:
  """'pos'/'neg' of image `name`; an image without a ground-truth file has no volcano: 'neg'."""
  if name not in labels:
    logging.warning('[magellan_venus_volcanoes] no ground-truth file for %s: labelled neg.', name)
  return labels.get(name, 'neg')


class MagellanVenusVolcanoes(toolkit.TaskBuilder):
  """Label 'pos' when the image's ground truth lists a volcano of confidence 1, else 'neg'."""

  TASK = 'magellan_venus_volcanoes'
  CLASS_NAMES = ['neg', 'pos']  # The reference's label_to_id.
  GRAYSCALE = True

  def _examples(self, dl_manager):
    root = self.download(dl_manager, _URL, extract=True)
    labels = read_labels(root)
    images_dir = root / _IMAGES_DIR
    if not images_dir.is_dir():
      raise toolkit.CorruptDataError(
          f'[{self.TASK}] {_URL} has no {_IMAGES_DIR}/ folder: the download is incomplete or '
          'not the JARtool package. Delete it from the download dir and build again.')
    for path in sorted(images_dir.iterdir()):
      key = f'{_IMAGES_DIR}/{path.name}'
      if path.is_dir() or _IGNORED.search(key) or path.suffix != '.sdt':
        continue
      yield toolkit.Example(key=key, image=raw_image(path.read_bytes(), _IMAGE_SIDE),
                            label=label_of(path.name, labels))
