"""The event loop: split access, labels kept from the learner, resume, missing tasks, outputs."""

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
import tensorflow_datasets as tfds

from nevis_bench import cli
from nevis_bench import environment
from nevis_bench import learner as learner_lib
from nevis_bench.learners import linear_probe
from nevis_datasets import cli as datasets_cli
from nevis_streams import events as events_lib
from nevis_streams import streams


@pytest.fixture(scope='module')
def data_dir(tmp_path_factory):
  path = str(tmp_path_factory.mktemp('data'))
  datasets_cli.build_demo_tasks(path)
  return path


def _prior_learner(log: list | None = None) -> learner_lib.Learner:
  """Predicts each task's training label frequencies: cheap, deterministic, state = arrays."""

  def train(event, state, data, *, write_checkpoint, resume_from):
    labels = np.concatenate([b['label'] for b in tfds.as_numpy(data.dataset('train').batch(512))])
    counts = np.bincount(labels, minlength=data.info.num_classes).astype(np.float64) + 1
    if log is not None:
      log.append(('train', event.task, data.num_examples('train+dev')))
    priors = {**state['priors'], event.task: np.log(counts / counts.sum())}
    return {'priors': priors}, learner_lib.ResourceUsage(flops=1e6, peak_parameter_count=7)

  def predict(event, state, data):
    for batch in tfds.as_numpy(data.dataset().batch(100)):
      if log is not None:
        log.append(('predict', event.task, sorted(batch)))
      yield np.tile(state['priors'][event.task], (len(batch['image']), 1))

  return learner_lib.Learner(init=lambda: {'priors': {}}, train=train, predict=predict)


def _comparable(records):
  return json.loads(json.dumps(records))  # NaN-safe, tuple-free comparison form.


def test_learner_sees_only_allowed_splits_and_never_labels(data_dir, tmp_path):
  log = []
  environment.run(streams.get_stream('demo'), _prior_learner(log), tmp_path, data_dir,
                  show_progress=False)
  assert {entry[2] == ['image'] for entry in log if entry[0] == 'predict'} == {True}

  def sneaky_train(event, state, data, *, write_checkpoint, resume_from):
    data.dataset('dev_test')

  sneaky = _prior_learner()._replace(train=sneaky_train)
  with pytest.raises(PermissionError, match="may read train, dev, train\\+dev, not 'dev_test'"):
    environment.run(streams.get_stream('demo'), sneaky, tmp_path / 'sneaky', data_dir,
                    show_progress=False)


def test_records_metrics_resources_and_final_evaluation(data_dir, tmp_path):
  result = environment.run(streams.get_stream('demo'), _prior_learner(), tmp_path, data_dir,
                           show_progress=False)
  kinds = [r['kind'] for r in result.records]
  assert kinds == ['train', 'predict'] * 4 + ['final_predict'] * 3
  assert [r['cumulative_flops'] for r in result.records if r['kind'] == 'predict'] == [
      1e6, 2e6, 3e6, 4e6]
  assert result.summary['total_flops'] == 4e6
  assert result.summary['peak_parameter_count'] == 7
  # A prior predictor's error is 1 - frequency of the most common training class.
  first = result.records[1]
  assert first['task'] == 'demo_shapes' and first['split'] == 'dev_test'
  assert 0.6 < first['error_rate'] < 0.85
  assert result.summary['backward_transfer'] == 0.0  # Each task's head never changes.
  assert 'dev_test/average_error' in result.summary


def test_harness_labels_follow_the_order_of_the_learners_images(data_dir):
  builder = tfds.builder('nevis/demo_gratings', data_dir=data_dir)
  expected = [int(ex['label']) for ex in tfds.as_numpy(
      builder.as_dataset(split='dev_test', shuffle_files=False))]
  assert environment._labels(builder, 'dev_test', 'label').tolist() == expected


class _Crash(Exception):
  pass


@pytest.mark.parametrize('crash_after', [0, 3, 8, 10])
def test_resume_after_a_crash_between_events_gives_identical_metrics(data_dir, tmp_path,
                                                                     crash_after):
  learner = linear_probe.make_learner(steps=40, lr_multipliers=(1.0,))
  stream = streams.get_stream('demo')
  reference = environment.run(stream, learner, tmp_path / 'reference', data_dir,
                              show_progress=False)

  def crash(index, records):
    if index == crash_after:
      raise _Crash()

  with pytest.raises(_Crash):
    environment.run(stream, learner, tmp_path / 'run', data_dir, on_event_done=crash,
                    show_progress=False)
  resumed = environment.run(stream, learner, tmp_path / 'run', data_dir, show_progress=False)
  assert _comparable(resumed.records) == _comparable(reference.records)
  assert _comparable(resumed.summary) == _comparable(reference.summary)


