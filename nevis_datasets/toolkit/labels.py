"""Deterministic label ids."""

from __future__ import annotations

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
