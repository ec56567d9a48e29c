"""`python -m beam_pipelines.build_stream`: a stream's tasks, Beam tasks as Beam jobs.

Run on FnApiRunner with worker subprocesses (what a user runs on one machine; Dataflow, Flink
and Spark take the same flag with their options), over the demo tasks and two Beam tasks built
from their fake data, two tasks in flight at once.
"""

import os
import pathlib
import shutil

import nevis_datasets
from beam_pipelines import build_stream
from nevis_datasets import readiness
from nevis_datasets.toolkit import downloads

_TASKS = pathlib.Path(nevis_datasets.__file__).parent / 'tasks'
_REPO_ROOT = pathlib.Path(__file__).parents[1]
_BEAM = ('runner=FnApiRunner,direct_num_workers=2,direct_running_mode=multi_processing')


def test_builds_demo_and_beam_tasks_with_beam_then_nothing(tmp_path, monkeypatch, capsys):
  manual = tmp_path / 'manual'
  manual.mkdir()
  for task in ('food101', 'awa2'):
    for file in (_TASKS / task / 'dummy_data').iterdir():
      shutil.copy(file, manual / file.name)
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')
  # Beam's worker subprocesses import nevis_datasets from the checkout.
  monkeypatch.setenv('PYTHONPATH', os.pathsep.join(
      filter(None, [str(_REPO_ROOT), os.environ.get('PYTHONPATH')])))
  data_dir = tmp_path / 'data'
  tasks = ['demo_shapes', 'food101', 'demo_colours', 'awa2']
  argv = ['--tasks', ','.join(tasks), '--data_dir', str(data_dir), '--manual_dir', str(manual),
          f'--beam_pipeline_options={_BEAM}', '--max_in_flight', '2']
  assert build_stream.main(argv) == 0
  out = capsys.readouterr().out
  assert '4 of 4 tasks ready.' in out
  for task in tasks:
    assert readiness.prepared(data_dir, task) is not None
  # food101 went through Beam: its workers read the extracted archive (a local build streams it).
  assert list((data_dir / 'downloads' / 'extracted').glob('TAR_GZ.food-101.tar.gz'))
  assert build_stream.main(argv) == 0
  out = capsys.readouterr().out
  assert '4 of 4 tasks prepared; building 0' in out and out.count(' prepared ') == 4


def test_only_beam_tasks_get_the_beam_options():
  assert build_stream.task_flags('food101', ['--data_dir', 'd'], 'runner=X') == [
      '--data_dir', 'd', '--beam_pipeline_options=runner=X']
  assert build_stream.task_flags('coil20', ['--data_dir', 'd'], 'runner=X') == ['--data_dir', 'd']


def test_an_unknown_task_stops_before_any_build(tmp_path, capsys):
  assert build_stream.main(['--tasks', 'demo_shapes,nope', '--data_dir', str(tmp_path)]) == 2
  assert "'nope'" in capsys.readouterr().err
  assert not (tmp_path / 'nevis').exists()


def test_a_stream_resolves_to_its_tasks(tmp_path, monkeypatch):
  seen = []

  def build_all(task_ids, *args, **kwargs):
    seen.extend(task_ids)
    return []
  monkeypatch.setattr(build_stream, 'build_all', build_all)
  assert build_stream.main(['--stream', 'debug', '--data_dir', str(tmp_path)]) == 0
  assert seen == ['voc_2007', 'coil20']