def test_resume_after_a_crash_inside_training_reenters_with_the_learners_checkpoint(
    data_dir, tmp_path):
  stream = streams.get_stream('demo')
  reference = environment.run(stream, _prior_learner(), tmp_path / 'reference', data_dir,
                              show_progress=False)
  base = _prior_learner()
  seen_resume = []

  def crashing_train(event, state, data, *, write_checkpoint, resume_from):
    seen_resume.append(resume_from)
    if event.task == 'demo_gratings' and resume_from is None:
      write_checkpoint({'progress': np.arange(3)})
      raise _Crash()
    return base.train(event, state, data, write_checkpoint=write_checkpoint,
                      resume_from=resume_from)

  learner = base._replace(train=crashing_train)
  with pytest.raises(_Crash):
    environment.run(stream, learner, tmp_path / 'run', data_dir, show_progress=False)
  resumed = environment.run(stream, learner, tmp_path / 'run', data_dir, show_progress=False)
  resumes = [r for r in seen_resume if r is not None]
  assert len(resumes) == 1 and resumes[0]['progress'].tolist() == [0, 1, 2]
  assert _comparable(resumed.records) == _comparable(reference.records)


def test_killed_process_resumes_to_the_same_metrics(data_dir, tmp_path):
  """SIGKILL a `nevis run` at several moments; the same command then finishes identically."""
  env = {**os.environ, 'PYTHONPATH': os.getcwd(), 'TF_CPP_MIN_LOG_LEVEL': '3'}

  def command(out):
    return [sys.executable, '-m', 'nevis_bench.cli', 'run', '--stream', 'demo',
            '--learner', 'linear_probe', '--data-dir', data_dir, '--output', str(out)]

  subprocess.run(command(tmp_path / 'reference'), check=True, capture_output=True, env=env)
  run_dir = tmp_path / 'killed'
  for delay in (4.0, 6.0, 8.0):
    process = subprocess.Popen(command(run_dir), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
  subprocess.run(command(run_dir), check=True, capture_output=True, env=env)
  reference = (tmp_path / 'reference' / 'metrics.jsonl').read_text()
  assert (run_dir / 'metrics.jsonl').read_text() == reference
  assert json.loads((run_dir / 'summary.json').read_text()) == json.loads(
      (tmp_path / 'reference' / 'summary.json').read_text())


def test_missing_tasks_are_named_with_the_build_command(data_dir, tmp_path):
  stream = streams.Stream('custom', (
      events_lib.TrainingEvent('demo_shapes'), events_lib.PredictionEvent('demo_shapes'),
      events_lib.TrainingEvent('coil20'), events_lib.PredictionEvent('coil20'),
      events_lib.TrainingEvent('lfw'), events_lib.PredictionEvent('lfw')))
  with pytest.raises(environment.MissingTasksError) as error:
    environment.run(stream, _prior_learner(), tmp_path, data_dir, show_progress=False)
  message = str(error.value)
  assert 'coil20: not built' in message and 'lfw: cannot be built yet' in message
  assert f'nevis build coil20 --data_dir {data_dir}' in message
  assert '--skip-missing' in message
  result = environment.run(stream, _prior_learner(), tmp_path, data_dir, skip_missing=True,
                           show_progress=False)
  assert {r['task'] for r in result.records} == {'demo_shapes'}
  from nevis_bench import checkpoint  # pylint: disable=g-import-not-at-top
  assert checkpoint.load(tmp_path / 'checkpoint.npz')['skipped_tasks'] == ['coil20', 'lfw']


def test_cli_run_writes_the_run_directory(data_dir, tmp_path, capsys):
  out = tmp_path / 'run'
  args = ['run', '--stream', 'demo', '--learner', 'linear_probe', '--data-dir', data_dir,
          '--output', str(out)]
  assert cli.main(args) == 0
  printed = capsys.readouterr().out
  assert 'demo_colours' in printed and 'dev_test/average_error' in printed
  for name in ('config.json', 'environment.json', 'metrics.jsonl', 'metrics.csv',
               'summary.json', 'error_vs_flops.png', 'checkpoint.npz'):
    assert (out / name).exists(), name
  assert list((out / 'tensorboard').glob('events.out.tfevents.*'))
  assert len((out / 'metrics.jsonl').read_text().splitlines()) == 11
  assert json.loads((out / 'environment.json').read_text())['numpy'] == np.__version__
  # A second identical command resumes (here: nothing left) and gives the same summary.
  summary = (out / 'summary.json').read_text()
  assert cli.main(args) == 0
  assert (out / 'summary.json').read_text() == summary
  # Other arguments on the same directory are refused.
  assert cli.main([*args[:-2], '--output', str(out), '--split', 'test']) == 2
  assert 'holds a run with other arguments (split differ)' in capsys.readouterr().err


def test_labels_read_from_tfrecord_and_from_array_record_agree(tmp_path):
  from nevis_datasets import formats  # pylint: disable=g-import-not-at-top
  builder = tfds.builder('nevis/demo_gratings', data_dir=str(tmp_path))
  builder.download_and_prepare()
  from_tfrecord = environment._labels(builder, 'dev', 'label')  # pylint: disable=protected-access
  assert formats.add_array_record(builder)
  assert formats.has_array_record(builder)
  from_array_record = environment._labels(builder, 'dev', 'label')  # pylint: disable=protected-access
  np.testing.assert_array_equal(from_tfrecord, from_array_record)
  ordered = [int(ex['label']) for ex in tfds.as_numpy(builder.as_dataset(split='dev'))]
  assert from_tfrecord.tolist() == ordered and len(ordered) == builder.info.splits['dev'].num_examples
