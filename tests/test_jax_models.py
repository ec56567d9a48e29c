"""JAX backbones have the reference shapes and sizes, and the XLA FLOPs counter matches analytic counts."""

from __future__ import annotations

import functools

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from baselines_jax import flops
from baselines_jax import models
from nevis_bench.protocol import analytic_flops

_WIDTH = 8
_BACKBONES = ('cifar_resnet18', 'cifar_resnet34', 'resnet18')


def _images(batch: int = 4, size: int = 32) -> jax.Array:
  return jax.random.normal(jax.random.PRNGKey(1), (batch, size, size, 3), jnp.float32)


def _num_params(tree) -> int:
  return sum(int(np.prod(leaf.shape)) for leaf in jax.tree.leaves(tree))


@pytest.mark.parametrize('name', _BACKBONES)
def test_backbone_feature_shape(name):
  backbone = models.make_backbone(name, width=_WIDTH)
  x = _images()
  # Shapes only: abstract evaluation skips compiling and running the network.
  variables = jax.eval_shape(functools.partial(backbone.init, train=False), jax.random.PRNGKey(0), x)
  features = jax.eval_shape(functools.partial(backbone.apply, train=False), variables, x)
  assert features.shape == (4, 8 * _WIDTH)
  assert features.dtype == jnp.float32


def test_unknown_backbone_raises():
  with pytest.raises(ValueError, match='Unknown backbone'):
    models.make_backbone('vgg')


@pytest.fixture(scope='module')
def classifier():
  # One block per stage keeps compilation fast; the structure is CifarResNet18's.
  model = models.Classifier(models.CifarResNet(stage_sizes=(1, 1, 1, 1), width=_WIDTH), num_outputs=5)
  return model, jax.jit(functools.partial(model.init, train=False))(jax.random.PRNGKey(0), _images())


def _apply(model: nn.Module, train: bool):
  """Jitted apply that also returns the batch_stats collection (jit keeps the test fast on CPU)."""
  return jax.jit(functools.partial(model.apply, train=train, mutable=['batch_stats']))


def test_classifier_outputs_and_names(classifier):
  model, variables = classifier
  assert set(variables) == {'params', 'batch_stats'}
  assert set(variables['params']) == {'backbone', 'head'}
  assert set(variables['batch_stats']) == {'backbone'}
  assert variables['params']['head']['kernel'].shape == (8 * _WIDTH, 5)
  (logits, features), _ = _apply(model, train=False)(variables, _images())
  assert logits.shape == (4, 5)
  assert features.shape == (4, 8 * _WIDTH)


def test_batch_stats_update_only_in_train_mode(classifier):
  model, variables = classifier
  x = _images() * 3.0 + 1.0
  (train_logits, _), updated = _apply(model, train=True)(variables, x)
  changed = jax.tree.map(lambda a, b: not np.allclose(a, b), variables['batch_stats'], updated['batch_stats'])
  assert all(jax.tree.leaves(changed))
  # Eval mode reads the running statistics and never writes them.
  (eval_logits, _), same = _apply(model, train=False)(variables, x)
  jax.tree.map(np.testing.assert_array_equal, variables['batch_stats'], same['batch_stats'])
  # Train mode normalises with batch statistics, eval mode with the (initial) running ones, so outputs differ.
  assert not np.allclose(train_logits, eval_logits)


@pytest.mark.parametrize('name, expected', [
    ('cifar_resnet34', 21.28e6),  # torchvision resnet34 (21.80M) minus its fc (0.51M), with a 3x3 stem.
    ('cifar_resnet18', 11.17e6),
    ('resnet18', 11.18e6),  # torchvision resnet18 (11.69M) minus its fc (0.51M).
])
def test_full_width_param_counts(name, expected):
  backbone = models.make_backbone(name)  # width 64
  shapes = jax.eval_shape(lambda: backbone.init(jax.random.PRNGKey(0), jnp.zeros((1, 64, 64, 3)), train=False))
  assert _num_params(shapes['params']) == pytest.approx(expected, rel=0.005)


def test_resnet18_param_count_matches_torchvision_exactly():
  backbone = models.make_backbone('resnet18')
  shapes = jax.eval_shape(lambda: backbone.init(jax.random.PRNGKey(0), jnp.zeros((1, 64, 64, 3)), train=False))
  assert _num_params(shapes['params']) == 11_689_512 - (512 * 1000 + 1000)


def test_dense_flops_match_xla():
  x = jax.ShapeDtypeStruct((32, 256), jnp.float32)
  w = jax.ShapeDtypeStruct((256, 512), jnp.float32)
  measured = flops.compiled_flops(jnp.matmul, x, w)
  assert measured == pytest.approx(analytic_flops.dense_flops(32, 256, 512), rel=0.05)


@pytest.mark.parametrize('padding', ['SAME', 'VALID'])
def test_conv2d_flops_match_xla(padding):
  x = jax.ShapeDtypeStruct((8, 32, 32, 16), jnp.float32)
  k = jax.ShapeDtypeStruct((3, 3, 16, 32), jnp.float32)
  conv = functools.partial(jax.lax.conv_general_dilated, window_strides=(1, 1), padding=padding,
                           dimension_numbers=('NHWC', 'HWIO', 'NHWC'))
  measured = flops.compiled_flops(conv, x, k)
  out = 32 if padding == 'SAME' else 30
  assert measured == pytest.approx(analytic_flops.conv2d_flops(8, out, out, 3, 3, 16, 32), rel=0.05)


def test_nn_conv_flops_match_xla():
  layer = nn.Conv(32, (3, 3), padding='SAME', use_bias=False)
  x = jnp.zeros((8, 32, 32, 16))
  params = layer.init(jax.random.PRNGKey(0), x)
  measured = flops.compiled_flops(layer.apply, params, x)
  assert measured == pytest.approx(analytic_flops.conv2d_flops(8, 32, 32, 3, 3, 16, 32), rel=0.05)


def test_cost_analysis_return_types():
  assert flops._flops_from_cost_analysis({'flops': 3.0}) == 3.0
  assert flops._flops_from_cost_analysis([{'flops': 3.0}, {'flops': 4.0}]) == 7.0
  for missing in (None, {}, [{}], [{'flops': -1.0}]):
    with pytest.raises(RuntimeError, match='no FLOPs estimate'):
      flops._flops_from_cost_analysis(missing)


def test_train_step_flops_about_three_times_forward(classifier):
  model, variables = classifier
  x = jax.ShapeDtypeStruct((16, 32, 32, 3), jnp.float32)
  y = jax.ShapeDtypeStruct((16,), jnp.int32)

  def forward(params, batch_stats, images):
    return model.apply({'params': params, 'batch_stats': batch_stats}, images, train=True,
                       mutable=['batch_stats'])

  def loss(params, batch_stats, images, labels):
    (logits, _), new_state = forward(params, batch_stats, images)
    return optax.softmax_cross_entropy_with_integer_labels(logits, labels).mean(), new_state

  def step(params, batch_stats, images, labels):
    return jax.value_and_grad(loss, has_aux=True)(params, batch_stats, images, labels)

  forward_flops = flops.compiled_flops(forward, variables['params'], variables['batch_stats'], x)
  step_flops = flops.compiled_flops(step, variables['params'], variables['batch_stats'], x, y)
  assert 2.0 < step_flops / forward_flops < 4.0
