"""NEVIS'22 stream variants as ordered training and prediction events.

Mirrors the reference (google-deepmind/dm_nevis, `dm_nevis/streams/nevis_stream.py`):

* Years are visited in ascending order and stop before `stop_year`. The default, 2020, keeps the
  development stream (1989-2019, 92 training events on FULL); `stop_year=2022` adds the held-out
  2020-2021 tasks (106 training events on FULL), which should only be used for final results.
* Each (year, task) entry gives one `TrainingEvent`, immediately followed by one `PredictionEvent`
  per split of `predict_splits`. A task that appears in two years gives two sets of events with the
  same data; nothing is deduplicated (`Stream.tasks` lists the distinct tasks).
* Ablation variants always start from FULL, never touch the years >= 2020 and include them by
  default (stop_year 2022), as the reference's `AblationStream` does.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Iterator

import numpy as np

from nevis_datasets import catalog
from nevis_datasets import errors
from nevis_streams import stream_data
from nevis_streams.events import Event, PREDICTION_SPLITS, PredictionEvent, TrainingEvent

# Years before this form the development stream; later years are held out for final results.
DEFAULT_STOP_YEAR = 2020
# Ablations never alter years >= this one (the reference's `meta_train_stop_year`).
META_TRAIN_STOP_YEAR = 2020
# Ablations include the held-out years by default (the reference's `AblationStream` default).
DEFAULT_ABLATION_STOP_YEAR = 2022
# How many entries REMOVE_FIRST_30_TASKS and REMOVE_LAST_30_TASKS drop.
NUM_ABLATED_TASKS = 30

# DEMO: synthetic tasks that need no network, with a repeated task like NEVIS's repeated datasets.
# Its years 1-4 are positions, not real years, so `stop_year` never cuts the DEMO stream.
DEMO: stream_data.YearlyTasks = {
    1: ('demo_shapes',),
    2: ('demo_gratings',),
    3: ('demo_colours',),
    4: ('demo_shapes',),
}


class StreamArgumentError(errors.UserError, ValueError):
  """An unknown stream name or an invalid argument for one."""


class Variant(enum.Enum):
  """Every stream `get_stream` builds; the value is the accepted (lower-case) name."""

  FULL = 'full'
  SHORT = 'short'
  TINY = 'tiny'
  DEBUG = 'debug'
  IMAGENET_ONLY = 'imagenet_only'
  MAJOR_DOMAIN_ONLY = 'major_domain_only'
  LARGE_DATASET_ONLY = 'large_dataset_only'
  DEMO = 'demo'
  # Ablations of FULL (the reference's `AblationStreamVariant`).
  REMOVE_FIRST_30_TASKS = 'remove_first_30_tasks'
  REMOVE_LAST_30_TASKS = 'remove_last_30_tasks'
  NO_IMAGENET = 'no_imagenet'
  RANDOM_DATASET = 'random_dataset'

  @property
  def is_ablation(self) -> bool:
    return self in _ABLATIONS


_ABLATIONS = frozenset({Variant.REMOVE_FIRST_30_TASKS, Variant.REMOVE_LAST_30_TASKS,
                        Variant.NO_IMAGENET, Variant.RANDOM_DATASET})

_PER_YEAR: dict[Variant, stream_data.YearlyTasks] = {
    Variant.FULL: stream_data.FULL,
    Variant.SHORT: stream_data.SHORT,
    Variant.TINY: stream_data.TINY,
    Variant.DEBUG: stream_data.DEBUG,
    Variant.IMAGENET_ONLY: stream_data.IMAGENET_ONLY,
    Variant.MAJOR_DOMAIN_ONLY: stream_data.MAJOR_DOMAIN_ONLY,
    Variant.LARGE_DATASET_ONLY: stream_data.LARGE_DATASET_ONLY,
    Variant.DEMO: DEMO,
}


@dataclasses.dataclass(frozen=True)
class Stream:
  """A named, ordered sequence of events; iterate it to drive a learner."""

  name: str
  events: tuple[Event, ...]

  def __len__(self) -> int:
    return len(self.events)

  def __iter__(self) -> Iterator[Event]:
    return iter(self.events)

  @property
  def training_events(self) -> tuple[TrainingEvent, ...]:
    return tuple(e for e in self.events if isinstance(e, TrainingEvent))

  @property
  def prediction_events(self) -> tuple[PredictionEvent, ...]:
    return tuple(e for e in self.events if isinstance(e, PredictionEvent))

  @property
  def tasks(self) -> tuple[str, ...]:
    """Distinct task ids in order of first appearance (repeated tasks are listed once)."""
    return tuple(dict.fromkeys(e.task for e in self.training_events))


def names() -> list[str]:
  """The accepted stream names, in `Variant` order."""
  return [v.value for v in Variant]


def _variant(name: str | Variant) -> Variant:
  if isinstance(name, Variant):
    return name
  try:
    return Variant(name.strip().lower())
  except ValueError:
    raise StreamArgumentError(
        f'Unknown stream {name!r}; valid names: {", ".join(names())}.') from None


def _remove_k_tasks(per_year: stream_data.YearlyTasks, k: int, *,
                    reverse: bool) -> stream_data.YearlyTasks:
  """Drops the first (or, with `reverse`, the last) `k` pre-2020 entries, year by year.

  Reproduces the reference's `_remove_k_datasets_from_stream`, quirk included: with `reverse`,
  years are walked from the latest, but inside the one partially affected year the names are
  still removed from the FRONT of the year's tuple (for FULL: 2016's first two tasks, CUB 200 and
  Stanford Cars, instead of its last two). The published ablation results used this behaviour,
  so we keep it rather than "fixing" it.
  """
  result = {}
  count = 0
  for year in sorted(per_year, reverse=reverse):
    tasks = per_year[year]
    if year >= META_TRAIN_STOP_YEAR or count >= k:
      result[year] = tasks
      continue
    num_skipped = min(len(tasks), k - count)
    count += len(tasks)
    if tasks[num_skipped:]:
      result[year] = tasks[num_skipped:]
  return dict(sorted(result.items()))


def _remove_imagenet(per_year: stream_data.YearlyTasks) -> stream_data.YearlyTasks:
  """Drops ImageNet from the pre-2020 years; its 2021 (held-out) entry stays."""
  result = {}
  for year, tasks in per_year.items():
    if year < META_TRAIN_STOP_YEAR:
      tasks = tuple(t for t in tasks if t != 'imagenet2012')
    if tasks:
      result[year] = tasks
  return result


def _random_tasks(per_year: stream_data.YearlyTasks, num_random_datasets: int,
                  random_seed: int) -> stream_data.YearlyTasks:
  """Keeps every held-out entry plus a random subset of the pre-2020 entries.

  As in the reference: the pre-2020 (year, task) entries, in stream order, are shuffled with
  `np.random.default_rng(random_seed).shuffle` and the first `num_random_datasets - #held-out`
  are kept; the survivors keep their year and their order within it.
  """
  held_out = [(y, t) for y, tasks in per_year.items() if y >= META_TRAIN_STOP_YEAR for t in tasks]
  candidates = [(y, t) for y, tasks in per_year.items() if y < META_TRAIN_STOP_YEAR for t in tasks]
  if not len(held_out) < num_random_datasets <= len(held_out) + len(candidates):
    raise StreamArgumentError(
        f'num_random_datasets must be in ({len(held_out)}, {len(held_out) + len(candidates)}]: '
        f'the {len(held_out)} held-out entries are always kept; got {num_random_datasets}.')
  order = list(range(len(candidates)))
  np.random.default_rng(random_seed).shuffle(order)
  kept = set(order[:num_random_datasets - len(held_out)])
  result: dict[int, list[str]] = {}
  for i, (year, task) in enumerate(candidates):
    if i in kept:
      result.setdefault(year, []).append(task)
  for year, task in held_out:
    result.setdefault(year, []).append(task)
  return {year: tuple(tasks) for year, tasks in sorted(result.items())}


def _per_year(variant: Variant, num_random_datasets: int | None,
              random_seed: int) -> stream_data.YearlyTasks:
  if variant == Variant.REMOVE_FIRST_30_TASKS:
    return _remove_k_tasks(stream_data.FULL, NUM_ABLATED_TASKS, reverse=False)
  if variant == Variant.REMOVE_LAST_30_TASKS:
    return _remove_k_tasks(stream_data.FULL, NUM_ABLATED_TASKS, reverse=True)
  if variant == Variant.NO_IMAGENET:
    return _remove_imagenet(stream_data.FULL)
  if variant == Variant.RANDOM_DATASET:
    if num_random_datasets is None:
      raise StreamArgumentError('The random_dataset stream needs num_random_datasets.')
    return _random_tasks(stream_data.FULL, num_random_datasets, random_seed)
  return _PER_YEAR[variant]


def get_stream(name: str | Variant, *, stop_year: int | None = None,
               predict_splits: tuple[str, ...] = ('dev_test',),
               num_random_datasets: int | None = None, random_seed: int = 0) -> Stream:
  """Builds the events of stream `name` (case-insensitive; see `names()`).

  Args:
    name: a stream name or `Variant`.
    stop_year: events only for years < stop_year. Defaults to 2020 (the development stream)
      for the normal variants and to 2022 (everything) for the ablations, which, as in the
      reference, require stop_year > 2020. Ignored by DEMO, whose years are not real years.
    predict_splits: the splits each training event is followed by a prediction on: `dev_test`
      while developing, `test` for final results.
    num_random_datasets: RANDOM_DATASET only (and required there): the number of entries kept.
    random_seed: RANDOM_DATASET only: seeds the choice of kept entries.

  Returns:
    The stream, named by its lower-case variant name.

  Raises:
    StreamArgumentError: for an unknown name, an unknown split or an invalid ablation argument.
  """
  variant = _variant(name)
  for split in predict_splits:
    if split not in PREDICTION_SPLITS:
      raise StreamArgumentError(
          f'Unknown prediction split {split!r}; valid: {PREDICTION_SPLITS}.')
  if num_random_datasets is not None and variant != Variant.RANDOM_DATASET:
    raise StreamArgumentError(f'num_random_datasets only applies to the random_dataset stream, '
                              f'not {variant.value!r}.')
  if stop_year is None:
    stop_year = DEFAULT_ABLATION_STOP_YEAR if variant.is_ablation else DEFAULT_STOP_YEAR
  if variant.is_ablation and stop_year <= META_TRAIN_STOP_YEAR:
    raise StreamArgumentError(f'Ablation streams need stop_year > {META_TRAIN_STOP_YEAR}, got '
                              f'{stop_year}.')
  if variant == Variant.DEMO:
    stop_year = None

  events: list[Event] = []
  for year, tasks in sorted(_per_year(variant, num_random_datasets, random_seed).items()):
    if stop_year is not None and year >= stop_year:
      break
    for task in tasks:
      if task not in catalog.TASKS:
        raise ValueError(f'Stream {variant.value!r} names {task!r}, which is not in the catalog.')
      events.append(TrainingEvent(task, year))
      events.extend(PredictionEvent(task, split, year) for split in predict_splits)
  return Stream(variant.value, tuple(events))
