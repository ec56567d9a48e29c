"""Every PyTorch config builds its learner; fine-tuning starts from the pre-trained backbone."""

import importlib
import pathlib

import numpy as np
import pytest
import torch

from baselines_torch import learner as torch_learner
from baselines_torch import models
from baselines_torch import train as train_lib
from nevis_bench import checkpoint
from nevis_bench.protocol import configs
from nevis_streams import events

_CONFIGS = sorted(p.stem for p in pathlib.Path('baselines_torch/configs').glob('*.py')
                  if p.stem != '__init__')


def test_the_same_config_names_as_the_jax_baselines():
  jax_names = sorted(p.stem for p in pathlib.Path('baselines_jax/configs').glob('*.py')
                     if p.stem != '__init__')
  assert _CONFIGS == jax_names == sorted(configs.NAMES)


@pytest.mark.parametrize('name', _CONFIGS)
def test_config_builds_a_learner(name, monkeypatch):
  module = importlib.import_module(f'baselines_torch.configs.{name}')
  config = module.get_config()
  assert config.name == name
  if name == 'finetune_pretrained':
    monkeypatch.delenv(configs.PRETRAINED_ENV, raising=False)
    with pytest.raises(ValueError, match='set NEVIS_PRETRAINED_BACKBONE'):
      module.make_learner()
    return
  assert module.make_learner().init()['models'] == []


def test_training_starts_from_the_pretrained_backbone(tmp_path, monkeypatch):
  config = configs.named('demo')
  config.model.width = 4
  torch.manual_seed(42)
  pretrained = train_lib.to_numpy(
      models.Classifier(models.make_backbone('cifar_resnet18', 4), num_outputs=10))
  checkpoint.save(tmp_path / 'pretrained.npz', pretrained)
  config.pretrained_backbone = str(tmp_path / 'pretrained.npz')
  captured = {}

  def fake_fit(model, data, fit_config, **kwargs):
    captured['state'] = train_lib.to_numpy(model)
    raise RuntimeError('stop here')

  monkeypatch.setattr(train_lib, 'fit', fake_fit)

  class _Data:
    class info:  # pylint: disable=invalid-name
      task_id, num_classes, multi_label, label_key = 'demo_colours', 5, False, 'label'

  learner = torch_learner.make_learner(config)
  with pytest.raises(RuntimeError, match='stop here'):
    learner.train(events.TrainingEvent('demo_colours'), learner.init(), _Data())
  start = captured['state']
  backbone = [k for k in pretrained if k.startswith('backbone.')]
  assert backbone and all(np.array_equal(start[k], pretrained[k]) for k in backbone)
  assert start['head.weight'].shape == (5, 32)  # A fresh head for the task.
