"""The learner interface: three pure functions, and the data a learner may see.

A learner is `Learner(init, train, predict)`:

* `init() -> state`
* `train(event, state, data, *, write_checkpoint, resume_from) -> (state, ResourceUsage)`: learn
  `event.task` from `data`, which opens only the task's `train`, `dev` and `train+dev` splits.
  `write_checkpoint(x)` saves `x` (a `State` tree) inside the run's checkpoint; after a crash the
  same event is re-run with `resume_from=x`.
* `predict(event, state, data) -> iterator of arrays`: scores for the examples of `data`, in its
  order, one `[batch, num_classes]` array of unnormalised logits per batch (per-label logits for
  multi-label tasks; another width is an error). `data` holds images only: the labels stay
  with the benchmarker.

Neither kind of `data`, nor anything it returns (tf.data pipelines, random-access sources),
holds a builder, a `DatasetInfo` or a `SplitDict`: from them a learner reaches no other split
and, when predicting, no label, short of opening the data dir's files itself.

Data comes two ways: `dataset(...)`, a tf.data pipeline (TensorFlow is imported on first use),
or `data_source(...)`, random access over ArrayRecord files (`len`, `[i]`, `__getitems__`) for
TensorFlow-free learners such as the PyTorch baselines (`nevis convert TASK` adds the files).

States are trees of dicts, lists, tuples, NumPy arrays (not of Python objects), numbers, strings
and None, so that they are checkpointed without pickle (see `checkpoint.py`).
"""

from __future__ import annotations

import dataclasses
import math
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import formats
from nevis_streams import events as events_lib

if TYPE_CHECKING:
  import tensorflow as tf  # Only tf.data readers import it, when first used.

State = Any  # A tree of dict/list/tuple/np.ndarray/int/float/str/bool/None.


@dataclasses.dataclass(frozen=True)
class ResourceUsage:
  """Compute of one training event: FLOPs spent, and the most parameters held at once.

  `breakdown` optionally splits `flops` by kind (e.g. train, validation, knn), for the logs.
  Values are checked (and made plain floats and ints) here: one NaN or negative count would
  silently spoil the run's cumulative totals.
  """

  flops: float = 0.0
  peak_parameter_count: int = 0
  breakdown: Mapping[str, float] = dataclasses.field(default_factory=dict)

  def __post_init__(self):
    object.__setattr__(self, 'flops', _amount('flops', self.flops))
    try:
      count = operator.index(self.peak_parameter_count)
    except TypeError:
      count = -1
    if count < 0:
      raise ValueError('ResourceUsage.peak_parameter_count must be an integer >= 0, got '
                       f'{self.peak_parameter_count!r}.')
    object.__setattr__(self, 'peak_parameter_count', count)
    if not all(isinstance(kind, str) for kind in self.breakdown):
      raise ValueError(f'ResourceUsage.breakdown keys must be strings, got {list(self.breakdown)}.')
    object.__setattr__(self, 'breakdown', {
        kind: _amount(f'breakdown[{kind!r}]', value) for kind, value in self.breakdown.items()})

  def combine(self, other: 'ResourceUsage') -> 'ResourceUsage':
    kinds = {*self.breakdown, *other.breakdown}
    return ResourceUsage(
        self.flops + other.flops,
        max(self.peak_parameter_count, other.peak_parameter_count),
        {k: self.breakdown.get(k, 0.0) + other.breakdown.get(k, 0.0) for k in sorted(kinds)})


def _amount(name: str, value: Any) -> float:
  """`value` as a float, if it is a finite number >= 0 (NumPy and JAX scalars included)."""
  amount = float(value) if hasattr(value, '__float__') else math.nan
  if not (math.isfinite(amount) and amount >= 0):
    raise ValueError(f'ResourceUsage.{name} must be a finite number >= 0, got {value!r}.')
  return amount


@dataclasses.dataclass(frozen=True)
class TaskInfo:
  """What a learner may know about a task before seeing data."""

  task_id: str
  num_classes: int
  multi_label: bool
  class_names: tuple[str, ...]
  label_key: str  # 'label' (int) or 'labels' (multi-hot int32 vector)


class _SplitReader:
  """Reads splits of one prepared `nevis/<task>` dataset, restricted to `allowed` splits.

  Built from the task's builder but keeps none of it: no builder, `DatasetInfo` or `SplitDict`,
  from which a learner could reach other splits. It holds the shard files of the allowed splits
  (`formats.SplitFiles`) and the features the event may decode, and so does everything it
  returns; only opening the data dir's files directly gets further.
  """

  _visible_features: tuple[str, ...] | None = None  # None: every feature of the task.

  def __init__(self, builder: tfds.core.DatasetBuilder, info: TaskInfo,
               allowed: tuple[str, ...], event: events_lib.Event):
    self.info = info
    self._event = event
    self._files = {split: formats.SplitFiles.of(builder, split) for split in allowed}
    features = builder.info.features
    self._features = features if self._visible_features is None else tfds.features.FeaturesDict(
        {key: features[key] for key in self._visible_features})

  def _split_files(self, split: str) -> formats.SplitFiles:
    if split not in self._files:
      raise PermissionError(f'{type(self._event).__name__} on {self.info.task_id!r} may read '
                            f'{", ".join(self._files)}, not {split!r}.')
    return self._files[split]


class TrainingData(_SplitReader):
  """The splits a training event may read: train, dev and train+dev."""

  def num_examples(self, split: str) -> int:
    return self._split_files(split).num_examples

  def dataset(self, split: str, *, shuffle_files: bool = False,
              seed: int | None = None) -> 'tf.data.Dataset':
    """`{'image': uint8 [H, W, C], label_key: ...}` examples of `split`.

    As `builder.as_dataset(split, shuffle_files=..., read_config=tfds.ReadConfig(
    shuffle_seed=seed))` gives them.
    """
    return self._split_files(split).dataset(self._features, shuffle_files=shuffle_files,
                                            seed=seed)

  def data_source(self, split: str) -> Sequence[dict[str, Any]]:
    """Random access to the examples of `split`, as `dataset` gives them, without TensorFlow.

    Picklable, so DataLoader workers can open it (start them with spawn or forkserver: a
    source read before a fork crashes its forked workers).
    """
    return self._split_files(split).array_record_source(self._features)


class PredictionData(_SplitReader):
  """The images of the split a prediction event evaluates, in a fixed order, without labels.

  Only the `image` feature is ever parsed: no object it holds or returns decodes a label.
  """

  _visible_features = ('image',)

  @property
  def split(self) -> str:
    return next(iter(self._files))

  def num_examples(self) -> int:
    return self._split_files(self.split).num_examples

  def dataset(self) -> 'tf.data.Dataset':
    """`{'image': uint8 [H, W, C]}` examples, in the order the predictions must follow."""
    return self._split_files(self.split).dataset(self._features, in_file_order=True)

  def data_source(self) -> Sequence[dict[str, Any]]:
    """Random access to `{'image': ...}` examples, in prediction order, without TensorFlow.

    Picklable, like `TrainingData.data_source`.
    """
    return self._split_files(self.split).array_record_source(self._features)


class Learner(NamedTuple):
  init: Callable[[], State]
  train: Callable[..., tuple[State, ResourceUsage]]
  predict: Callable[[events_lib.PredictionEvent, State, PredictionData], Iterator[np.ndarray]]
