"""`python -m beam_pipelines.cards`: cards of demo tasks and of a task built from its fake data.

Run on FnApiRunner with two worker subprocesses, as a user runs it on one machine.
"""

import json
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest
import tensorflow_datasets as tfds

import nevis_datasets
from beam_pipelines import cards
from beam_pipelines import prepared
from nevis_datasets.toolkit import downloads

_REPO_ROOT = pathlib.Path(__file__).parents[1]
_TASKS = pathlib.Path(nevis_datasets.__file__).parent / 'tasks'
_BEAM = 'runner=FnApiRunner,direct_num_workers=2,direct_running_mode=multi_processing'


@pytest.fixture(scope='module')
def written(tmp_path_factory):
  data_dir = tmp_path_factory.mktemp('data')
  output = tmp_path_factory.mktemp('cards')
  with pytest.MonkeyPatch.context() as patch:
    patch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')
    tfds.builder('nevis/coil20', data_dir=data_dir).download_and_prepare(
        download_config=tfds.download.DownloadConfig(
            manual_dir=str(_TASKS / 'coil20' / 'dummy_data')))
    tfds.builder('nevis/demo_shapes', data_dir=data_dir).download_and_prepare()
  # The command as a user types it, with the checkout on the path of Beam's worker subprocesses.
  env = dict(os.environ, PYTHONPATH=os.pathsep.join(
      filter(None, [str(_REPO_ROOT), os.environ.get('PYTHONPATH')])))
  done = subprocess.run(
      [sys.executable, '-m', 'beam_pipelines.cards', '--tasks', 'demo_shapes,coil100,coil20',
       '--data_dir', str(data_dir), '--output_dir', str(output),
       f'--beam_pipeline_options={_BEAM}'], env=env, capture_output=True, text=True, check=False)
  assert done.returncode == 0, done.stderr[-3000:]
  return data_dir, output


@pytest.mark.parametrize('task', ['demo_shapes', 'coil20'])
def test_a_card_counts_what_the_split_holds(written, task):
  data_dir, output = written
  content = {c['task']: c for c in json.loads((output / 'cards.json').read_text())['cards']}[task]
  builder = tfds.builder(f'nevis/{task}', data_dir=data_dir)
  names = builder.info.features['label'].names
  for split in ('train', 'dev', 'dev_test', 'test'):
    labels = [int(x['label']) for x in tfds.as_numpy(builder.as_dataset(split=split))]
    assert content['examples'][split] == len(labels)
    assert content['classes'][split] == {
        name: int(np.sum(np.array(labels) == i)) for i, name in enumerate(names)}
    assert content['file_bytes'][split] == sum(
        f.stat().st_size for f in pathlib.Path(builder.data_dir).glob(f'nevis-{split}.tfrecord*'))
  assert content['matches_dataset_info']
  assert content['sizes'] == _sizes(builder)


def _sizes(builder):
  """Decoded image sizes, 'WxH', counted over every split."""
  sizes = {}
  for split in ('train', 'dev', 'dev_test', 'test'):
    for x in tfds.as_numpy(builder.as_dataset(split=split)):
      h, w = x['image'].shape[:2]
      sizes[f'{w}x{h}'] = sizes.get(f'{w}x{h}', 0) + 1
  return sizes


def test_a_card_has_the_catalog_facts_and_its_plot(written):
  data_dir, output = written
  text = (output / 'coil20.md').read_text()
  assert 'Columbia Object Image Library (COIL-20)' in text
  assert 'Licence: Columbia CAVE' in text
  assert '| skipped images | 0 | 0 | 0 | 0 |' in text
  assert (output / 'coil20.png').read_bytes().startswith(b'\x89PNG')
  content = {c['task']: c for c in json.loads((output / 'cards.json').read_text())['cards']}
  channels = tfds.builder('nevis/coil20', data_dir=data_dir).info.features['image'].shape[-1]
  assert list(content['coil20']['modes']) == [{1: 'L', 3: 'RGB'}[channels]]


def test_the_stream_table_lists_tasks_in_order_and_the_unprepared_one(written):
  data_dir, output = written
  table = (output / 'cards.md').read_text().splitlines()
  rows = [line for line in table if line.startswith('| ') and '---' not in line][1:]
  assert rows[0].startswith('| 0 | [demo_shapes]') and rows[1].startswith('| 2 | [coil20]')
  assert f'`nevis build coil100 --data_dir {data_dir}`' in rows[2]
  assert all(row.rstrip().endswith('ok |') for row in rows[:2])


def test_a_mismatch_with_dataset_info_is_shown(written):
  data_dir, _ = written
  (task,), _ = prepared.prepared_tasks(['coil20'], data_dir)
  summary = cards.merge_all(cards.summarise_shard(shard)[1] for shard in task.shards[1:])
  content = cards.card(task, summary)
  assert not content['matches_dataset_info']
  assert 'differ from dataset_info.json' in cards.card_markdown(content)


def test_nothing_prepared_is_one_line(tmp_path, capsys):
  assert cards.main(['--tasks', 'coil20', '--data_dir', str(tmp_path)]) == 2
  assert 'none of the tasks is prepared' in capsys.readouterr().err
