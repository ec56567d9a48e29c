"""Training rules of the baselines: batch size, warm-up, early stopping, start choice, seeds."""

from __future__ import annotations

import dataclasses
import hashlib
import math
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar('T')


def stable_seed(*parts: Any) -> int:
  """A 31-bit seed from any parts with a stable repr (never Python's salted hash())."""
  return int.from_bytes(hashlib.sha256(repr(parts).encode()).digest()[:4], 'big') >> 1


def adaptive_batch_size(num_train: int, proportion: float = 0.0025, min_size: int = 16,
                        max_size: int = 512) -> int:
  """The reference ADAPTIVE batch size: the largest power of two <= proportion * N, clipped.

  16 for N < 12,800, 32 from 12,800, ..., 512 from 204,800 (with the defaults).
  """
  target = proportion * num_train
  if target < 1:
    return min_size
  return int(min(max_size, max(min_size, 2**int(math.floor(math.log2(target))))))


def warmup_steps(num_train: int, batch_size: int, warmup_epochs: int, max_steps: int) -> int:
  """Warm-up length: `warmup_epochs` epochs of `num_train // batch_size + 1` steps, < max_steps."""
  steps_per_epoch = num_train // batch_size + 1
  return max(0, min(max_steps - 1, warmup_epochs * steps_per_epoch))


class EarlyStopping:
  """Best-on-dev tracking with plateau halving, as both baselines apply it.

  After `patience` validations without a new best dev error the learning rate is halved; after
  `max_lr_halvings` halvings, the next plateau stops training. (The reference set the patience
  to max_steps, so its early stopping never fired.)
  """

  def __init__(self, patience: int, max_lr_halvings: int):
    self.patience = patience
    self.max_lr_halvings = max_lr_halvings
    self.best_error = math.inf
    self.lr_scale = 1.0
    self.halvings = 0
    self._since_best = 0

  def update(self, dev_error: float) -> tuple[bool, bool]:
    """Records one validation; returns (is a new best, stop now)."""
    if dev_error < self.best_error:
      self.best_error, self._since_best = dev_error, 0
      return True, False
    self._since_best += 1
    if self._since_best < self.patience:
      return False, False
    if self.halvings == self.max_lr_halvings:
      return False, True
    self.lr_scale, self.halvings, self._since_best = self.lr_scale / 2, self.halvings + 1, 0
    return False, False


@dataclasses.dataclass(frozen=True)
class Candidate(Generic[T]):
  """A possible start for a training event: a saved model, or a fresh one."""

  name: str  # The saved model's file, or FRESH.
  model: T


FRESH = 'fresh'  # The Dynamic candidate that is a newly initialised model.


def choose_start(candidates: Sequence[Candidate[T]], score: Callable[[Candidate[T]], float]
                 ) -> tuple[Candidate[T], dict[str, float]]:
  """The candidate with the highest `score(candidate)`; ties go to the earliest."""
  scores = {c.name: float(score(c)) for c in candidates}
  best = max(candidates, key=lambda c: scores[c.name])
  return best, scores
