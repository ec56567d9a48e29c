"""The event loop: split access, labels kept from the learner, resume, missing tasks, outputs."""

import json
import math
import os
import pickle
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest
import tensorflow_datasets as tfds

from nevis_bench import checkpoint
from nevis_bench import cli
from nevis_bench import environment
from nevis_bench import learner as learner_lib
from nevis_bench.learners import linear_probe
from nevis_datasets import cli as datasets_cli
from nevis_datasets import errors
from nevis_datasets.toolkit import builder as builder_lib
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


def test_missing_tasks_are_named_with_the_build_command(data_dir, tmp_path, monkeypatch):
  monkeypatch.delitem(builder_lib._TASK_BUILDERS, 'lfw')  # As if its builder were not written.
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
  assert from_tfrecord.tolist() == ordered
  assert len(ordered) == builder.info.splits['dev'].num_examples


# ---------------------------------------------------------------------------------------------
# Resume: the event list is the one the run started with.


def _data_dir_without(data_dir, tmp_path, task):
  """A copy of `data_dir` where `task` is not prepared; returns (path, put the task back)."""
  copy = tmp_path / 'data'
  shutil.copytree(data_dir, copy)
  prepared, away = copy / 'nevis' / task, copy / 'nevis' / f'{task}.away'
  prepared.rename(away)
  return str(copy), lambda: away.rename(prepared)


def test_resume_after_a_skipped_task_was_built_continues_the_started_event_list(
    data_dir, tmp_path, capsys):
  partial_dir, restore = _data_dir_without(data_dir, tmp_path, 'demo_gratings')
  stream = streams.get_stream('demo')
  reference = environment.run(stream, _prior_learner(), tmp_path / 'reference', partial_dir,
                              skip_missing=True, show_progress=False)

  def crash(index, records):
    if index == 2:
      raise _Crash()

  with pytest.raises(_Crash):
    environment.run(stream, _prior_learner(), tmp_path / 'run', partial_dir, skip_missing=True,
                    on_event_done=crash, show_progress=False)
  restore()
  capsys.readouterr()
  resumed = environment.run(stream, _prior_learner(), tmp_path / 'run', partial_dir,
                            skip_missing=True, show_progress=False)
  assert _comparable(resumed.records) == _comparable(reference.records)
  assert 'demo_gratings' not in {r['task'] for r in resumed.records}
  warning = capsys.readouterr().err
  assert 'demo_gratings' in warning and 'start a new run dir (--output) to include them' in warning


def test_a_finished_run_rerun_after_a_task_appeared_repeats_nothing(data_dir, tmp_path, capsys):
  partial_dir, restore = _data_dir_without(data_dir, tmp_path, 'demo_gratings')
  stream = streams.get_stream('demo')
  finished = environment.run(stream, _prior_learner(), tmp_path / 'run', partial_dir,
                             skip_missing=True, show_progress=False)
  assert [r['kind'] for r in finished.records][-2:] == ['final_predict'] * 2
  restore()
  capsys.readouterr()
  again = environment.run(stream, _prior_learner(), tmp_path / 'run', partial_dir,
                          skip_missing=True, show_progress=False)
  assert _comparable(again.records) == _comparable(finished.records)
  assert 'start a new run dir (--output) to include them' in capsys.readouterr().err


def test_resume_refuses_when_a_task_of_the_run_is_no_longer_prepared(data_dir, tmp_path):
  copy = tmp_path / 'data'
  shutil.copytree(data_dir, copy)

  def crash(index, records):
    raise _Crash()

  stream = streams.get_stream('demo')
  with pytest.raises(_Crash):
    environment.run(stream, _prior_learner(), tmp_path / 'run', str(copy), skip_missing=True,
                    on_event_done=crash, show_progress=False)
  (copy / 'nevis' / 'demo_colours').rename(copy / 'nevis' / 'demo_colours.away')
  with pytest.raises(environment.MissingTasksError) as error:
    environment.run(stream, _prior_learner(), tmp_path / 'run', str(copy), skip_missing=True,
                    show_progress=False)
  assert isinstance(error.value, errors.UserError)
  assert 'demo_colours: not built' in str(error.value)
  assert f'nevis build demo_colours --data_dir {copy}' in str(error.value)


# ---------------------------------------------------------------------------------------------
# Damaged checkpoints: one message naming the file and the way out.


def _checkpointed_run(data_dir, run_dir):
  """A run of the DEMO stream stopped after its third event; returns its checkpoint path."""

  def crash(index, records):
    if index == 2:
      raise _Crash()

  with pytest.raises(_Crash):
    environment.run(streams.get_stream('demo'), _prior_learner(), run_dir, data_dir,
                    on_event_done=crash, show_progress=False)
  return run_dir / environment.CHECKPOINT_NAME


def _tampered_state(change):
  def write(path):
    state = checkpoint.load(path)
    change(state)
    checkpoint.save(path, state)
  return write


