"""`tfds.data_source`, `tfds.load` and `nevis convert` on one data dir (`toolkit.file_formats`).

The last tests check that each TFDS 4.9.10 defect worked around in `toolkit.file_formats` still
exists: when one fails, TFDS fixed it, and its workaround can go.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import tensorflow_datasets as tfds

import nevis_datasets  # pylint: disable=unused-import
from nevis_datasets import cli as datasets_cli
from nevis_datasets import errors
from nevis_datasets import formats
from nevis_datasets.toolkit import file_formats
from nevis_datasets.toolkit import tfrecords

_TASK = 'demo_colours'
_FIXED = 'TFDS fixed defect {} of nevis_datasets/toolkit/file_formats.py: remove its workaround.'


def _version_dir(data_dir) -> str:
  return str(tfds.builder(f'nevis/{_TASK}', data_dir=str(data_dir)).data_dir)


@pytest.fixture(scope='module')
def tfrecord_only(tmp_path_factory) -> str:
  """demo_colours built the default way, in 2 shards per split: TFRecord files only."""
  data_dir = str(tmp_path_factory.mktemp('tfrecord_only'))
  tfds.builder(f'nevis/{_TASK}', data_dir=data_dir).download_and_prepare(
      download_config=tfds.download.DownloadConfig(num_shards=2))
  return data_dir


@pytest.fixture
def converted(tfrecord_only, tmp_path) -> str:
  """A copy of `tfrecord_only` after `nevis convert`."""
  data_dir = tmp_path / 'data'
  subprocess.run(['cp', '-r', tfrecord_only, str(data_dir)], check=True)
  assert datasets_cli.main(['convert', _TASK, '--data_dir', str(data_dir)]) == 0
  return str(data_dir)


def _labels_and_bytes(examples) -> tuple[list[int], list[bytes]]:
  labels, images = [], []
  for example in examples:
    labels.append(int(example['label']))
    images.append(np.asarray(example['image']).tobytes())
  return labels, images


def _as_loaded(data_dir: str, split: str) -> tuple[list[int], list[bytes]]:
  ds = tfds.load(f'nevis/{_TASK}', split=split, data_dir=data_dir, shuffle_files=False,
                 read_config=tfds.ReadConfig(interleave_cycle_length=1))
  return _labels_and_bytes(tfds.as_numpy(ds))


def test_data_source_with_no_data_dir_builds_both_formats_and_load_still_works(tmp_path):
  """The issue's call, in a fresh process: TFDS asks for `file_format='array_record'` there.

  The build adds ArrayRecord beside the TFRecords, so `tfds.load` reads the same dir after.
  """
  script = textwrap.dedent(f'''
      import nevis_datasets
      import tensorflow_datasets as tfds
      source = tfds.data_source('nevis/{_TASK}', split='test')
      print('LABELS', [int(source[i]['label']) for i in range(len(source))])
      again = tfds.data_source('nevis/{_TASK}', split='train+dev')
      print('TRAIN_DEV', len(again))
  ''')
  out = subprocess.run([sys.executable, '-c', script], capture_output=True, text=True,
                       timeout=300, check=False, env={**os.environ, 'TFDS_DATA_DIR': str(tmp_path)})
  assert out.returncode == 0, out.stderr[-3000:]
  version_dir = tmp_path / 'nevis' / _TASK / '1.0.0'
  info = json.loads((version_dir / 'dataset_info.json').read_text())
  assert info['fileFormat'] == 'tfrecord' and info['alternativeFileFormats'] == ['array_record']
  assert f"LABELS {_as_loaded(str(tmp_path), 'test')[0]}" in out.stdout
  sizes = {split['name']: sum(map(int, split['shardLengths'])) for split in info['splits']}
  assert f"TRAIN_DEV {sizes['train'] + sizes['dev']}" in out.stdout


@pytest.mark.parametrize('name', [f'nevis/{_TASK}', f'nevis/{_TASK}:1.0.0'])  # Code; read-only.
@pytest.mark.parametrize('builder_kwargs', [None, {'file_format': 'array_record'}])
def test_data_source_reads_the_converted_task_as_tfds_load_does(converted, name, builder_kwargs):
  source = tfds.data_source(name, split='dev_test', data_dir=converted,
                            builder_kwargs=builder_kwargs)
  assert _labels_and_bytes(source) == _as_loaded(converted, 'dev_test')
  assert _as_loaded(converted, 'dev_test')[0]  # tfds.load works after it, on the same dir.


def test_a_builder_made_before_the_conversion_reads_both(tfrecord_only, tmp_path):
  data_dir = tmp_path / 'data'
  subprocess.run(['cp', '-r', tfrecord_only, str(data_dir)], check=True)
  builder = tfds.builder(f'nevis/{_TASK}', data_dir=str(data_dir))
  assert formats.add_array_record(builder)
  assert not formats.add_array_record(builder)  # Already there.
  source = builder.as_data_source('train')
  assert len(source) == builder.info.splits['train'].num_examples
  # as_data_source leaves this builder's tf.data reading alone (TFDS's would not).
  assert len(list(builder.as_dataset('train'))) == len(source)


def test_asking_for_array_record_adds_it_to_a_task_built_without(tfrecord_only, tmp_path):
  data_dir = tmp_path / 'data'
  subprocess.run(['cp', '-r', tfrecord_only, str(data_dir)], check=True)
  source = tfds.data_source(f'nevis/{_TASK}', split='dev', data_dir=str(data_dir),
                            builder_kwargs={'file_format': 'array_record'})
  assert file_formats.has_array_record(_version_dir(data_dir))
  assert _labels_and_bytes(source) == _as_loaded(str(data_dir), 'dev')


def test_without_array_record_files_the_error_gives_the_convert_command(tfrecord_only):
  with pytest.raises(file_formats.NoArrayRecordError) as raised:
    tfds.data_source(f'nevis/{_TASK}', split='train', data_dir=tfrecord_only)
  message = str(raised.value)
  assert f'[{_TASK}]' in message
  assert f'nevis convert {_TASK} --data_dir {tfrecord_only}' in message
  assert 'delete' not in message
  assert isinstance(raised.value, errors.UserError)


def test_an_unprepared_task_is_named_with_the_build_command(tmp_path):
  builder = tfds.builder(f'nevis/{_TASK}', data_dir=str(tmp_path))
  with pytest.raises(errors.NotPreparedError, match=f'nevis build {_TASK} --data_dir'):
    builder.as_data_source('train')


def test_another_main_format_of_a_prepared_task_is_one_message(tfrecord_only):
  with pytest.raises(errors.UserError,
                     match=rf'\[{_TASK}\] is prepared in .* as tfrecord, not parquet'):
    tfds.builder(f'nevis/{_TASK}', data_dir=tfrecord_only, file_format='parquet')


def test_build_with_file_format_array_record_writes_both(tmp_path):
  assert datasets_cli.main(['build', _TASK, '--data_dir', str(tmp_path),
                            '--file_format', 'array_record']) == 0
  version_dir = tmp_path / 'nevis' / _TASK / '1.0.0'
  assert sorted({p.name.split('.')[1].split('-')[0] for p in version_dir.glob('nevis-*')}) == [
      'array_record', 'tfrecord']
  assert _labels_and_bytes(tfds.data_source(f'nevis/{_TASK}', split='dev',
                                            data_dir=str(tmp_path))) == _as_loaded(
                                                str(tmp_path), 'dev')


def test_a_conversion_that_fails_leaves_the_task_as_it_was(tfrecord_only, tmp_path, monkeypatch):
  data_dir = tmp_path / 'data'
  subprocess.run(['cp', '-r', tfrecord_only, str(data_dir)], check=True)
  version_dir = data_dir / 'nevis' / _TASK / '1.0.0'
  before = sorted(p.name for p in version_dir.iterdir())
  info_before = (version_dir / 'dataset_info.json').read_bytes()
  stale = version_dir / 'nevis-train.array_record-00000-of-00002.nevis-tmp-killed'
  stale.write_bytes(b'left by a killed conversion')
  read_records = tfrecords.read_records
  calls = []

  def fail_on_the_third_shard(path):
    calls.append(path)
    if len(calls) == 3:
      raise KeyboardInterrupt
    return read_records(path)

  monkeypatch.setattr(tfrecords, 'read_records', fail_on_the_third_shard)
  with pytest.raises(KeyboardInterrupt):
    file_formats.add_array_record(version_dir, _TASK)
  assert (version_dir / 'dataset_info.json').read_bytes() == info_before
  assert not file_formats.has_array_record(version_dir)
  assert not list(version_dir.glob('*nevis-tmp*'))  # The stale file too.
  monkeypatch.setattr(tfrecords, 'read_records', read_records)
  assert file_formats.add_array_record(version_dir, _TASK)
  after = sorted(p.name for p in version_dir.iterdir())
  assert len(after) == len(before) + 8  # 4 splits x 2 shards.
  assert _labels_and_bytes(tfds.data_source(f'nevis/{_TASK}', split='train',
                                            data_dir=str(data_dir))) == _as_loaded(
                                                str(data_dir), 'train')


def test_a_damaged_tfrecord_is_one_message_naming_the_task(tfrecord_only, tmp_path):
  data_dir = tmp_path / 'data'
  subprocess.run(['cp', '-r', tfrecord_only, str(data_dir)], check=True)
  version_dir = data_dir / 'nevis' / _TASK / '1.0.0'
  shard = version_dir / 'nevis-dev.tfrecord-00001-of-00002'
  shard.write_bytes(shard.read_bytes()[:-7])
  with pytest.raises(tfrecords.CorruptRecordError, match=rf'\[{_TASK}\].*--overwrite'):
    file_formats.add_array_record(version_dir, _TASK)
  assert not file_formats.has_array_record(version_dir)
  assert not list(version_dir.glob('*.array_record-*'))


def _run_without_nevis(code: str) -> str:
  """Runs `code` in a process that never imports nevis_datasets; returns its stdout."""
  script = 'import sys\nimport tensorflow_datasets as tfds\n' + textwrap.dedent(code) + (
      "\nassert 'nevis_datasets' not in sys.modules\n")
  out = subprocess.run([sys.executable, '-c', script], capture_output=True, text=True,
                       timeout=300, check=False)
  assert out.returncode == 0, out.stderr[-3000:]
  return out.stdout


def test_without_import_data_source_with_a_data_dir_works_tensorflow_free(converted):
  stdout = _run_without_nevis(f'''
      source = tfds.data_source('nevis/{_TASK}', split='dev_test', data_dir={converted!r})
      print('LABELS', [int(source[i]['label']) for i in range(len(source))])
      print('TENSORFLOW_IMPORTED', 'tensorflow' in sys.modules)
  ''')
  assert 'TENSORFLOW_IMPORTED False' in stdout
  assert f"LABELS {_as_loaded(converted, 'dev_test')[0]}" in stdout


def test_defects_1_and_3_tfds_builders_from_code(tmp_path):
  """A TFDS builder from code (not nevis) ignores alternatives; as_data_source breaks as_dataset."""

  class Tiny(tfds.core.GeneratorBasedBuilder, skip_registration=True):
    VERSION = tfds.core.Version('1.0.0')

    def _info(self):
      return self.dataset_info_from_configs(features=tfds.features.FeaturesDict({'x': np.int64}))

    def _split_generators(self, dl_manager):
      del dl_manager
      return {'train': self._generate_examples()}

    def _generate_examples(self):
      for i in range(5):
        yield i, {'x': i}

  Tiny(data_dir=str(tmp_path)).download_and_prepare()
  from tensorflow_datasets.scripts.cli import convert_format_utils  # pylint: disable=g-import-not-at-top
  convert_format_utils.convert_dataset(out_dir=None, out_file_format='array_record',
                                       dataset_version_dir=str(tmp_path / 'tiny' / '1.0.0'))
  builder = Tiny(data_dir=str(tmp_path))
  assert builder.info.as_proto.alternative_file_formats == ['array_record']
  assert builder.info.alternative_file_formats == [], _FIXED.format(1)
  with pytest.raises(NotImplementedError):
    builder.as_data_source('train')
  file_formats.restore_alternative_formats(builder.info)
  assert len(builder.as_data_source('train')) == 5
  with pytest.raises(NotImplementedError, match='ArrayRecord'):  # Defect 3.
    list(builder.as_dataset('train'))


def test_defect_2_file_format_of_an_alternative_is_refused(converted):
  """Without nevis's patch, TFDS's read-only builder refuses the alternative it just checked."""
  stdout = _run_without_nevis(f'''
      from tensorflow_datasets.core import read_only_builder
      path = {_version_dir(converted)!r}
      for make in (lambda: read_only_builder.builder_from_directory(path, 'array_record'),
                   lambda: tfds.data_source('nevis/{_TASK}', split='train',
                                            builder_kwargs={{'file_format': 'array_record'}},
                                            data_dir={converted!r})):
        try:
          make()
          print('WORKS')
        except ValueError as e:
          print('REFUSED', e)
  ''')
  assert stdout.count('REFUSED File format is already set') == 2, _FIXED.format(2) + stdout
