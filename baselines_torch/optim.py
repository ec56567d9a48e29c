"""The reference optimiser in PyTorch: SGD + Nesterov + L2 on weights only, warm-up + cosine.

Mirrors `baselines_jax.optim`: the decay is added to the gradient before momentum (PyTorch SGD's
`weight_decay` is L2, as the reference's `add_decayed_weights`), only on conv and linear weights
(not biases nor batch-norm scales and offsets). The learning rate of step `t` (0-based) is
`warmup_cosine(t) * lr_scale`, set on the optimiser before each step: the plateau multiplier
`lr_scale` scales the update without touching the momentum buffer, as in the JAX baseline.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
from torch import nn


def warmup_cosine(peak_lr: float, max_steps: int, warmup_steps: int,
                  final_lr: float = 1e-8) -> Callable[[int], float]:
  """Linear 0 -> peak_lr over warmup_steps, then cosine to final_lr at max_steps.

  The same values as `optax.warmup_cosine_decay_schedule(0, peak_lr, warmup_steps,
  decay_steps=max_steps, end_value=final_lr)`, which the JAX baseline uses.
  """
  if max_steps < 1:
    raise ValueError(f'max_steps must be positive, got {max_steps}.')
  warmup_steps = max(0, min(int(warmup_steps), max_steps - 1))
  decay_steps = max_steps - warmup_steps

  def schedule(step: int) -> float:
    if step < warmup_steps:
      return peak_lr * step / warmup_steps
    progress = min(step - warmup_steps, decay_steps) / decay_steps
    return final_lr + (peak_lr - final_lr) * 0.5 * (1 + math.cos(math.pi * progress))

  return schedule


def decays(name: str, parameter: nn.Parameter) -> bool:
  """Whether weight decay applies: conv and linear weights (rank > 1) only."""
  return name.endswith('weight') and parameter.ndim > 1


def sgdw(model: nn.Module, *, weight_decay: float = 1e-4, momentum: float = 0.9,
         nesterov: bool = True) -> torch.optim.SGD:
  """SGD with Nesterov momentum and L2 on the weights that `decays`; set the LR per step."""
  named = list(model.named_parameters())
  groups = [
      {'params': [p for n, p in named if decays(n, p)], 'weight_decay': weight_decay},
      {'params': [p for n, p in named if not decays(n, p)], 'weight_decay': 0.0},
  ]
  return torch.optim.SGD(groups, lr=0.0, momentum=momentum, nesterov=nesterov)


def set_learning_rate(optimizer: torch.optim.Optimizer, learning_rate: float) -> None:
  for group in optimizer.param_groups:
    group['lr'] = learning_rate
