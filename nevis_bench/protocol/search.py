"""A training event's hyper-parameter search, resumable trial by trial (both baselines).

The learner interface gives a training event `write_checkpoint(x)` and, after a crash,
`resume_from=x`. A `Search` keeps there what the event has settled: the start it chose (and the
kNN FLOPs that choice cost) and every finished trial's dev error and FLOPs. The best trial's
variables so far lie in a file beside the task's model, written before the checkpoint names it.
A killed event resumes at the trial it was in: finished trials are not run again, their FLOPs
still count, and, trials being deterministic, the final records equal an uninterrupted run's.

Trials may finish in any order (side by side on several devices): the best is the lowest dev
error, ties going to the earliest trial, as `min` over the trials in order would choose.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from typing import Any

from etils import epath

from nevis_bench import checkpoint

SaveVariables = Callable[[epath.Path, Any], None]


@dataclasses.dataclass(frozen=True)
class TrialResult:
  """What the search keeps of a finished trial (its variables go to a file, if it is best)."""

  dev_error: float
  train_flops: float
  validation_flops: float


class Search:
  """The settled part of one training event's search; every change is checkpointed at once."""

  def __init__(self, model_path: epath.PathLike, *,
               write_checkpoint: Callable[[Any], None] | None, resume_from: Any,
               save_variables: SaveVariables = checkpoint.save, writes_files: bool = True):
    """`model_path` is the file the winner ends in; trial files lie beside it.

    `writes_files` False: a secondary process of a multi-process launch, which keeps the same
    records but leaves the files to the primary one.
    """
    self._model_path = epath.Path(model_path)
    self._writes_files = writes_files
    self._write = write_checkpoint
    self._save_variables = save_variables
    self._lock = threading.Lock()
    state = resume_from or {}
    self._start: str | None = state.get('start')
    self._knn_flops = float(state.get('knn_flops', 0.0))
    self._trials: dict[int, TrialResult] = {
        int(t['index']): TrialResult(float(t['dev_error']), float(t['train_flops']),
                                     float(t['validation_flops']))
        for t in state.get('trials', [])}
    self._best: int | None = state.get('best')

  @property
  def start(self) -> str | None:
    """The start chosen before the trials (a model path or `rules.FRESH`), None if not yet."""
    return self._start

  @property
  def knn_flops(self) -> float:
    return self._knn_flops

  def chose_start(self, name: str, knn_flops: float) -> None:
    self._start, self._knn_flops = name, float(knn_flops)
    self._checkpoint()

  def pending(self, num_trials: int) -> list[int]:
    """The indices of the trials still to run."""
    return [i for i in range(num_trials) if i not in self._trials]

  def finished(self, index: int, result: TrialResult, variables: Any) -> None:
    """Records trial `index`; if it is the best so far its variables are saved first."""
    with self._lock:
      previous = self._best
      better = previous is None or (result.dev_error, index) < (
          self._trials[previous].dev_error, previous)
      if better and self._writes_files:
        self._model_path.parent.mkdir(parents=True, exist_ok=True)
        self._save_variables(self._trial_path(index), variables)
      if better:
        self._best = index
      self._trials[index] = result
      self._checkpoint()
      if better and previous is not None and self._writes_files:
        self._trial_path(previous).unlink(missing_ok=True)

  @property
  def best(self) -> tuple[int, TrialResult]:
    if self._best is None:
      raise ValueError('No trial has finished.')
    return self._best, self._trials[self._best]

  @property
  def best_variables_path(self) -> epath.Path:
    return self._trial_path(self.best[0])

  def flops(self) -> dict[str, float]:
    """The event's FLOPs by kind, every finished trial's included."""
    return {'train': sum(t.train_flops for t in self._trials.values()),
            'validation': sum(t.validation_flops for t in self._trials.values()),
            'knn': self._knn_flops}

  def keep_best(self) -> epath.Path:
    """Moves the best trial's variables to `model_path` (the other trial files are gone).

    Done already if the event was killed after the move (the checkpoint still names the trial).
    """
    source = self.best_variables_path
    if self._writes_files and (source.exists() or not self._model_path.exists()):
      source.replace(self._model_path)
    return self._model_path

  def _trial_path(self, index: int) -> epath.Path:
    return self._model_path.with_name(f'{self._model_path.stem}.trial-{index:03d}.npz')

  def _checkpoint(self) -> None:
    if self._write is not None:
      self._write({
          'start': self._start, 'knn_flops': self._knn_flops, 'best': self._best,
          'trials': [{'index': i, **dataclasses.asdict(t)}
                     for i, t in sorted(self._trials.items())],
      })
