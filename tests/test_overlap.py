"""`python -m beam_pipelines.overlap`: the duplicate audit, on planted duplicates and demo tasks.

The pipeline runs as a user runs it on one machine: FnApiRunner with two worker subprocesses.
"""

import json
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest
import tensorflow_datasets as tfds

from beam_pipelines import overlap
from beam_pipelines import overlap_testing
from beam_pipelines import prepared

_REPO_ROOT = pathlib.Path(__file__).parents[1]
_BEAM = 'runner=FnApiRunner,direct_num_workers=2,direct_running_mode=multi_processing'
_COPIES = 8


@pytest.fixture(scope='module')
def planted(tmp_path_factory):
  data_dir = tmp_path_factory.mktemp('planted')
  copies = overlap_testing.plant(data_dir, distinct=200, copies=_COPIES)
  for task in ('demo_shapes', 'demo_colours'):
    tfds.builder(f'nevis/{task}', data_dir=data_dir).download_and_prepare()
  return data_dir, copies


@pytest.fixture(scope='module')
def audited(planted, tmp_path_factory):
  """The audit of the planted tasks, a demo task and a task that is not prepared."""
  data_dir, _ = planted
  output = tmp_path_factory.mktemp('report')
  # The command as a user types it (Beam's workers then unpickle this package's classes), with
  # the checkout on the path of Beam's worker subprocesses.
  env = dict(os.environ, PYTHONPATH=os.pathsep.join(
      filter(None, [str(_REPO_ROOT), os.environ.get('PYTHONPATH')])))
  done = subprocess.run(
      [sys.executable, '-m', 'beam_pipelines.overlap',
       '--tasks', 'planted_a,demo_shapes,planted_b,coil20,demo_colours', '--data_dir',
       str(data_dir), '--output_dir', str(output), f'--beam_pipeline_options={_BEAM}'],
      env=env, capture_output=True, text=True, check=False)
  assert done.returncode == 0, done.stderr[-3000:]
  return output


def _findings(output):
  return [json.loads(line) for line in (output / 'findings.jsonl').read_text().splitlines()]


def test_planted_copies_are_found_with_recall_and_precision(planted, audited):
  data_dir, copies = planted
  tasks, _ = prepared.prepared_tasks(['planted_a', 'planted_b'], data_dir)
  scores = overlap_testing.score(_findings(audited), copies, tasks)
  print(scores)
  for variant in ('exact', 'jpeg', 'resized_half', 'resized_1.5x'):
    assert scores[variant]['planted'] == 3 * _COPIES
    assert scores[variant]['recall'] >= 0.95, (variant, scores)
  assert scores['exact']['exact_recall'] == 1.0
  assert scores['all']['precision'] >= 0.99, scores


def test_the_report_counts_within_and_across_per_task_and_split(audited):
  report = json.loads((audited / 'overlap.json').read_text())
  rows = {row['task']: row for row in report['tasks']}
  assert [row['task'] for row in report['tasks']] == [
      'planted_a', 'demo_shapes', 'planted_b', 'demo_colours']
  assert [row['position'] for row in report['tasks']] == [0, 1, 2, 4]
  found = {variant for variant in overlap_testing.VARIANTS if variant != 'cropped_3%'}
  # planted_a: its own copies in test; planted_b: its own in dev_test, planted_a's in test.
  assert rows['planted_a']['within']['test'] >= len(found) * _COPIES
  assert rows['planted_a']['across_any'] == {'dev_test': 0, 'test': 0}
  assert rows['planted_b']['within']['dev_test'] >= len(found) * _COPIES
  assert rows['planted_b']['across_any']['test'] >= len(found) * _COPIES
  assert rows['planted_b']['exact_within'] == {'dev_test': _COPIES, 'test': 0}
  assert rows['planted_b']['exact_across_any'] == {'dev_test': 0, 'test': _COPIES}
  pairs = {(p['kind'], p['evaluation_task'], p['training_task']): p for p in report['pairs']}
  assert pairs['across', 'planted_b', 'planted_a']['images'] == rows['planted_b'][
      'across_any']['test']
  # Never a later task's training images: planted_a is audited against nothing after it.
  assert not any(p['evaluation_task'] == 'planted_a' and p['training_task'] != 'planted_a'
                 for p in report['pairs'])
  # Every finding is within the distance and its training image is in a training split.
  for finding in _findings(audited):
    assert finding['distance'] <= report['max_distance']
    assert finding['training'][1] in prepared.TRAINING_SPLITS
    assert finding['evaluation'][1] in prepared.EVALUATION_SPLITS
  assert report['not_prepared'] == ['coil20']


