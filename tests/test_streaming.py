"""Streamed tar archives (`toolkit.streaming`) and TFRecords written without TensorFlow.

food101 describes its tar.gz member by member: a local build reads the archive in one pass and
extracts nothing; a Beam build extracts it. Both must give the same records (also when the
split lists come last), and every damage must end in one clear error or a counted skip.
"""

import json
import os
import pathlib
import subprocess
import sys
from unittest import mock

import numpy as np
import pytest
import tensorflow as tf
import tensorflow_datasets as tfds

from nevis_datasets import fake_archives
from nevis_datasets.tasks.food101 import food101
from nevis_datasets.toolkit import archives
from nevis_datasets.toolkit import builder as builder_lib
from nevis_datasets.toolkit import downloads
from nevis_datasets.toolkit import streaming
from nevis_datasets.toolkit import tfrecords

_REPO_ROOT = pathlib.Path(__file__).parents[1]
_CLASSES = ('apple_pie', 'cheese_plate', 'waffles')
# 8 images per class: 6 listed in train.txt (hashed into train/dev/dev_test), 2 in test.txt.
_PER_CLASS = 8


def _jpeg(seed: int) -> bytes:
  pixels = np.random.default_rng(seed).integers(0, 256, (24, 32, 3), dtype=np.uint8)
  return fake_archives.image_bytes(pixels, 'JPEG')


def _food101(path: pathlib.Path, *, lists_first: bool = False, extra: dict | None = None,
             unlisted: int = 0, dropped: tuple[str, ...] = ()) -> None:
  """food-101.tar.gz in the real layout; `extra` adds members, `dropped` omits listed ones."""
  keys = [f'{c}/{100000 + i}' for c in _CLASSES for i in range(_PER_CLASS)]
  train = [k for k in keys if int(k.split('/')[1]) % _PER_CLASS < 6]
  test = [k for k in keys if k not in train]
  lists = {'food-101/meta/train.txt': ''.join(f'{k}\n' for k in train).encode(),
           'food-101/meta/test.txt': ''.join(f'{k}\n' for k in test).encode()}
  with fake_archives.write_tar(path, mtime=0, gzip=True) as tar:
    if lists_first:
      for name, data in lists.items():
        tar.add(name, data)
    for i, key in enumerate(keys + [f'waffles/{200000 + j}' for j in range(unlisted)]):
      if key not in dropped:
        tar.add(f'food-101/images/{key}.jpg', _jpeg(i))
    for name, data in (extra or {}).items():
      tar.add(name, data)
    if not lists_first:
      for name, data in lists.items():
        tar.add(name, data)


def _build(tmp_path: pathlib.Path, archive: pathlib.Path, name: str, *, beam: bool = False):
  options = None
  if beam:
    beam_lib = tfds.core.lazy_imports.apache_beam
    options = beam_lib.options.pipeline_options.PipelineOptions(['--runner=FnApiRunner'])
  manual = tmp_path / f'manual-{name}'
  manual.mkdir()
  (manual / 'food-101.tar.gz').symlink_to(archive)
  builder = food101.Food101(data_dir=tmp_path / name)
  with mock.patch.dict(os.environ, {downloads.SKIP_CHECKSUMS_ENV: '1'}):
    builder.download_and_prepare(
        download_dir=tmp_path / f'downloads-{name}',
        download_config=tfds.download.DownloadConfig(
            manual_dir=manual, beam_options=options,
            compute_stats=tfds.download.ComputeStatsMode.SKIP))
  return builder


def _records(builder) -> dict[str, list[bytes]]:
  by_split: dict[str, list[bytes]] = {}
  for file in sorted(pathlib.Path(builder.data_dir).glob('*.tfrecord-*')):
    split = file.name.split('-')[1].split('.')[0]
    by_split.setdefault(split, []).extend(r.numpy() for r in tf.data.TFRecordDataset(str(file)))
  return by_split


def _counts(builder) -> dict[str, int]:
  return {name: split.num_examples for name, split in builder.info.splits.items()}


@pytest.mark.parametrize('lists_first', [False, True])
def test_streamed_build_is_the_extracted_build(tmp_path, lists_first):
  archive = tmp_path / 'food-101.tar.gz'
  _food101(archive, lists_first=lists_first, extra={'food-101/README.txt': b'Food-101'})
  streamed = _build(tmp_path, archive, 'streamed')
  extracted = _build(tmp_path, archive, 'beam', beam=True)
  assert sum(_counts(streamed).values()) == len(_CLASSES) * _PER_CLASS
  assert _counts(streamed)['test'] == 2 * len(_CLASSES)
  assert _records(streamed) == _records(extracted)
  # The streamed build extracted nothing and left nothing in its download dir.
  downloads_dir = tmp_path / 'downloads-streamed'
  assert not list(downloads_dir.rglob('*.jpg'))
  assert not [p for p in downloads_dir.rglob('*') if p.is_file()]
  assert list((tmp_path / 'downloads-beam').rglob('*.jpg'))


def test_unlisted_and_missing_images(tmp_path, caplog):
  """An image in no list is left out; a listed image missing from the archive is tolerated as
  undecodable ones are (1% of the listed images, at least one), more stop the build."""
  archive = tmp_path / 'food-101.tar.gz'
  _food101(archive, unlisted=2, dropped=('waffles/100003',))
  builder = _build(tmp_path, archive, 'one')
  assert sum(_counts(builder).values()) == len(_CLASSES) * _PER_CLASS - 1
  assert 'missing from' in caplog.text
  _food101(archive, dropped=('waffles/100003', 'apple_pie/100001'))
  with pytest.raises(builder_lib.CorruptDataError, match=r'2 of the 24 images listed in'):
    _build(tmp_path, archive, 'two')


