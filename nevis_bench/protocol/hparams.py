"""Per-task hyperparameter search spaces (learning rate, label smoothing).

`reference_search_space` reproduces the reference's `finetuning_dknn` search space value for
value: its `search_space_creator(seed, num_trials)` zips
`hype.log_uniform_random_values(1e-4, 1e-1, seed=seed + 1, n=num_trials)` with
`hype.uniform_random_values(0.0, 0.3, seed=seed + 2, n=num_trials)`, where
`uniform_random_values` draws `random.Random(seed).uniform(lo, hi)` n times and the log-uniform
variant draws uniformly between `math.log(lo)` and `math.log(hi)` and returns `math.exp` of it.
The seed is the index of the training event, so every task has its own, reproducible trials.
Each call here builds fresh generators, so it returns the same list every time (the reference's
iterables would continue their generator on a second pass; it iterated once).
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Sequence
from typing import Any

LR_RANGE = (1e-4, 1e-1)
LABEL_SMOOTHING_RANGE = (0.0, 0.3)
CHEAP_LEARNING_RATES = (1e-4, 1e-3, 1e-2, 1e-1)
CHEAP_LABEL_SMOOTHING = 0.15


@dataclasses.dataclass(frozen=True)
class Trial:
  """One training run's overrides."""
  learning_rate: float
  label_smoothing: float


def uniform_values(lo: float, hi: float, *, n: int, seed: int) -> list[float]:
  """n draws of `random.Random(seed).uniform(lo, hi)`, as the reference's hype does."""
  rng = random.Random(seed)
  return [rng.uniform(lo, hi) for _ in range(n)]


def log_uniform_values(lo: float, hi: float, *, n: int, seed: int) -> list[float]:
  """n log-uniform draws: `exp(uniform(log lo, log hi))` with `random.Random(seed)`."""
  return [math.exp(v) for v in uniform_values(math.log(lo), math.log(hi), n=n, seed=seed)]


def reference_search_space(seed: int, num_trials: int = 16) -> list[Trial]:
  """The reference's 16 zipped (log-uniform LR, uniform label smoothing) trials for one task.

  Args:
    seed: index of the training event in the stream.
    num_trials: trials per task (reference: 16).

  Returns:
    num_trials trials, LR in [1e-4, 1e-1] from `random.Random(seed + 1)`, label smoothing in
    [0, 0.3] from `random.Random(seed + 2)`.
  """
  lrs = log_uniform_values(*LR_RANGE, n=num_trials, seed=seed + 1)
  smoothings = uniform_values(*LABEL_SMOOTHING_RANGE, n=num_trials, seed=seed + 2)
  return [Trial(learning_rate=lr, label_smoothing=ls) for lr, ls in zip(lrs, smoothings)]


def grid(learning_rates: Sequence[float] = CHEAP_LEARNING_RATES,
         label_smoothing: float = CHEAP_LABEL_SMOOTHING) -> list[Trial]:
  """One trial per learning rate at a fixed label smoothing (reference cheap config)."""
  return [Trial(learning_rate=float(lr), label_smoothing=float(label_smoothing))
          for lr in learning_rates]


def trials(search: Any, event_index: int) -> list[Trial]:
  """The trials of one training event, from a config's `search` section.

  `kind`: 'reference' (the reference's random draws, seeded by the event index), 'grid' (the
  cheap variant: `learning_rates` at `label_smoothing`) or 'none' (one run at `learning_rate`).
  """
  if search.kind == 'reference':
    return reference_search_space(seed=event_index, num_trials=search.num_trials)
  if search.kind == 'grid':
    return grid(tuple(search.learning_rates), search.label_smoothing)
  return [Trial(search.learning_rate, search.label_smoothing)]
