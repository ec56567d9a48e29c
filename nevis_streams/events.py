"""Stream events: what a learner is asked to do, over named splits of `nevis/<task>`."""

from __future__ import annotations

import dataclasses
from typing import Union

# The splits a training event may read; `train+dev` is TFDS split arithmetic over train and dev.
TRAINING_SPLITS = ('train', 'dev', 'train+dev')
# The splits a prediction event may evaluate.
PREDICTION_SPLITS = ('dev', 'dev_test', 'test')


@dataclasses.dataclass(frozen=True)
class TrainingEvent:
  """Learn task `task` from its `train`, `dev` and `train+dev` splits (never dev_test/test)."""

  task: str
  year: int | None = None  # The stream year (None for streams without years).

  @property
  def dataset(self) -> str:
    return f'nevis/{self.task}'


@dataclasses.dataclass(frozen=True)
class PredictionEvent:
  """Predict the labels of split `split` of task `task`; the learner never sees those labels."""

  task: str
  split: str = 'dev_test'
  year: int | None = None

  def __post_init__(self):
    if self.split not in PREDICTION_SPLITS:
      raise ValueError(f'A prediction event evaluates one of {PREDICTION_SPLITS}, not '
                       f'{self.split!r} (task {self.task!r}).')

  @property
  def dataset(self) -> str:
    return f'nevis/{self.task}'


Event = Union[TrainingEvent, PredictionEvent]
