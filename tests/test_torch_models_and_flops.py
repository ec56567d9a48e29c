"""PyTorch models mirror the JAX ones; FlopCounterMode agrees with XLA and with the analytic count."""

from __future__ import annotations

import jax
import numpy as np
import optax
import pytest
import torch

from baselines_jax import flops as jax_flops
from baselines_jax import models as jax_models
from baselines_torch import flops as torch_flops
from baselines_torch import models as torch_models
from nevis_bench.protocol import analytic_flops


def _jax_params(name: str, width: int, size: int = 32) -> int:
  model = jax_models.make_backbone(name, width)
  variables = jax.eval_shape(lambda: model.init(jax.random.PRNGKey(0),
                                                np.zeros((1, size, size, 3), np.float32), False))
  return sum(int(np.prod(x.shape)) for x in jax.tree.leaves(variables['params']))


@pytest.mark.parametrize('name, expected', [
    ('cifar_resnet18', 11_168_832), ('cifar_resnet34', 21_276_992), ('resnet18', 11_176_512)])
def test_parameter_counts_equal_the_jax_backbones(name, expected):
  torch_count = sum(p.numel() for p in torch_models.make_backbone(name).parameters())
  assert torch_count == expected == _jax_params(name, 64)


@pytest.mark.parametrize('name, size, last_map', [
    ('cifar_resnet18', 64, 8), ('cifar_resnet34', 32, 4), ('resnet18', 64, 2)])
def test_backbones_downsample_like_the_reference(name, size, last_map):
  backbone = torch_models.make_backbone(name, 4)
  maps = backbone.stages(backbone.stem(torch.zeros(2, 3, size, size)))
  assert maps.shape[-2:] == (last_map, last_map)
  logits, features = torch_models.Classifier(backbone, 7)(torch.zeros(2, 3, size, size))
  assert logits.shape == (2, 7) and features.shape == (2, 32)


def test_conv_and_dense_flops_match_the_analytic_count():
  conv = torch.nn.Conv2d(16, 32, 3, padding=1, bias=False)
  _, flops = torch_flops.count_flops(lambda: conv(torch.zeros(8, 16, 32, 32)))
  assert flops == analytic_flops.conv2d_flops(8, 32, 32, 3, 3, 16, 32)
  dense = torch.nn.Linear(256, 512)
  _, flops = torch_flops.count_flops(lambda: dense(torch.zeros(32, 256)))
  assert flops == analytic_flops.dense_flops(32, 256, 512)
  # Backward: the gradients of the input and of the kernel, each the forward's cost.
  x = torch.zeros(8, 16, 32, 32, requires_grad=True)
  _, flops = torch_flops.count_flops(lambda: conv(x).sum().backward())
  assert flops == 3 * analytic_flops.conv2d_flops(8, 32, 32, 3, 3, 16, 32)


def test_jax_and_torch_count_the_same_resnet_train_step_within_5_percent():
  """CifarResNet-18 at 64x64, forward and backward, batch 8."""
  batch, size, classes = 8, 64, 10
  jax_model = jax_models.Classifier(backbone=jax_models.make_backbone('cifar_resnet18', 16),
                                    num_outputs=classes)
  images = np.zeros((batch, size, size, 3), np.float32)
  labels = np.zeros((batch,), np.int32)
  variables = jax_model.init(jax.random.PRNGKey(0), images, train=False)

  def loss(params, batch_stats, x, y):
    (logits, _), _ = jax_model.apply({'params': params, 'batch_stats': batch_stats}, x,
                                     train=True, mutable=['batch_stats'])
    return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()

  xla = jax_flops.compiled_flops(jax.grad(loss), variables['params'], variables['batch_stats'],
                                 images, labels)
  torch_model = torch_models.Classifier(torch_models.make_backbone('cifar_resnet18', 16), classes)

  def step():
    logits, _ = torch_model(torch.zeros(batch, 3, size, size))
    torch.nn.functional.cross_entropy(logits, torch.zeros(batch, dtype=torch.long)).backward()

  _, counted = torch_flops.count_flops(step)
  assert counted == pytest.approx(xla, rel=0.05)
  # Both are about 3x the forward pass (the backward computes two gradients per layer).
  with torch.no_grad():
    _, forward = torch_flops.count_flops(lambda: torch_model(torch.zeros(batch, 3, size, size)))
  assert counted / forward == pytest.approx(3.0, rel=0.02)
