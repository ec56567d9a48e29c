"""Every JAX config builds its learner; fine-tuning starts from the pre-trained backbone."""

import importlib
import pathlib

import jax
import numpy as np
import pytest

from baselines_jax import learner as jax_learner
from nevis_bench import checkpoint
from nevis_bench.protocol import configs

_CONFIGS = sorted(p.stem for p in pathlib.Path('baselines_jax/configs').glob('*.py')
                  if p.stem != '__init__')


@pytest.mark.parametrize('name', _CONFIGS)
def test_config_builds_a_learner(name, monkeypatch, tmp_path):
  module = importlib.import_module(f'baselines_jax.configs.{name}')
  config = module.get_config()
  assert config.strategy in configs.STRATEGIES and config.name == name
  if name == 'finetune_pretrained':
    monkeypatch.delenv('NEVIS_PRETRAINED_BACKBONE', raising=False)
    with pytest.raises(ValueError, match='set NEVIS_PRETRAINED_BACKBONE'):
      module.make_learner()
    return
  learner = module.make_learner()
  assert learner.init()['models'] == []



def test_training_starts_from_the_pretrained_backbone(tmp_path, monkeypatch):
  from baselines_jax.configs import demo  # pylint: disable=g-import-not-at-top
  config = demo.get_config()
  config.model.width = 4
  config.fit.image_size = 16
  # A "pre-trained" model file: any saved variables of the same architecture.
  from baselines_jax import models  # pylint: disable=g-import-not-at-top
  model = models.Classifier(backbone=models.make_backbone('cifar_resnet18', 4), num_outputs=10)
  pretrained = jax.tree.map(np.asarray, model.init(
      jax.random.PRNGKey(42), np.zeros((1, 16, 16, 3), np.float32), train=False))
  checkpoint.save(tmp_path / 'pretrained.npz', pretrained)
  config.pretrained_backbone = str(tmp_path / 'pretrained.npz')
  captured = {}

  def fake_fit(model, variables, data, fit_config, *, seed, devices=None):
    captured['variables'] = variables
    raise RuntimeError('stop here')

  monkeypatch.setattr(jax_learner.train_lib, 'fit', fake_fit)

  class _Data:
    class info:  # pylint: disable=invalid-name
      task_id, num_classes, multi_label, label_key = 'demo_colours', 5, False, 'label'

  learner = jax_learner.make_learner(config)
  from nevis_streams import events  # pylint: disable=g-import-not-at-top
  with pytest.raises(RuntimeError, match='stop here'):
    learner.train(events.TrainingEvent('demo_colours'), learner.init(), _Data())
  start = captured['variables']
  for a, b in zip(jax.tree.leaves(start['params']['backbone']),
                  jax.tree.leaves(pretrained['params']['backbone'])):
    np.testing.assert_array_equal(a, b)
  assert start['params']['head']['kernel'].shape[-1] == 5  # A fresh head for the task.
