"""The learner interface: three pure functions, and the data a learner may see.

A learner is `Learner(init, train, predict)`:

* `init() -> state`
* `train(event, state, data, *, write_checkpoint, resume_from) -> (state, ResourceUsage)`: learn
  `event.task` from `data`, which opens only the task's `train`, `dev` and `train+dev` splits.
  `write_checkpoint(x)` saves `x` (a `State` tree) inside the run's checkpoint; after a crash the
  same event is re-run with `resume_from=x`.
* `predict(event, state, data) -> iterator of arrays`: scores for the examples of `data`, in its
  order, one `[batch, num_classes]` array of unnormalised logits per batch (per-label logits for
  multi-label tasks). `data` holds images only: the labels stay with the benchmarker.

Data comes two ways: `dataset(...)`, a tf.data pipeline (TensorFlow is imported on first use),
or `data_source(...)`, random access over ArrayRecord files (`len`, `[i]`, `__getitems__`) for
TensorFlow-free learners such as the PyTorch baselines (`nevis convert TASK` adds the files).

States are trees of dicts, lists, tuples, NumPy arrays, numbers, strings and None, so that they
are checkpointed without pickle (see `checkpoint.py`).
"""

from __future__ import annotations

import dataclasses
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
  """

  flops: float = 0.0
  peak_parameter_count: int = 0
  breakdown: Mapping[str, float] = dataclasses.field(default_factory=dict)

  def combine(self, other: 'ResourceUsage') -> 'ResourceUsage':
    kinds = {*self.breakdown, *other.breakdown}
    return ResourceUsage(
        self.flops + other.flops,
        max(self.peak_parameter_count, other.peak_parameter_count),
        {k: self.breakdown.get(k, 0.0) + other.breakdown.get(k, 0.0) for k in sorted(kinds)})


@dataclasses.dataclass(frozen=True)
class TaskInfo:
  """What a learner may know about a task before seeing data."""

  task_id: str
  num_classes: int
  multi_label: bool
  class_names: tuple[str, ...]
  label_key: str  # 'label' (int) or 'labels' (multi-hot int32 vector)


class _SplitReader:
  """Reads splits of one prepared `nevis/<task>` dataset, restricted to `allowed` splits."""

  def __init__(self, builder: tfds.core.DatasetBuilder, info: TaskInfo,
               allowed: tuple[str, ...], event: events_lib.Event):
    self._builder = builder
    self.info = info
    self._allowed = allowed
    self._event = event

  def _check(self, split: str) -> None:
    if split not in self._allowed:
      raise PermissionError(f'{type(self._event).__name__} on {self.info.task_id!r} may read '
                            f'{", ".join(self._allowed)}, not {split!r}.')

  def num_examples(self, split: str) -> int:
    self._check(split)
    return sum(self._builder.info.splits[s].num_examples for s in split.split('+'))

  def _dataset(self, split: str, shuffle_files: bool, seed: int | None) -> 'tf.data.Dataset':
    self._check(split)
    read_config = tfds.ReadConfig(shuffle_seed=seed) if seed is not None else None
    return self._builder.as_dataset(split=split, shuffle_files=shuffle_files,
                                    read_config=read_config)

  def _data_source(self, split: str) -> Sequence[dict[str, Any]]:
    self._check(split)
    return formats.array_record_source(self._builder, split)


class TrainingData(_SplitReader):
  """The splits a training event may read: train, dev and train+dev."""

  def dataset(self, split: str, *, shuffle_files: bool = False,
              seed: int | None = None) -> 'tf.data.Dataset':
    """`{'image': uint8 [H, W, C], label_key: ...}` examples of `split`."""
    return self._dataset(split, shuffle_files, seed)

  def data_source(self, split: str) -> Sequence[dict[str, Any]]:
    """Random access to the examples of `split`, as `dataset` gives them, without TensorFlow.

    Picklable, so DataLoader workers can open it (start them with spawn or forkserver: a
    source read before a fork crashes its forked workers).
    """
    return self._data_source(split)


class PredictionData(_SplitReader):
  """The images of the split a prediction event evaluates, in a fixed order, without labels."""

  @property
  def split(self) -> str:
    return self._allowed[0]

  def num_examples(self) -> int:  # pytype: disable=signature-mismatch
    return super().num_examples(self.split)

  def dataset(self) -> 'tf.data.Dataset':
    """`{'image': uint8 [H, W, C]}` examples, in the order the predictions must follow."""
    return self._dataset(self.split, False, None).map(lambda ex: {'image': ex['image']})

  def data_source(self) -> Sequence[dict[str, Any]]:
    """Random access to `{'image': ...}` examples, in prediction order, without TensorFlow."""
    return ImagesOnly(self._data_source(self.split))


@dataclasses.dataclass(frozen=True)
class ImagesOnly:
  """A random-access source with everything but the images dropped (picklable)."""

  source: Sequence[dict[str, Any]]

  def __len__(self) -> int:
    return len(self.source)

  def __getitem__(self, index: int) -> dict[str, Any]:
    return {'image': self.source[index]['image']}

  def __getitems__(self, indices: Sequence[int]) -> list[dict[str, Any]]:
    return [{'image': example['image']} for example in self.source.__getitems__(indices)]


class Learner(NamedTuple):
  init: Callable[[], State]
  train: Callable[..., tuple[State, ResourceUsage]]
  predict: Callable[[events_lib.PredictionEvent, State, PredictionData], Iterator[np.ndarray]]
