"""File formats of prepared tasks: TFRecord for tf.data, ArrayRecord beside it for random access.

A task is always written as TFRecord, which `tfds.load` reads. Asking for ArrayRecord (the
builder's `file_format='array_record'`, `nevis build --file_format array_record`, or
`tfds.data_source`, which asks for it) adds ArrayRecord shards of the same records beside them
and records them as an alternative format in `dataset_info.json`, so that one data dir serves
`tfds.load`, `tfds.data_source`, Grain and the PyTorch baselines. `add_array_record` does that
copy without TensorFlow: it reads the TFRecord shards (CRCs checked) and writes each record
unchanged, so the copy costs little more than the bytes on disk (see README, "File formats").

TFDS 4.9.10 defects worked around here, and only here (tests/test_file_formats.py checks each
still exists, so that it fails once TFDS fixes one and the workaround can go):

1. `DatasetInfo.read_from_directory` restores `alternative_file_formats` into the info's proto
   but not into the list that `available_file_formats()` reads, so a builder made from code
   (`tfds.builder('nevis/<task>')` after `import nevis_datasets`) does not see ArrayRecord
   copies: `restore_alternative_formats`.
2. `FileReaderBuilder.__init__` sets a requested file format without `override`, so
   `file_format='array_record'` on a task whose main format is TFRecord raises "File format is
   already set", in builders made from code (handled by `TaskBuilder.__init__`) and in TFDS's
   read-only builder, which had just checked that the format is available
   (`patch_read_only_builder`, for `nevis` data only).
3. `as_data_source` makes ArrayRecord the builder's main format, after which its `as_dataset`
   (`tfds.load`) fails; `TaskBuilder.as_data_source` reads through a separate read-only builder.

Without `import nevis_datasets`, no code of ours runs: `tfds.data_source('nevis/<task>',
data_dir=...)` works (TFDS's read-only builder sees the alternative format), but
`tfds.data_source('nevis/<task>')` with no `data_dir` and no `builder_kwargs` (where TFDS asks
for `file_format='array_record'`) meets defect 2.
"""

from __future__ import annotations

import functools
import json
import os
import uuid

from etils import epath
import tensorflow_datasets as tfds
from tensorflow_datasets.core import dataset_info as dataset_info_lib
from tensorflow_datasets.core import read_only_builder

from nevis_datasets import errors
from nevis_datasets.toolkit import locks
from nevis_datasets.toolkit import tfrecords

TFRECORD = tfds.core.FileFormat.TFRECORD
ARRAY_RECORD = tfds.core.FileFormat.ARRAY_RECORD
_INFO_FILE = 'dataset_info.json'
_TMP_MARK = '.nevis-tmp-'  # In the names of shards being written: removed by the next convert.
# ArrayRecord's options for one record per chunk: what TFDS's own adapter writes, and what makes
# `source[i]` read one record rather than a group.
_ARRAY_RECORD_OPTIONS = 'group_size:1'


class NoArrayRecordError(errors.UserError, FileNotFoundError):
  """A prepared task without ArrayRecord files."""


class FileFormatError(errors.UserError, ValueError):
  """A main format asked of a task prepared in another one."""


def no_array_record_error(task: str, data_dir: epath.PathLike,
                          data_dir_root: epath.PathLike) -> NoArrayRecordError:
  return NoArrayRecordError(
      f'[{task}] {data_dir} has no ArrayRecord files, which random access '
      f'(tfds.data_source, Grain, the PyTorch baselines) needs. Add them beside the TFRecords '
      f'with\n  nevis convert {task} --data_dir {data_dir_root}\n'
      f'or build with `--file_format array_record`.')


def parse(file_format: str | tfds.core.FileFormat | None) -> tfds.core.FileFormat | None:
  return None if file_format is None else tfds.core.FileFormat.from_value(file_format)


def has_array_record(data_dir: epath.PathLike) -> bool:
  """Whether the prepared version dir `data_dir` has ArrayRecord shards (its dataset_info.json)."""
  info_file = epath.Path(data_dir) / _INFO_FILE
  if not info_file.exists():
    return False
  info = json.loads(info_file.read_text())
  return ARRAY_RECORD.value in [info.get('fileFormat'), *info.get('alternativeFileFormats', [])]


