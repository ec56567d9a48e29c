"""ArrayRecord copies of prepared tasks, for random access without TensorFlow (PyTorch, Grain).

Tasks are written as TFRecord, which `tfds.load` (tf.data) reads. `add_array_record` writes
ArrayRecord shards of the same examples beside them (`tfds convert_format`, without `--out_dir`)
and records the format in `dataset_info.json`, so one data dir serves both `tfds.load` and
`tfds.data_source`. Conversion uses TensorFlow; reading an ArrayRecord source does not.

TFDS 4.9.10 gotcha handled here: a builder created from code (`tfds.builder('nevis/<task>')`)
ignores the `alternative_file_formats` of the `dataset_info.json` it restores, so its
`as_data_source(file_format='array_record')` refuses; the read-only builder made from the
directory honours them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from etils import epath
import tensorflow_datasets as tfds

ARRAY_RECORD = tfds.core.FileFormat.ARRAY_RECORD


class NoArrayRecordError(FileNotFoundError):
  """A prepared task without ArrayRecord files."""


def has_array_record(builder: tfds.core.DatasetBuilder) -> bool:
  """Whether the prepared dataset of `builder` has ArrayRecord shards.

  Read from `dataset_info.json` on disk, not from `builder.info`, which a conversion made after
  the builder was created does not update.
  """
  if builder.info.file_format is ARRAY_RECORD:
    return True
  info_file = epath.Path(builder.data_dir) / 'dataset_info.json'
  if not info_file.exists():
    return False
  return ARRAY_RECORD.value in json.loads(info_file.read_text()).get('alternativeFileFormats', [])


def add_array_record(builder: tfds.core.DatasetBuilder) -> bool:
  """Writes ArrayRecord shards beside the prepared TFRecords; False if they already exist."""
  if has_array_record(builder):
    return False
  from tensorflow_datasets.scripts.cli import convert_format_utils  # pylint: disable=g-import-not-at-top

  convert_format_utils.convert_dataset(
      out_dir=None, out_file_format=ARRAY_RECORD, dataset_version_dir=builder.data_dir)
  return True


def array_record_source(builder: tfds.core.DatasetBuilder, split: str,
                        **kwargs: Any) -> Sequence[Any]:
  """A random-access source of `split` (`len`, `[i]`, `__getitems__`), TensorFlow-free.

  Args:
    builder: a prepared NEVIS task builder.
    split: a split spec (`train`, `train+dev`, `dev[:10]`, ...).
    **kwargs: passed to `as_data_source` (`decoders`, `deserialize_method`).

  Raises:
    NoArrayRecordError: the task was prepared without ArrayRecord shards; the message gives
      the command that adds them.
  """
  if not has_array_record(builder):
    task = builder.builder_config.name if builder.builder_config else builder.name
    raise NoArrayRecordError(
        f'[{task}] {builder.data_dir} has no ArrayRecord files, which TensorFlow-free readers '
        f'(PyTorch baselines, tfds.data_source) need. Add them beside the TFRecords with\n'
        f'  nevis convert {task} --data_dir {builder.data_dir_root}\n'
        f'or build with `--file_format array_record`.')
  if builder.info.file_format is ARRAY_RECORD:
    return builder.as_data_source(split=split, **kwargs)
  read_only = tfds.builder_from_directory(epath.Path(builder.data_dir))
  return read_only.as_data_source(split=split, file_format=ARRAY_RECORD, **kwargs)
