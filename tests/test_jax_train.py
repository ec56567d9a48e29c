"""The training loop: early stopping that fires, best-on-dev state, FLOPs times steps."""

import jax
import numpy as np
import pytest
import tensorflow_datasets as tfds

from baselines_jax import models
from baselines_jax import train as train_lib
from nevis_bench import learner as learner_lib
from nevis_datasets import cli as datasets_cli
from nevis_streams import events as events_lib


@pytest.fixture(scope='module')
def data(tmp_path_factory):
  path = str(tmp_path_factory.mktemp('data'))
  datasets_cli.build_demo_tasks(path)
  builder = tfds.builder('nevis/demo_colours', data_dir=path)
  info = learner_lib.TaskInfo('demo_colours', 5, False,
                              tuple(builder.info.features['label'].names), 'label')
  return learner_lib.TrainingData(builder, info, events_lib.TRAINING_SPLITS,
                                  events_lib.TrainingEvent('demo_colours'))


def _model_and_variables():
  model = models.Classifier(backbone=models.make_backbone('cifar_resnet18', 4), num_outputs=5)
  variables = model.init(jax.random.PRNGKey(0), np.zeros((1, 16, 16, 3), np.float32),
                         train=False)
  return model, jax.tree.map(np.asarray, variables)


def test_early_stopping_halves_the_rate_then_stops(data, monkeypatch):
  model, variables = _model_and_variables()
  dev_errors = iter([0.5, 0.6, 0.4, 0.45, 0.45, 0.45, 0.45, 0.1])
  kept = []

  def fake_evaluate(steps, variables, batches, the_mesh):
    kept.append(jax.device_get(variables['params']['head']['kernel']))
    return next(dev_errors), 1.0

  monkeypatch.setattr(train_lib, 'evaluate', fake_evaluate)
  config = train_lib.FitConfig(max_steps=100, learning_rate=0.1, batch_size=16, image_size=16,
                               validate_every=5, patience=2, max_lr_halvings=1, log_every=5)
  result = train_lib.fit(model, variables, data, config, seed=0)
  # Validations at 5 (best), 10, 15 (best), 20, 25 (2 without improvement: halve), 30,
  # 35 (2 more: stop). The 0.1 at step 40 is never reached.
  assert result.steps == 35
  scales = [h['lr_scale'] for h in result.history if 'lr_scale' in h]
  assert scales == [1.0] * 5 + [0.5] * 2
  assert result.dev_error == 0.4 and result.validation_flops == 7.0
  np.testing.assert_array_equal(result.variables['params']['head']['kernel'], kept[2])
  assert result.train_flops > 0 and result.train_flops % result.steps == 0


def test_best_dev_state_is_kept_and_learning_happens(data):
  model, variables = _model_and_variables()
  config = train_lib.FitConfig(max_steps=60, learning_rate=0.1, batch_size=32, image_size=16,
                               validate_every=20, log_every=20, warmup_epochs=0)
  result = train_lib.fit(model, variables, data, config, seed=0)
  dev_errors = [h['dev_error'] for h in result.history if 'dev_error' in h]
  assert result.dev_error == min(dev_errors) < 0.5  # Chance: 0.8.
  assert result.steps == 60


def test_a_four_trial_search_compiles_the_train_step_once(data, tmp_path, monkeypatch):
  """Trials differ in learning rate and label smoothing: arguments of one executable."""
  from baselines_jax import learner as learner_jax  # pylint: disable=g-import-not-at-top
  from nevis_bench.protocol import configs  # pylint: disable=g-import-not-at-top

  config = configs.named('demo')
  config.model_dir = str(tmp_path / 'models')
  config.model.width = 4
  config.fit.update({'max_steps': 6, 'validate_every': 3, 'log_every': 3, 'image_size': 16})
  config.search.learning_rates = (0.01, 0.03, 0.1, 0.3)
  config.search.parallel_trials = False
  fits = []
  original_fit = train_lib.fit

  def spy(model, *args, **kwargs):
    result = original_fit(model, *args, **kwargs)
    fits.append((train_lib.steps_for(model, False), result))
    return result

  monkeypatch.setattr(train_lib, 'fit', spy)
  train_lib.steps_for.cache_clear()
  learner = learner_jax.make_learner(config)
  learner.train(events_lib.TrainingEvent('demo_colours'), learner.init(), data)
  assert len(fits) == 4
  steps = {id(s) for s, _ in fits}
  assert len(steps) == 1, 'every trial must share one Steps'
  assert fits[0][0].train.compilations == 1
  # The trials really differ: their learning rates gave different models.
  kernels = [r.variables['params']['head']['kernel'] for _, r in fits]
  assert not np.allclose(kernels[0], kernels[3])
