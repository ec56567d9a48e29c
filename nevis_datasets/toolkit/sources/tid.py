"""The TID image-quality sets (Ponomarenko et al.), read by two tasks: `tid2008` and `tid2013`.

Shared source knowledge lives here, in the toolkit, so that neither task module imports the
other. Each RAR archive holds 25 reference images (`I01.BMP` ..) and their distorted versions
`i{subject:02d}_{type:02d}_{level}.bmp` (TID2008: 17 distortion types x 4 levels = 1,700;
TID2013: 24 x 5 = 3,000; the case of the `i` varies), 512x384 RGB BMPs, with tables of
per-image scores, one value a line in subject, type, level order and without names. The
reference (dm_nevis `tid.py`) unpacked the archive flat (`unrar e`, folders ignored) and labels
each distorted image by its MSSIM value (table `MSSIM.TXT` in TID2008, `MSSIM.txt` in TID2013):
5 equal-count buckets of all the table's values (`labels.equal_count_buckets`); images are
matched to table entries by their lower-cased names. The same here: only file names count, not
folders, and an example's key is its lower-cased name.
"""

from __future__ import annotations

import collections
import dataclasses
import re
from collections.abc import Iterator, Mapping
from typing import ClassVar

from absl import logging
from etils import epath
import tensorflow_datasets as tfds

from nevis_datasets import toolkit
from nevis_datasets.toolkit import labels
from nevis_datasets.toolkit import rar
from nevis_datasets.toolkit import trees

NUM_BUCKETS = 5
# Bucket k of the MSSIM values, k = 0 the lowest (the most distorted fifth).
CLASS_NAMES = tuple(f'quality_{k}' for k in range(NUM_BUCKETS))
_DISTORTED = re.compile(r'i\d\d_\d\d_\d\.bmp')


@dataclasses.dataclass(frozen=True)
class Tid:
  """One TID release: its archive, its MSSIM table and the size of its table."""

  url: str  # As in the catalog.
  file_name: str  # Its catalog file name.
  table: str  # The MSSIM table's file name, in the reference's case.
  num_types: int  # Distortion types.
  num_levels: int  # Distortion levels per type.
  num_subjects: int = 25  # Reference images.

  def image_names(self) -> list[str]:
    """The distorted images' lower-cased names, in the order of the table's lines."""
    return [f'i{subject:02d}_{kind:02d}_{level}.bmp'
            for subject in range(1, self.num_subjects + 1)
            for kind in range(1, self.num_types + 1)
            for level in range(1, self.num_levels + 1)]

  def parse_table(self, text: str) -> dict[str, float]:
    """Image name -> MSSIM, from the table's first lines (later lines are ignored, as there).

    Raises:
      ValueError: fewer lines than images, or a line that is not a number.
    """
    names = self.image_names()
    lines = text.splitlines()
    if len(lines) < len(names):
      raise ValueError(f'{self.table} has {len(lines)} lines, fewer than the {len(names)} '
                       'distorted images')
    if any(line.strip() for line in lines[len(names):]):
      logging.warning('%s has %d lines after its %d values: not used (as in the reference).',
                      self.table, len(lines) - len(names), len(names))
    values = {}
    for number, (name, line) in enumerate(zip(names, lines), start=1):
      try:
        values[name] = float(line.strip())
      except ValueError:
        raise ValueError(f'line {number} of {self.table} ({line.strip()[:40]!r}, for {name}) '
                         'is not a number') from None
    return values

  def labels(self, text: str) -> dict[str, int]:
    """Image name -> bucket of its MSSIM among all the table's values."""
    values = self.parse_table(text)
    return dict(zip(values, labels.equal_count_buckets(list(values.values()), NUM_BUCKETS)))

  def table_path(self, files: Mapping[str, epath.Path]) -> epath.Path:
    """The extracted table among the archive's files (member path -> path), whatever folder.

    Raises:
      ValueError: no member, or more than one, has the table's name.
    """
    found = [path for member, path in files.items() if member.rsplit('/', 1)[-1] == self.table]
    if len(found) != 1:
      raise ValueError(f'{len(found)} members are named {self.table}, one was expected')
    return found[0]

  def images(self, files: Mapping[str, epath.Path], bucket_of: Mapping[str, int]
             ) -> Iterator[tuple[str, epath.Path, int]]:
    """`(lower-cased name, path, label)` of each distorted image, in name order.

    Raises:
      ValueError: two members share a lower-cased image name, or a table entry has no image.
    """
    by_name = collections.defaultdict(list)
    for member, path in files.items():
      name = member.rsplit('/', 1)[-1].lower()
      if name in bucket_of:
        by_name[name].append(member)
      elif _DISTORTED.fullmatch(name):
        raise ValueError(f'{member} is not among the {len(bucket_of)} images of {self.table}')
    for name, members in by_name.items():
      if len(members) > 1:
        raise ValueError(f'{" and ".join(sorted(members))} are both image {name}')
    missing = sorted(set(bucket_of) - set(by_name))
    if missing:
      raise ValueError(f'{len(missing)} image(s) of {self.table} are missing, e.g. '
                       f'{", ".join(missing[:3])}')
    for name in sorted(by_name):
      yield name, files[by_name[name][0]], bucket_of[name]


TID2008 = Tid(url='https://ponomarenko.info/tid/tid2008.rar', file_name='tid2008.rar',
              table='MSSIM.TXT', num_types=17, num_levels=4)
TID2013 = Tid(url='https://ponomarenko.info/tid2013/tid2013.rar', file_name='tid2013.rar',
              table='MSSIM.txt', num_types=24, num_levels=5)


class TidTaskBuilder(toolkit.TaskBuilder):
  """A TID task: the distorted BMPs of the extracted RAR, labelled by their MSSIM bucket."""

  CLASS_NAMES = CLASS_NAMES
  SOURCE: ClassVar[Tid]

  def _examples(self, dl_manager: tfds.download.DownloadManager
                ) -> Iterator[toolkit.Example]:
    source = self.SOURCE
    archive = self.download(dl_manager, source.url)
    # Where `TaskBuilder.extract` puts extractions (TFDS's `<download_dir>/extracted`).
    extract_dir = getattr(dl_manager, '_extract_dir', None) or (
        epath.Path(dl_manager.download_dir) / 'extracted')
    # Tied to the archive's path, size and mtime (`download` does not return its md5).
    root = rar.extract(self.TASK, archive, extract_dir, origin=source.url)
    files = dict(trees.extracted_files(root))
    with self.expected_content(source.file_name):
      text = source.table_path(files).read_bytes().decode('latin-1')
      for name, path, label in source.images(files, source.labels(text)):
        # A BMP: the toolkit stores it as PNG.
        yield toolkit.Example(key=name, image=path, label=label)
