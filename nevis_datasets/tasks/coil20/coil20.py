"""COIL-20 (processed): 20 objects on a turntable, 72 poses each."""

from __future__ import annotations

import re

from nevis_datasets import toolkit

_URL = 'http://www.cs.columbia.edu/CAVE/databases/SLAM_coil-20_coil-100/coil-20/coil-20-proc.zip'
_FILE_NAME = re.compile(r'obj(\d+)__\d+\.png')


class Coil20(toolkit.TaskBuilder):
  """COIL-20; label = object number - 1, from the file name `obj<N>__<pose>.png`."""

  TASK = 'coil20'
  CLASS_NAMES = [f'obj{i}' for i in range(1, 21)]

  def _examples(self, dl_manager):
    root = self.download(dl_manager, _URL, extract=True)
    for path in sorted((root / 'coil-20-proc').iterdir()):
      match = _FILE_NAME.fullmatch(path.name)
      if match:
        yield toolkit.Example(key=f'coil-20-proc/{path.name}', image=path,
                              label=int(match.group(1)) - 1)
