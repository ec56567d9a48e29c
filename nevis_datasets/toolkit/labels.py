"""Deterministic label ids."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

import numpy as np


def sorted_class_names(names: Iterable[str]) -> list[str]:
  """Class names in id order: sorted, so ids never depend on set or listing order."""
  return sorted(set(names))


def multi_hot(label_ids: Iterable[int], num_classes: int) -> np.ndarray:
  """A 0/1 vector of length `num_classes` (repeated ids still give 1, unlike the reference)."""
  vector = np.zeros(num_classes, dtype=np.int32)
  ids = list(label_ids)
  if any(not 0 <= i < num_classes for i in ids):
    raise ValueError(f'Label ids {ids} out of range for {num_classes} classes.')
  vector[ids] = 1
  return vector


def label_index(names: Sequence[str]) -> dict[str, int]:
  """Name -> id for an ordered list of class names."""
  return {name: i for i, name in enumerate(names)}


def equal_count_buckets(values: Sequence[float], num_buckets: int) -> list[int]:
  """The bucket (0 = lowest values) of each of `values`: the reference's quantisation rule.

  As the NEVIS'22 reference (TID, and the counting tasks): all values are sorted, bucket k holds
  `sorted[k*M:(k+1)*M]` with `M = N // num_buckets`, and a value's label is the first bucket
  holding it, so equal values share a label (the lower one) and buckets are equal-count only up
  to ties. The reference dropped the `N % num_buckets` largest values from every bucket (their
  label was None); here they join the last bucket.

  Raises:
    ValueError: fewer values than buckets (or no bucket), or a NaN, which sorts nowhere.
  """
  if num_buckets < 1 or len(values) < num_buckets:
    raise ValueError(f'{len(values)} values cannot fill {num_buckets} buckets')
  if any(v != v for v in values):  # NaN.
    raise ValueError('a value is NaN')
  ordered = sorted(values)
  size = len(values) // num_buckets
  return [min(bisect.bisect_left(ordered, v) // size, num_buckets - 1) for v in values]
