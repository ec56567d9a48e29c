"""PyTorch backbones and the backbone + linear head classifier, mirroring `baselines_jax.models`.

Same architectures, parameter for parameter (protocol section 3.2): `CifarResNet` 18/34 (3x3
stride-1 stem, no max-pool) and the ImageNet-style `ResNet18` (7x7 stride-2 stem, max-pool);
post-activation basic blocks with a projection shortcut when the shape changes; batch norm with
the reference's decay 0.9 (PyTorch momentum 0.1) and epsilon 1e-5. Images are NCHW in [-1, 1].

Padding is symmetric (PyTorch's), where XLA's SAME pads stride-2 layers on the bottom/right
only; parameter counts and FLOPs are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch
from torch import nn

BN_MOMENTUM = 0.1  # PyTorch convention: 1 - the reference's decay rate 0.9.
BN_EPSILON = 1e-5

_STAGE_SIZES = {
    'cifar_resnet18': (2, 2, 2, 2),
    'cifar_resnet34': (3, 4, 6, 3),
}


def _batch_norm(channels: int) -> nn.BatchNorm2d:
  return nn.BatchNorm2d(channels, eps=BN_EPSILON, momentum=BN_MOMENTUM)


def _conv(in_ch: int, out_ch: int, kernel: int, stride: int = 1) -> nn.Conv2d:
  # BN follows every conv, so a bias would be redundant.
  return nn.Conv2d(in_ch, out_ch, kernel, stride=stride, padding=kernel // 2, bias=False)


class BasicBlock(nn.Module):
  """Post-activation (v1) basic residual block: two 3x3 convs, projection when the shape changes."""

  def __init__(self, in_ch: int, channels: int, stride: int = 1):
    super().__init__()
    self.conv_0, self.bn_0 = _conv(in_ch, channels, 3, stride), _batch_norm(channels)
    self.conv_1, self.bn_1 = _conv(channels, channels, 3), _batch_norm(channels)
    self.projection = None
    if stride != 1 or in_ch != channels:
      self.projection = nn.Sequential(_conv(in_ch, channels, 1, stride), _batch_norm(channels))

  def forward(self, x: torch.Tensor) -> torch.Tensor:
    y = torch.relu(self.bn_0(self.conv_0(x)))
    y = self.bn_1(self.conv_1(y))
    residual = x if self.projection is None else self.projection(x)
    return torch.relu(y + residual)


def _stages(stage_sizes: Sequence[int], width: int) -> nn.Sequential:
  """Basic-block stages with channels width*(1,2,4,8) and strides (1,2,2,2)."""
  blocks, in_ch = [], width
  for stage, num_blocks in enumerate(stage_sizes):
    for block in range(num_blocks):
      channels = width * 2**stage
      blocks.append(BasicBlock(in_ch, channels, 2 if stage > 0 and block == 0 else 1))
      in_ch = channels
  return nn.Sequential(*blocks)


class ResNet(nn.Module):
  """A stem, basic-block stages and global average pooling: [B, 3, H, W] -> [B, 8*width]."""

  def __init__(self, stem: nn.Module, stage_sizes: Sequence[int], width: int):
    super().__init__()
    self.stem = stem
    self.stages = _stages(stage_sizes, width)
    self.num_features = 8 * width

  def forward(self, x: torch.Tensor) -> torch.Tensor:
    return self.stages(self.stem(x)).mean(dim=(2, 3))


def cifar_resnet(stage_sizes: Sequence[int], width: int = 64) -> ResNet:
  """CIFAR stem: 3x3 stride-1 conv, BN, ReLU; no max-pool."""
  stem = nn.Sequential(_conv(3, width, 3), _batch_norm(width), nn.ReLU())
  return ResNet(stem, stage_sizes, width)


def resnet18(width: int = 64) -> ResNet:
  """ImageNet stem: 7x7 stride-2 conv, BN, ReLU, 3x3 stride-2 max-pool."""
  stem = nn.Sequential(_conv(3, width, 7, 2), _batch_norm(width), nn.ReLU(),
                       nn.MaxPool2d(3, stride=2, padding=1))
  return ResNet(stem, (2, 2, 2, 2), width)


_BACKBONES: dict[str, Callable[[int], ResNet]] = {
    'cifar_resnet18': lambda width: cifar_resnet(_STAGE_SIZES['cifar_resnet18'], width),
    'cifar_resnet34': lambda width: cifar_resnet(_STAGE_SIZES['cifar_resnet34'], width),
    'resnet18': resnet18,
}


def make_backbone(name: str, width: int = 64) -> ResNet:
  """Backbone by config name: 'cifar_resnet18', 'cifar_resnet34' (reference default), 'resnet18'."""
  if name not in _BACKBONES:
    raise ValueError(f'Unknown backbone {name!r}; expected one of {sorted(_BACKBONES)}.')
  return _BACKBONES[name](width)


class Classifier(nn.Module):
  """A backbone and one linear head; returns (logits, features).

  State-dict keys start with 'backbone.' or 'head.', so a backbone moves between models whatever
  their heads.
  """

  def __init__(self, backbone: ResNet, num_outputs: int):
    super().__init__()
    self.backbone = backbone
    self.head = nn.Linear(backbone.num_features, num_outputs)

  def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    features = self.backbone(x)
    return self.head(features), features