def _object_array_file(path):
  with path.open('wb') as f:
    np.savez(f, __tree__=np.frombuffer(b'{"array": 0}', np.uint8),
             a0=np.array([object()], dtype=object))


_DAMAGE = {
    'truncated': lambda path: path.write_bytes(path.read_bytes()[:len(path.read_bytes()) // 2]),
    'random bytes': lambda path: path.write_bytes(np.random.default_rng(0).bytes(4096)),
    'pickled': lambda path: path.write_bytes(pickle.dumps(checkpoint.load(path))),
    'object array': _object_array_file,
    'negative completed_events': _tampered_state(lambda s: s.update(completed_events=-1)),
    'completed_events past the end': _tampered_state(lambda s: s.update(completed_events=99)),
    'completed_events not an int': _tampered_state(lambda s: s.update(completed_events=2.0)),
    'records of another length': _tampered_state(lambda s: s['records'].pop()),
    'nan flops': _tampered_state(lambda s: s.update(flops=math.nan)),
    'negative flops': _tampered_state(lambda s: s.update(flops=-1.0)),
    'negative parameter count': _tampered_state(lambda s: s.update(peak_parameter_count=-3)),
    'unknown event kind': _tampered_state(lambda s: s['events'][0].update(kind='dance')),
    'no events': _tampered_state(lambda s: s.pop('events')),
}


@pytest.mark.parametrize('damage', list(_DAMAGE))
def test_a_damaged_checkpoint_is_one_message_with_the_way_out(data_dir, tmp_path, damage):
  path = _checkpointed_run(data_dir, tmp_path / 'run')
  _DAMAGE[damage](path)
  with pytest.raises(errors.UserError) as error:
    environment.run(streams.get_stream('demo'), _prior_learner(), tmp_path / 'run', data_dir,
                    show_progress=False)
  message = str(error.value)
  assert str(path) in message and '\n' not in message
  assert 'Delete it to restart the run from the first event' in message and '--output' in message
  assert 'allow_pickle' not in message


# ---------------------------------------------------------------------------------------------
# Logits of the wrong width.


@pytest.mark.parametrize('extra_columns', [1, -1])
def test_logits_of_the_wrong_width_name_the_task_and_shapes(data_dir, tmp_path, extra_columns):
  base = _prior_learner()

  def predict(event, state, data):
    for logits in base.predict(event, state, data):
      yield np.zeros((len(logits), logits.shape[1] + extra_columns), np.float32)

  with pytest.raises(ValueError) as error:
    environment.run(streams.get_stream('demo'), base._replace(predict=predict), tmp_path,
                    data_dir, show_progress=False)
  message = str(error.value)
  assert 'demo_shapes/dev_test' in message and 'Labels' not in message
  assert f'[N, 4], got {4 + extra_columns} columns' in message


# ---------------------------------------------------------------------------------------------
# The command line: one line for user errors, tracebacks for bugs, a run dir only once started.


def _learner_file(tmp_path, body=''):
  """A learner file: the prior learner of these tests, with `body` run first."""
  path = tmp_path / 'prior_learner.py'
  path.write_text('import os\nimport numpy as np\nfrom tests import test_environment\n\n'
                  'def make_learner():\n  learner = test_environment._prior_learner()\n'
                  f'{textwrap.indent(textwrap.dedent(body), "  ")}\n  return learner\n')
  return str(path)


def _run_args(learner, data_dir, out, *extra):
  return ['run', '--stream', 'demo', '--learner', learner, '--data-dir', str(data_dir),
          '--output', str(out), *extra]


def _strict_json(text):
  def refuse(constant):
    raise ValueError(f'non-standard JSON constant {constant}')
  return json.loads(text, parse_constant=refuse)


def test_cli_keeps_the_traceback_of_a_learner_error(data_dir, tmp_path):
  learner = _learner_file(tmp_path, '''
      def train(event, state, data, *, write_checkpoint, resume_from):
        return np.ones(3) @ np.ones(4)  # A shape bug in the learner.
      learner = learner._replace(train=train)''')
  with pytest.raises(ValueError, match='matmul') as error:
    cli.main(_run_args(learner, data_dir, tmp_path / 'run'))
  assert any(str(entry.path) == learner for entry in error.traceback)


@pytest.mark.parametrize('stream, learner, expected', [
    ('no_such_stream', 'linear_probe', 'no_such_stream'),
    ('demo', 'no_such_learner', "Unknown learner 'no_such_learner'"),
])
def test_cli_prints_user_errors_as_one_line(data_dir, tmp_path, capsys, stream, learner,
                                            expected):
  args = _run_args(learner, data_dir, tmp_path / 'run')
  args[2] = stream
  assert cli.main(args) == 2
  err = capsys.readouterr().err
  assert err.startswith('nevis: ') and expected in err and err.count('\n') == 1


def test_cli_no_make_learner_is_a_user_error(data_dir, tmp_path, capsys):
  learner = tmp_path / 'empty_learner.py'
  learner.write_text('x = 1\n')
  assert cli.main(_run_args(str(learner), data_dir, tmp_path / 'run')) == 2
  assert 'must define make_learner()' in capsys.readouterr().err


def test_a_failed_start_leaves_no_run_dir(data_dir, tmp_path, capsys):
  out = tmp_path / 'run'
  assert cli.main(_run_args('no_such_learner', data_dir, out)) == 2
  assert not out.exists()
  empty = tmp_path / 'empty'
  empty.mkdir()
  assert cli.main(_run_args(_learner_file(tmp_path), empty, out)) == 2
  assert 'not prepared' in capsys.readouterr().err
  assert not out.exists()
  assert cli.main(_run_args(_learner_file(tmp_path), data_dir, out)) == 0
  assert _strict_json((out / 'config.json').read_text())['data_dir'] == data_dir


def test_a_moved_run_dir_resumes_with_another_data_dir_path(data_dir, tmp_path, monkeypatch):
  learner = _learner_file(tmp_path, '''
      base_train = learner.train
      def train(event, state, data, **kwargs):
        if os.environ.get('NEVIS_TEST_CRASH') and event.task == 'demo_colours':
          raise RuntimeError('crash')
        return base_train(event, state, data, **kwargs)
      learner = learner._replace(train=train)''')
  assert cli.main(_run_args(learner, data_dir, tmp_path / 'reference')) == 0
  monkeypatch.setenv('NEVIS_TEST_CRASH', '1')
  with pytest.raises(RuntimeError, match='crash'):
    cli.main(_run_args(learner, data_dir, tmp_path / 'first'))
  monkeypatch.delenv('NEVIS_TEST_CRASH')
  shutil.move(tmp_path / 'first', tmp_path / 'moved')
  (tmp_path / 'data_link').symlink_to(data_dir)
  assert cli.main(_run_args(learner, tmp_path / 'data_link', tmp_path / 'moved')) == 0
  assert ((tmp_path / 'moved' / 'metrics.jsonl').read_text()
          == (tmp_path / 'reference' / 'metrics.jsonl').read_text())


@pytest.mark.parametrize('damage', ['truncated', 'negative completed_events'])
def test_cli_prints_a_damaged_checkpoint_as_one_line(data_dir, tmp_path, capsys, damage):
  out = tmp_path / 'run'
  args = _run_args(_learner_file(tmp_path), data_dir, out)
  assert cli.main(args) == 0
  _DAMAGE[damage](out / environment.CHECKPOINT_NAME)
  capsys.readouterr()
  assert cli.main(args) == 2
  err = capsys.readouterr().err
  assert err.startswith('nevis: ') and err.count('\n') == 1 and 'checkpoint.npz' in err


# ---------------------------------------------------------------------------------------------
# Empty runs, skipped tasks, standard JSON.


def test_a_run_without_events_warns(data_dir, tmp_path, capsys):
  out = tmp_path / 'run'
  args = ['run', '--stream', 'short', '--stop-year', '1800', '--learner', _learner_file(tmp_path),
          '--data-dir', data_dir, '--output', str(out)]
  assert cli.main(args) == 0
  assert 'no events' in capsys.readouterr().err
  summary = _strict_json((out / 'summary.json').read_text())
  assert summary['skipped_tasks'] == [] and summary['training_events'] == 0


def test_a_run_that_skips_tasks_warns_and_records_them(tmp_path, capsys):
  empty = tmp_path / 'empty'
  empty.mkdir()
  out = tmp_path / 'run'
  assert cli.main(_run_args(_learner_file(tmp_path), empty, out, '--skip-missing')) == 0
  err = capsys.readouterr().err
  assert 'demo_colours, demo_gratings, demo_shapes' in err and 'no events' in err
  summary = _strict_json((out / 'summary.json').read_text())
  assert summary['skipped_tasks'] == ['demo_colours', 'demo_gratings', 'demo_shapes']


def test_run_files_are_standard_json(data_dir, tmp_path):
  learner = _learner_file(tmp_path, '''
      base_predict = learner.predict
      def predict(event, state, data):
        for logits in base_predict(event, state, data):
          yield np.full_like(logits, np.nan) if event.task == 'demo_colours' else logits
      learner = learner._replace(predict=predict)''')
  out = tmp_path / 'run'
  assert cli.main(_run_args(learner, data_dir, out)) == 0
  records = [_strict_json(line) for line in (out / 'metrics.jsonl').read_text().splitlines()]
  colours = [r for r in records if r['task'] == 'demo_colours' and r['kind'] == 'predict']
  assert colours[0]['cross_entropy'] is None and colours[0]['rows_with_nan'] == 135
  summary = _strict_json((out / 'summary.json').read_text())
  assert summary['dev_test/mean_average_precision'] is None  # No multi-label task: undefined.
  _strict_json((out / 'config.json').read_text())
