"""Food-101: 101 dishes, 1,000 photos each (750 train, 250 test), built with Apache Beam."""

from __future__ import annotations

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit.sources import food101 as food101_source

_URL = 'http://data.vision.ee.ethz.ch/cvl/food-101.tar.gz'
_ROOT = 'food-101'
# The official split lists: one '<class>/<id>' per line, without the '.jpg'.
_SPLIT_FILES = {'train': 'train.txt', 'test': 'test.txt'}


class Food101(toolkit.TaskBuilder):
  """Food-101; label = the class folder, split = the official meta/{train,test}.txt lists."""

  TASK = 'food101'
  CLASS_NAMES = food101_source.CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST
  USE_BEAM = True  # 101,000 JPEGs, ~5 GB.

  def _examples(self, dl_manager):
    root = self.download(dl_manager, _URL, extract=True) / _ROOT
    for source_split, file_name in _SPLIT_FILES.items():
      split_file = root / 'meta' / file_name
      if not split_file.exists():
        raise FileNotFoundError(
            f'[{self.TASK}] {split_file} is missing from the extracted {_URL}: the archive is '
            'incomplete. Delete it from the download dir and build again.')
      for line in split_file.read_text().splitlines():
        key = line.strip()
        if not key:
          continue
        # A path, not bytes: Beam workers read the images themselves.
        yield toolkit.Example(key=key, image=root / 'images' / f'{key}.jpg',
                              label=key.split('/', 1)[0], source_split=source_split)