def restore_alternative_formats(info: tfds.core.DatasetInfo) -> None:
  """Makes `info.available_file_formats()` include the formats restored into its proto (defect 1).

  Also picks up a conversion made after the builder was created.
  """
  known = set(info.alternative_file_formats)
  for value in info.as_proto.alternative_file_formats:
    file_format = tfds.core.FileFormat.from_value(value)
    if file_format not in known:
      info.alternative_file_formats.append(file_format)  # The proto already has it.
      known.add(file_format)


def add_array_record(data_dir: epath.PathLike, task: str) -> bool:
  """Writes ArrayRecord shards beside the TFRecords of the version dir `data_dir`.

  Returns False if they were already there. One process at a time; the shards are written
  under temporary names, renamed once all are written, and `dataset_info.json` names the
  format last, so a failed conversion leaves the task as it was (a killed one leaves
  temporary files, which the next one removes).
  """
  data_dir = epath.Path(data_dir)
  if has_array_record(data_dir):
    return False
  if '://' in os.fspath(data_dir):  # ArrayRecord's writer is local only: TFDS's own copy.
    from tensorflow_datasets.scripts.cli import convert_format_utils  # pylint: disable=g-import-not-at-top
    convert_format_utils.convert_dataset(
        out_dir=None, out_file_format=ARRAY_RECORD, dataset_version_dir=os.fspath(data_dir))
    return True
  from array_record.python import array_record_module  # pylint: disable=g-import-not-at-top

  with locks.exclusive(data_dir, f'adding ArrayRecord files to nevis/{task} in {data_dir}'):
    if has_array_record(data_dir):  # Converted by another process while this one waited.
      return False
    for stale in data_dir.glob(f'*{_TMP_MARK}*'):
      stale.unlink()
    proto = dataset_info_lib.read_proto_from_builder_dir(data_dir)
    sources = dataset_info_lib.get_split_dict_from_proto(proto, data_dir, TFRECORD)
    targets = dataset_info_lib.get_split_dict_from_proto(proto, data_dir, ARRAY_RECORD)
    written = []  # (partial, final): renamed only once every shard is written.
    try:
      for name, split in sources.items():
        for source, target in zip(split.filepaths, targets[name].filepaths, strict=True):
          partial = target.with_name(f'{target.name}{_TMP_MARK}{uuid.uuid4().hex}')
          written.append((partial, target))
          writer = array_record_module.ArrayRecordWriter(os.fspath(partial),
                                                         _ARRAY_RECORD_OPTIONS)
          try:
            for record in tfrecords.read_records(source):
              writer.write(record)
          finally:
            writer.close()
    except BaseException as e:
      for partial, _ in written:
        partial.unlink(missing_ok=True)
      if isinstance(e, tfrecords.CorruptRecordError):
        raise tfrecords.CorruptRecordError(
            f'[{task}] {e} (`nevis build {task} --data_dir {data_dir.parent.parent.parent} '
            f'--overwrite`)') from e
      raise
    for partial, target in written:
      partial.replace(target)
    info = json.loads((data_dir / _INFO_FILE).read_text())
    info['alternativeFileFormats'] = [*info.get('alternativeFileFormats', []), ARRAY_RECORD.value]
    partial = data_dir / f'{_INFO_FILE}{_TMP_MARK}{uuid.uuid4().hex}'
    partial.write_text(json.dumps(info, indent=2, sort_keys=True))
    partial.replace(data_dir / _INFO_FILE)
  return True


def patch_read_only_builder() -> None:
  """Lets TFDS's read-only builder of `nevis` data open an available alternative format (defect 2).

  `tfds.data_source` and `tfds.builder(..., file_format='array_record')` reach it for
  `nevis/<task>:<version>` or a task this installation has no builder for. It is given no file
  format when the one asked for is an alternative (its `as_data_source` picks that one); any
  other request, and every other dataset, goes to TFDS unchanged.
  """
  original = read_only_builder.ReadOnlyBuilder.__init__
  if getattr(original, '_nevis_patched', False):
    return

  @functools.wraps(original)
  def __init__(self, builder_dir, *, info_proto=None, file_format=None):  # pylint: disable=invalid-name
    if file_format is not None:
      proto = info_proto or dataset_info_lib.read_proto_from_builder_dir(builder_dir)
      asked = parse(file_format).value
      if (proto.name == 'nevis' and proto.file_format != asked
          and asked in proto.alternative_file_formats):
        file_format = None
    original(self, builder_dir, info_proto=info_proto, file_format=file_format)

  __init__._nevis_patched = True  # pylint: disable=protected-access
  read_only_builder.ReadOnlyBuilder.__init__ = __init__