def test_demo_tasks_are_audited_and_their_counts_are_the_splits(planted, audited):
  data_dir, _ = planted
  report = json.loads((audited / 'overlap.json').read_text())
  rows = {row['task']: row for row in report['tasks']}
  for task in ('demo_shapes', 'demo_colours'):
    info = tfds.builder(f'nevis/{task}', data_dir=data_dir).info
    assert rows[task]['evaluation_images'] == {
        split: info.splits[split].num_examples for split in prepared.EVALUATION_SPLITS}
    assert rows[task]['training_images'] == sum(
        info.splits[split].num_examples for split in prepared.TRAINING_SPLITS)


def test_the_summary_and_grid_are_written(audited):
  summary = (audited / 'overlap.md').read_text()
  assert '| 2 | planted_b |' in summary
  assert '| across | planted_b | planted_a |' in summary
  assert 'Not prepared, so not audited: coil20' in summary
  assert (audited / 'pairs.png').read_bytes().startswith(b'\x89PNG')


def test_bands_catch_every_pair_within_the_distance():
  rng = np.random.default_rng(0)
  for distance in (0, 3, 4, 10):
    masks = overlap.bands(distance)
    assert len(masks) == distance + 1
    assert sum(masks) == (1 << 64) - 1 and not any(a & b for a in masks for b in masks if a != b)
    for _ in range(200):
      a = int(rng.integers(0, 2 ** 63)) << 1
      flipped = rng.choice(64, size=distance, replace=False)
      b = a ^ sum(1 << int(bit) for bit in flipped)
      assert any(a & mask == b & mask for mask in masks)


def test_a_pair_agreeing_on_several_bands_is_reported_once():
  masks = overlap.bands(4)

  def image(task, split, h):
    return overlap.Image(task, 0, split, 0, h, '')
  source = overlap.node(0b1, [image('t', 'test', 0b1)])
  target = overlap.node(0b11, [image('t', 'train', 0b11)])
  emitted = []
  for band, mask in enumerate(masks):
    emitted += overlap.near_pairs((band, 0b1 & mask), [source, target] if (0b1 ^ 0b11) & mask == 0
                                  else [source], masks, 4)
  assert [(h, d) for h, (d, _) in emitted] == [(0b1, 1)]


def test_popcount_counts_the_bits_of_uint64():
  values = np.array([0, 1, 2 ** 63, 2 ** 64 - 1, 0b1011], np.uint64)
  assert overlap.popcount(values).tolist() == [0, 1, 1, 64, 3]


def test_bad_options_and_nothing_prepared_are_one_line(tmp_path, capsys):
  assert overlap.main(['--tasks', 'demo_shapes', '--data_dir', str(tmp_path),
                       '--beam_pipeline_options=runner=FnApiRunner,no_such_option=1']) == 2
  assert 'no_such_option' in capsys.readouterr().err
  assert overlap.main(['--tasks', 'demo_shapes', '--data_dir', str(tmp_path)]) == 2
  err = capsys.readouterr().err
  assert 'none of the tasks is prepared' in err and 'nevis build' in err
  assert overlap.main(['--tasks', 'demo_shapes', '--data_dir', str(tmp_path),
                       '--max_distance', '64']) == 2
