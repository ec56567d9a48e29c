"""Both baselines on the DEMO tasks: every strategy runs, learns, resumes; Dynamic chooses well.

The JAX and PyTorch learners follow one protocol, so they pass the same tests, on the same
configs (`nevis_bench.protocol.configs.named('demo')`, scaled down).
"""

import importlib
import json

import numpy as np
import pytest

from nevis_bench import environment
from nevis_bench.protocol import configs
from nevis_datasets import cli as datasets_cli
from nevis_streams import events as events_lib
from nevis_streams import streams


@pytest.fixture(scope='module')
def data_dir(tmp_path_factory):
  path = str(tmp_path_factory.mktemp('data'))
  datasets_cli.build_demo_tasks(path)  # TFRecord (JAX) and ArrayRecord (PyTorch) files.
  return path


@pytest.fixture(params=['baselines_jax', 'baselines_torch'])
def make_learner(request):
  """`make_learner(config)` of one baseline package."""
  return importlib.import_module(f'{request.param}.learner').make_learner


def _config(tmp_path, strategy: str, **fit):
  config = configs.named('demo')
  config.strategy = strategy
  config.model_dir = str(tmp_path / 'models')
  config.fit.update({'max_steps': 40, 'validate_every': 20, 'image_size': 16, **fit})
  config.model.width = 4
  config.search.learning_rates = (0.1,)
  config.knn.update({'max_train': 200, 'max_dev': 60})
  return config


def _short_stream() -> streams.Stream:
  return streams.Stream('two_tasks', (
      events_lib.TrainingEvent('demo_colours'), events_lib.PredictionEvent('demo_colours'),
      events_lib.TrainingEvent('demo_shapes'), events_lib.PredictionEvent('demo_shapes')))


@pytest.mark.parametrize('strategy', configs.STRATEGIES)
def test_every_strategy_learns_the_demo_tasks(make_learner, data_dir, tmp_path, strategy):
  result = environment.run(_short_stream(), make_learner(_config(tmp_path, strategy)),
                           tmp_path / 'run', data_dir, show_progress=False)
  predictions = [r for r in result.records if r['kind'] == 'predict']
  # Chance: 0.8 error on demo_colours (5 classes), 0.75 on demo_shapes.
  assert predictions[0]['error_rate'] < 0.6, predictions[0]
  train = [r for r in result.records if r['kind'] == 'train']
  assert all(r['flops'] > 0 and r['flops/train'] > 0 and r['flops/validation'] > 0
             for r in train)
  if strategy == 'dynamic':
    assert train[1]['flops/knn'] > 0  # The second task scored two candidate starts.
  assert result.summary['peak_parameter_count'] > 0


def test_resume_mid_stream_reproduces_the_metrics(make_learner, data_dir, tmp_path):
  config = _config(tmp_path, 'dynamic')
  reference = environment.run(_short_stream(), make_learner(config),
                              tmp_path / 'reference', data_dir, show_progress=False)

  class Crash(Exception):
    pass

  def crash(index, records):
    if index == 2:
      raise Crash()

  with pytest.raises(Crash):
    environment.run(_short_stream(), make_learner(config), tmp_path / 'run',
                    data_dir, on_event_done=crash, show_progress=False)
  resumed = environment.run(_short_stream(), make_learner(config),
                            tmp_path / 'run', data_dir, show_progress=False)
  assert json.dumps(resumed.records) == json.dumps(reference.records)


def test_dynamic_starts_from_the_model_of_the_same_task(make_learner, data_dir, tmp_path):
  """demo_shapes, demo_colours, then demo_shapes again: the first shapes model is the start."""
  config = _config(tmp_path, 'dynamic', max_steps=60)
  stream = streams.Stream('repeat', (
      events_lib.TrainingEvent('demo_shapes'), events_lib.TrainingEvent('demo_colours'),
      events_lib.TrainingEvent('demo_shapes'), events_lib.PredictionEvent('demo_shapes')))
  result = environment.run(stream, make_learner(config), tmp_path / 'run', data_dir,
                           final_eval_split=None, show_progress=False)
  models = result.learner_state['models']
  assert [m['task'] for m in models] == ['demo_shapes', 'demo_colours', 'demo_shapes']
  assert models[2]['start'].endswith('0000-demo_shapes.npz'), models[2]['start']
  assert np.isfinite(result.records[-1]['error_rate'])


class _Kill(Exception):
  pass


_UNINTERRUPTED: dict[str, environment.RunResult] = {}  # Per baseline: shared by both kills.


@pytest.mark.parametrize('where', ['between_trials', 'inside_a_trial'])
def test_a_search_killed_mid_event_resumes_at_its_trial(make_learner, data_dir, tmp_path,
                                                        tmp_path_factory, monkeypatch, where):
  """Killed in the second event's search: finished trials are kept, the records are the same."""
  config = _config(tmp_path, 'dynamic')
  config.search.learning_rates = (0.05, 0.1, 0.2)
  if make_learner.__module__ not in _UNINTERRUPTED:
    _UNINTERRUPTED[make_learner.__module__] = environment.run(
        _short_stream(), make_learner(config), tmp_path_factory.mktemp('uninterrupted'),
        data_dir, show_progress=False)
  reference = _UNINTERRUPTED[make_learner.__module__]
  train_lib = importlib.import_module(f'{make_learner.__module__.split(".")[0]}.train')
  real_fit = train_lib.fit
  calls = []

  def killing_fit(*args, **kwargs):
    calls.append(1)
    if len(calls) == 5 and where == 'between_trials':  # Event 2's second trial, before it runs.
      raise _Kill()
    result = real_fit(*args, **kwargs)
    if len(calls) == 5:  # Trained, not yet recorded.
      raise _Kill()
    return result

  monkeypatch.setattr(train_lib, 'fit', killing_fit)
  with pytest.raises(_Kill):
    environment.run(_short_stream(), make_learner(config), tmp_path / 'run', data_dir,
                    show_progress=False)
  calls.clear()
  monkeypatch.setattr(train_lib, 'fit', lambda *a, **k: (calls.append(1), real_fit(*a, **k))[1])
  resumed = environment.run(_short_stream(), make_learner(config), tmp_path / 'run', data_dir,
                            show_progress=False)
  assert len(calls) == 2  # Event 2's trials 2 and 3; its first trial and event 1 are kept.
  assert json.dumps(resumed.records) == json.dumps(reference.records)
  models = sorted(p.name for p in (tmp_path / 'models').rglob('*.npz'))
  assert not [m for m in models if '.trial-' in m], models  # Only the winners remain.
