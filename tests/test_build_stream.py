"""`nevis build --stream` and `nevis list --stream`: every task of a stream, one status table.

The stream's tasks are built in order, going on past failures; each failure gets its status
(manual download, Kaggle credentials, download failed, corrupt source, or a bug with its
traceback) and what to do, and the exit status stays 1 while any task is missing. A rerun
builds nothing that is prepared.
"""

import os
import pathlib
import subprocess
import sys

import pytest
import tensorflow_datasets as tfds

import nevis_datasets
from nevis_bench import cli as nevis_cli
from nevis_datasets import cli
from nevis_datasets import readiness
from nevis_datasets.toolkit import downloads

_TASKS = pathlib.Path(nevis_datasets.__file__).parent / 'tasks'
_REPO_ROOT = pathlib.Path(__file__).parents[1]


@pytest.fixture(autouse=True)
def _offline(monkeypatch, tmp_path):
  """No Kaggle credentials, no mirror, md5s skipped (the fake archives have their own)."""
  for var in ('KAGGLE_USERNAME', 'KAGGLE_KEY', 'KAGGLE_API_TOKEN', downloads.MIRROR_ENV):
    monkeypatch.delenv(var, raising=False)
  monkeypatch.setenv('KAGGLE_CONFIG_DIR', str(tmp_path / 'no-kaggle'))
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')


def test_stream_tasks_come_from_nevis_streams():
  assert nevis_cli.stream_tasks('debug', None) == ('voc_2007', 'coil20')
  assert nevis_cli.stream_tasks('DEMO', None) == ('demo_shapes', 'demo_gratings', 'demo_colours')


def test_builds_a_stream_then_finds_it_prepared(tmp_path, capsys, monkeypatch):
  data_dir = str(tmp_path / 'data')
  assert nevis_cli.main(['build', '--stream', 'demo', '--data_dir', data_dir]) == 0
  out = capsys.readouterr().out
  assert '[1/3] demo_shapes: building' in out
  demo = ('demo_shapes', 'demo_gratings', 'demo_colours')
  assert _statuses(out) == dict.fromkeys(demo, 'built') and '3 of 3 tasks ready.' in out
  assert 'DatasetInfo' not in out  # TFDS's own output only with --verbose.

  def no_build(*args, **kwargs):
    raise AssertionError(f'built again: {args}')
  monkeypatch.setattr(cli, 'build', no_build)
  assert nevis_cli.main(['build', '--stream', 'demo', '--data_dir', data_dir]) == 0
  out = capsys.readouterr().out
  assert _statuses(out) == dict.fromkeys(demo, 'prepared') and 'building' not in out
  assert nevis_cli.main(['list', '--stream', 'demo', '--data_dir', data_dir]) == 0
  assert _statuses(capsys.readouterr().out) == dict.fromkeys(demo, 'prepared')


def _statuses(out: str) -> dict[str, str]:
  rows = out.split('-' * 10)[-1].strip().splitlines()
  statuses = {}
  for row in rows:
    for status in readiness.Status:
      parts = row.split(f'  {status.value}  ', 1)
      if len(parts) == 2 and parts[0].strip() and ' ' not in parts[0].strip():
        statuses[parts[0].strip()] = status.value
  return statuses


def test_every_failure_has_its_status_and_the_build_goes_on(tmp_path, capsys, monkeypatch):
  manual = tmp_path / 'manual'
  manual.mkdir()
  # coil20's archive, cut in half: a corrupt source. coil100 (its upstream TFDS dataset) and
  # mnist_rotation: their downloads fail (an empty local mirror dir).
  data = (_TASKS / 'coil20' / 'dummy_data' / 'coil-20-proc.zip').read_bytes()
  (manual / 'coil-20-proc.zip').write_bytes(data[:len(data) // 2])
  monkeypatch.setenv(downloads.MIRROR_ENV, str(tmp_path / 'empty-mirror'))
  tasks = ['demo_shapes', 'coil20', 'olivetti_face', 'imagenet2012', 'mnist_rotation']

  def resolve(stream, stop_year):
    assert (stream, stop_year) == ('mine', 2001)
    return tasks
  argv = ['--stream', 'mine', '--stop-year', '2001', '--data_dir', str(tmp_path / 'data'),
          '--manual_dir', str(manual)]
  assert cli.main(['list', *argv], stream_tasks=resolve) == 1
  listed = _statuses(capsys.readouterr().out)
  assert listed == {'demo_shapes': 'not built', 'coil20': 'not built',
                    'olivetti_face': 'needs Kaggle credentials',
                    'imagenet2012': 'needs manual download', 'mnist_rotation': 'not built'}

  assert cli.main(['build', *argv], stream_tasks=resolve) == 1
  out = capsys.readouterr().out
  assert _statuses(out) == {
      'demo_shapes': 'built', 'coil20': 'corrupt source',
      'olivetti_face': 'needs Kaggle credentials', 'imagenet2012': 'needs manual download',
      'mnist_rotation': 'download failed'}
  assert '1 of 5 tasks ready.' in out
  assert 'olivetti_face.zip' in out or 'kaggle' in out.lower()  # What to do, in the table.
  assert str(manual) in out


def test_a_bug_keeps_its_traceback_and_the_stream_goes_on(tmp_path, capsys, monkeypatch):
  real_build = cli.build

  def build(task_ids, flags, **kwargs):
    if task_ids == ['demo_gratings']:
      raise ZeroDivisionError('a bug in a builder')
    return real_build(task_ids, flags, **kwargs)
  monkeypatch.setattr(cli, 'build', build)
  code = cli.main(['build', '--stream', 'x', '--data_dir', str(tmp_path)],
                  stream_tasks=lambda s, y: ['demo_gratings', 'demo_colours'])
  captured = capsys.readouterr()
  assert code == 1
  assert 'Traceback' in captured.err and 'ZeroDivisionError' in captured.err
  assert _statuses(captured.out) == {'demo_gratings': 'error', 'demo_colours': 'built'}


def test_stream_needs_a_name_and_a_resolver(capsys):
  assert cli.main(['build', '--stream', 'demo']) == 2
  assert '`nevis build --stream' in capsys.readouterr().err
  assert nevis_cli.main(['list', '--stream', 'nope']) == 2
  assert "Unknown stream 'nope'" in capsys.readouterr().err


def test_two_stream_builds_at_once_do_not_corrupt_each_other(tmp_path):
  """Two `nevis build --stream demo` into one data dir: each task is built once, completely."""
  command = [sys.executable, '-m', 'nevis_bench.cli', 'build', '--stream', 'demo',
             '--data_dir', str(tmp_path)]
  env = {**os.environ, 'PYTHONPATH': str(_REPO_ROOT)}
  runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env=env, cwd=_REPO_ROOT) for _ in range(2)]
  outputs = [run.communicate(timeout=600) for run in runs]
  assert [run.returncode for run in runs] == [0, 0], outputs
  for task in ('demo_shapes', 'demo_gratings', 'demo_colours'):
    task_dir = tmp_path / 'nevis' / task
    assert [p.name for p in task_dir.iterdir() if not p.name.startswith('.')] == ['1.0.0']
    builder = tfds.builder(f'nevis/{task}', data_dir=str(tmp_path))
    examples = sum(1 for _ in tfds.as_numpy(builder.as_dataset(split='train+dev+dev_test+test')))
    assert examples == sum(s.num_examples for s in builder.info.splits.values()) == 1200
  for out, _ in outputs:
    assert '3 of 3 tasks ready.' in out
