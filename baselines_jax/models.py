"""Flax backbones and the backbone + linear head classifier of the JAX baselines.

The architectures follow the reference baselines (protocol section 3.2):

* `CifarResNet` (CifarResNet18/34): a 3x3 stride-1 stem and no max-pool, so a 64 px image keeps an 8x8 map in the
  last stage. This is the default, expensive backbone of the Independent / Previous / Dynamic baselines.
* `ResNet18`: the standard ImageNet-style ResNet-18 (7x7 stride-2 stem and a max-pool) used by the cheap and
  pretraining configs; at 64 px its last map is 2x2, about 16x less compute per image.

Both return pooled features; the task heads live in `Classifier`, so the backbone can be transferred between tasks
(its parameters sit under the 'backbone' key) while each task gets a fresh 'head'.
"""

from __future__ import annotations

import functools
from typing import Callable, Sequence

import flax.linen as nn
import jax
import jax.numpy as jnp

# Batch-norm settings of the reference (Haiku decay_rate 0.9, eps 1e-5), shared by every backbone.
BN_MOMENTUM = 0.9
BN_EPSILON = 1e-5

_STAGE_SIZES = {
    'cifar_resnet18': (2, 2, 2, 2),
    'cifar_resnet34': (3, 4, 6, 3),
}


def _batch_norm(train: bool, name: str | None = None) -> nn.BatchNorm:
  """BN that uses batch statistics (and updates the running ones) only while training."""
  return nn.BatchNorm(use_running_average=not train, momentum=BN_MOMENTUM, epsilon=BN_EPSILON, name=name)


class BasicBlock(nn.Module):
  """Post-activation (v1) basic residual block: two 3x3 convs, projection shortcut when the shape changes."""
  channels: int
  strides: int = 1

  @nn.compact
  def __call__(self, x: jax.Array, train: bool) -> jax.Array:
    conv = functools.partial(nn.Conv, use_bias=False)  # BN follows every conv, so a bias would be redundant.
    residual = x
    y = conv(self.channels, (3, 3), strides=self.strides, padding='SAME', name='conv_0')(x)
    y = nn.relu(_batch_norm(train, 'bn_0')(y))
    y = conv(self.channels, (3, 3), padding='SAME', name='conv_1')(y)
    y = _batch_norm(train, 'bn_1')(y)
    if self.strides != 1 or x.shape[-1] != self.channels:
      residual = conv(self.channels, (1, 1), strides=self.strides, name='proj_conv')(x)
      residual = _batch_norm(train, 'proj_bn')(residual)
    return nn.relu(y + residual)


def _run_stages(x: jax.Array, train: bool, stage_sizes: Sequence[int], width: int) -> jax.Array:
  """Basic-block stages with channels width*(1,2,4,8) and strides (1,2,2,2), then global average pooling."""
  for stage, num_blocks in enumerate(stage_sizes):
    for block in range(num_blocks):
      strides = 2 if stage > 0 and block == 0 else 1
      x = BasicBlock(width * 2**stage, strides, name=f'stage_{stage}_block_{block}')(x, train)
  return jnp.mean(x, axis=(1, 2))


class CifarResNet(nn.Module):
  """ResNet with a CIFAR stem (3x3 stride-1 conv, no max-pool); returns [B, 8*width] pooled features."""
  stage_sizes: Sequence[int]
  width: int = 64

  @nn.compact
  def __call__(self, x: jax.Array, train: bool) -> jax.Array:
    x = nn.Conv(self.width, (3, 3), padding='SAME', use_bias=False, name='stem_conv')(x)
    x = nn.relu(_batch_norm(train, 'stem_bn')(x))
    return _run_stages(x, train, self.stage_sizes, self.width)


class ResNet18(nn.Module):
  """ImageNet-style ResNet-18 without its logits layer; returns [B, 8*width] pooled features."""
  width: int = 64

  @nn.compact
  def __call__(self, x: jax.Array, train: bool) -> jax.Array:
    x = nn.Conv(self.width, (7, 7), strides=2, padding='SAME', use_bias=False, name='stem_conv')(x)
    x = nn.relu(_batch_norm(train, 'stem_bn')(x))
    x = nn.max_pool(x, (3, 3), strides=(2, 2), padding='SAME')
    return _run_stages(x, train, (2, 2, 2, 2), self.width)


_BACKBONES: dict[str, Callable[[int], nn.Module]] = {
    'cifar_resnet18': lambda width: CifarResNet(_STAGE_SIZES['cifar_resnet18'], width),
    'cifar_resnet34': lambda width: CifarResNet(_STAGE_SIZES['cifar_resnet34'], width),
    'resnet18': lambda width: ResNet18(width),
}


def make_backbone(name: str, width: int = 64) -> nn.Module:
  """Backbone by config name: 'cifar_resnet18', 'cifar_resnet34' (reference default) or 'resnet18'."""
  if name not in _BACKBONES:
    raise ValueError(f'Unknown backbone {name!r}; expected one of {sorted(_BACKBONES)}.')
  return _BACKBONES[name](width)


class Classifier(nn.Module):
  """A backbone and one linear head.

  Submodules are named 'backbone' and 'head', so variables are {'params': {'backbone', 'head'},
  'batch_stats': {'backbone'}} and a backbone can be copied between models whatever their heads.
  """
  backbone: nn.Module
  num_outputs: int

  @nn.compact
  def __call__(self, x: jax.Array, train: bool) -> tuple[jax.Array, jax.Array]:
    features = self.backbone(x, train)
    logits = nn.Dense(self.num_outputs, name='head')(features)
    return logits, features