def test_corrupt_and_oversized_members_are_skipped(tmp_path):
  archive = tmp_path / 'food-101.tar.gz'
  big = b'\xff' * 5000
  _food101(archive, dropped=('apple_pie/100000',),
           extra={'food-101/images/apple_pie/100000.jpg': big})
  with mock.patch.dict(os.environ, {archives.MAX_IMAGE_BYTES_ENV: '4000'}):
    builder = _build(tmp_path, archive, 'big')
  skipped = builder.info.metadata['skipped_images']
  assert [key for s in skipped.values() for key in s['keys']] == ['apple_pie/100000']


def test_layout_damage_is_one_clear_error(tmp_path):
  archive = tmp_path / 'food-101.tar.gz'
  _food101(archive, extra={'food-101/images/apple_pie/x/1.jpg': _jpeg(0)})
  with pytest.raises(builder_lib.CorruptDataError, match=r'\[food101\].*<class>/<id>\.jpg'):
    _build(tmp_path, archive, 'nested')
  with fake_archives.write_tar(archive, mtime=0, gzip=True) as tar:
    tar.add('food-101/images/apple_pie/100000.jpg', _jpeg(0))
  with pytest.raises(builder_lib.CorruptDataError, match=r'food-101/meta/train\.txt.*missing'):
    _build(tmp_path, archive, 'no-lists')


def test_truncated_archive_is_corrupt_data(tmp_path):
  archive = tmp_path / 'food-101.tar.gz'
  _food101(archive)
  archive.write_bytes(archive.read_bytes()[:len(archive.read_bytes()) // 2])
  with pytest.raises(builder_lib.CorruptDataError, match=r'damaged or incomplete'):
    _build(tmp_path, archive, 'cut')
  assert not (tmp_path / 'cut' / 'nevis' / 'food101' / '1.0.0').exists()


def test_spill_reads_back_and_leaves_no_file(tmp_path):
  spill = streaming.Spill(tmp_path / 'dl')
  first, second = spill.append(b'abc'), spill.append(b'defgh')
  spill.finish()
  assert (spill.read(second), spill.read(first)) == (b'defgh', b'abc')
  assert not list((tmp_path / 'dl').iterdir())  # Anonymous: nothing to leave behind.
  spill.close()


def test_tfrecords_are_tensorflows_byte_for_byte(tmp_path):
  records = [b'', b'x', os.urandom(70_000), b'\x00' * 13]
  ours, theirs = tmp_path / 'ours.tfrecord', tmp_path / 'theirs.tfrecord'
  tfrecords.write_records(ours, records)
  with tf.io.TFRecordWriter(str(theirs)) as writer:
    for record in records:
      writer.write(record)
  assert ours.read_bytes() == theirs.read_bytes()
  assert [r.numpy() for r in tf.data.TFRecordDataset(str(ours))] == records
  assert list(tfrecords.read_records(theirs)) == records


def test_a_damaged_tfrecord_file_is_reported_with_its_offset(tmp_path):
  path = tmp_path / 'x.tfrecord'
  tfrecords.write_records(path, [b'abc', b'defgh'])
  data = path.read_bytes()
  path.write_bytes(data[:-3])  # Truncated inside the second record.
  with pytest.raises(tfrecords.CorruptRecordError, match='at byte 19'):
    list(tfrecords.read_records(path))
  path.write_bytes(data[:32] + b'X' + data[33:])  # A flipped byte of the second record's data.
  with pytest.raises(tfrecords.CorruptRecordError, match='at byte 19'):
    list(tfrecords.read_records(path))


def test_example_writer_leaves_other_formats_to_tfds(tmp_path):
  writer = tfrecords.ExampleWriter(tfds.core.FileFormat.ARRAY_RECORD)
  path = tmp_path / 'x.array_record-00000-of-00001'
  with mock.patch.object(tfrecords, 'write_records') as ours:
    writer.write(path, [(b'k', b'v')])
  ours.assert_not_called()
  assert path.exists()


def test_a_local_build_imports_neither_tensorflow_nor_beam(tmp_path):
  """`nevis build` of a Beam task from a tar.gz: TFDS writes, no TensorFlow, no Beam."""
  manual = tmp_path / 'manual'
  manual.mkdir()
  _food101(manual / 'food-101.tar.gz')
  script = (
      'import json, sys\n'
      'from nevis_datasets import cli\n'
      f'cli.main(["build", "food101", "--data_dir", {str(tmp_path / "data")!r}, '
      f'"--manual_dir", {str(manual)!r}])\n'
      'print(json.dumps([m for m in ("tensorflow", "apache_beam") if sys.modules.get(m)]))\n')
  result = subprocess.run(
      [sys.executable, '-c', script], capture_output=True, text=True, check=True, cwd=_REPO_ROOT,
      env={**os.environ, downloads.SKIP_CHECKSUMS_ENV: '1'})
  assert json.loads(result.stdout.strip().splitlines()[-1]) == []
  built = tfds.builder('nevis/food101', data_dir=str(tmp_path / 'data'))
  assert sum(s.num_examples for s in built.info.splits.values()) == len(_CLASSES) * _PER_CLASS
