"""Readers of one split of a prepared task that hold nothing of its other splits.

Tasks are written as TFRecord, which `tfds.load` (tf.data) reads; ArrayRecord shards of the same
records can sit beside them (`nevis convert`, or `--file_format array_record`: see
`toolkit.file_formats`), for random access without TensorFlow (PyTorch, Grain,
`tfds.data_source`).

`SplitFiles` is one split as its shard files, read through TFDS's own tf.data reader or as an
`ArrayRecordSource`, decoding only the features asked for. Neither keeps a builder, a
`DatasetInfo` or a `SplitDict`: what a learner is given cannot lead it to the other splits of
the task, nor (when the features leave them out) to the labels.
"""

from __future__ import annotations

import dataclasses
import os
import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from etils import epath
import tensorflow_datasets as tfds
from tensorflow_datasets.core.utils import shard_utils

from nevis_datasets.toolkit import file_formats

if TYPE_CHECKING:
  import tensorflow as tf  # Only tf.data readers import it, when first used.

ARRAY_RECORD = file_formats.ARRAY_RECORD
_AUTOCACHE_BYTES = 250 * 2**20  # `as_dataset` caches datasets up to this size in memory.


def has_array_record(builder: tfds.core.DatasetBuilder) -> bool:
  """Whether the prepared task of `builder` has ArrayRecord shards (read from its files)."""
  return file_formats.has_array_record(builder.data_dir)


def add_array_record(builder: tfds.core.DatasetBuilder) -> bool:
  """Writes ArrayRecord shards beside the prepared TFRecords; False if they already exist."""
  return file_formats.add_array_record(builder.data_dir, _task(builder))


def _task(builder: tfds.core.DatasetBuilder) -> str:
  return builder.builder_config.name if builder.builder_config else builder.name


@dataclasses.dataclass(frozen=True)
class SplitFiles:
  """One split of a prepared task (`train`, `train+dev`, ...) as its shards, and nothing more.

  Built from the task's builder, it keeps only what reading the split needs (its file
  instructions in both formats, and whether TFDS would cache it), so the readers it makes reach
  no other split.
  """

  task: str
  data_dir: str  # The task's version directory and the data dir root, for NoArrayRecordError.
  data_dir_root: str
  file_format: tfds.core.FileFormat  # Of `shards`: the format `tfds.load` reads.
  shards: tuple[shard_utils.FileInstruction, ...]
  array_record_shards: tuple[shard_utils.FileInstruction, ...]  # Once the task is converted.
  autocache: bool  # Small enough for `as_dataset` to cache it in memory.

  @classmethod
  def of(cls, builder: tfds.core.DatasetBuilder, split: str) -> 'SplitFiles':
    info = builder.info
    as_array_record = tfds.core.SplitDict([
        s.replace(filename_template=s.filename_template.replace(
            filetype_suffix=ARRAY_RECORD.file_suffix)) for s in info.splits.values()])
    return cls(
        task=_task(builder), data_dir=str(builder.data_dir),
        data_dir_root=str(builder.data_dir_root),
        file_format=info.file_format or tfds.core.file_adapters.DEFAULT_FILE_FORMAT,
        shards=tuple(info.splits[split].file_instructions),
        array_record_shards=tuple(as_array_record[split].file_instructions),
        autocache=0 < info.dataset_size <= _AUTOCACHE_BYTES)

  @property
  def num_examples(self) -> int:
    return sum(shard.take for shard in self.shards)

  def dataset(self, features: tfds.features.FeaturesDict, *, shuffle_files: bool = False,
              seed: int | None = None, in_file_order: bool = False) -> 'tf.data.Dataset':
    """The split's examples, with only `features` parsed (the others are never decoded).

    Read by TFDS's own reader exactly as `builder.as_dataset(split, shuffle_files=...,
    read_config=tfds.ReadConfig(shuffle_seed=seed))` reads them (file interleaving, in-memory
    cache of small datasets, prefetch), or with `in_file_order` one shard after the other: the
    order of `ArrayRecordSource` and of the TFRecord files, which `as_dataset` interleaves.
    """
    import tensorflow as tf  # pylint: disable=g-import-not-at-top
    from tensorflow_datasets.core import reader as reader_lib  # pylint: disable=g-import-not-at-top

    read_config = (tfds.ReadConfig(interleave_cycle_length=1) if in_file_order
                   else tfds.ReadConfig(shuffle_seed=seed))
    reader = reader_lib.Reader(features.get_serialized_info(), self.file_format)
    ds = reader.read_files(list(self.shards), read_config=read_config,
                           shuffle_files=shuffle_files, decode_fn=features.decode_example)
    if self.autocache and not (shuffle_files and len(self.shards) > 1):
      ds = ds.cache()  # As `as_dataset`: not when caching would fix a shuffled file order.
    return ds.prefetch(tf.data.AUTOTUNE)

  def array_record_source(self, features: tfds.features.FeaturesDict) -> 'ArrayRecordSource':
    """Random access to the split, TensorFlow-free, decoding only `features`.

    Raises:
      NoArrayRecordError: the task has no ArrayRecord files yet; the message gives the command
        that adds them.
    """
    if not all(epath.Path(shard.filename).exists() for shard in self.array_record_shards):
      raise file_formats.no_array_record_error(self.task, self.data_dir, self.data_dir_root)
    return ArrayRecordSource(self.array_record_shards, features)


# Per process, the open readers of each ArrayRecordSource: outside the objects, so that they
# pickle (DataLoader workers) and a forked process opens its own readers.
_READERS: weakref.WeakKeyDictionary['ArrayRecordSource', tuple[int, Any]] = (
    weakref.WeakKeyDictionary())


@dataclasses.dataclass(frozen=True, eq=False)
class ArrayRecordSource:
  """Random access (`len`, `[i]`, `__getitems__`) to ArrayRecord shards, decoding only `features`.

  Holds the shards and the features, nothing else; other features of the records (for a
  prediction event: the labels) are never decoded. Readers open on first access.
  """

  shards: tuple[shard_utils.FileInstruction, ...]
  features: tfds.features.FeaturesDict

  def __len__(self) -> int:
    return sum(shard.take for shard in self.shards)

  def _records(self) -> Any:
    pid, records = _READERS.get(self, (None, None))
    if pid != os.getpid():
      from array_record.python import array_record_data_source  # pylint: disable=g-import-not-at-top
      records = array_record_data_source.ArrayRecordDataSource(list(self.shards))
      _READERS[self] = (os.getpid(), records)
    return records

  def __getitem__(self, index: int) -> dict[str, Any]:
    if not 0 <= index < len(self):
      raise IndexError(f'Index {index} outside [0, {len(self)}).')
    return self.features.deserialize_example_np(self._records()[index])

  def __getitems__(self, indices: Sequence[int]) -> list[dict[str, Any]]:
    if not indices:
      return []
    return [self.features.deserialize_example_np(record)
            for record in self._records().__getitems__(list(indices))]
