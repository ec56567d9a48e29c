"""Food-101: 101 dishes, 1,000 photos each (750 train, 250 test), built with Apache Beam."""

from __future__ import annotations

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import streaming
from nevis_datasets.toolkit.sources import food101 as food101_source

_URL = 'http://data.vision.ee.ethz.ch/cvl/food-101.tar.gz'
_IMAGES = 'food-101/images/'
# The official split lists: one '<class>/<id>' per line, without the '.jpg'.
_SPLIT_FILES = {'train': 'food-101/meta/train.txt', 'test': 'food-101/meta/test.txt'}


def _member(path: str) -> streaming.Member | None:
  """`food-101/images/<class>/<id>.jpg` -> key `<class>/<id>`, label `<class>`."""
  if not (path.startswith(_IMAGES) and path.endswith('.jpg')):
    return None
  key = path[len(_IMAGES):-len('.jpg')]
  if key.count('/') != 1:
    raise ValueError(f'{path} is not food-101/images/<class>/<id>.jpg')
  return streaming.Member(key=key, label=key.split('/', 1)[0])


def _source_splits(lists: dict[str, bytes]) -> dict[str, str]:
  return {line.strip(): split for split, path in _SPLIT_FILES.items()
          for line in lists[path].decode().splitlines() if line.strip()}


class Food101(toolkit.TaskBuilder):
  """Food-101; label = the class folder, split = the official meta/{train,test}.txt lists."""

  TASK = 'food101'
  CLASS_NAMES = food101_source.CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST
  USE_BEAM = True  # 101,000 JPEGs, ~5 GB.

  def _examples(self, dl_manager):
    # Read in one pass without extraction; extracted for Beam workers.
    return streaming.StreamedArchive(
        archive=self.download(dl_manager, _URL), member=_member,
        lists=tuple(_SPLIT_FILES.values()), source_splits=_source_splits)
