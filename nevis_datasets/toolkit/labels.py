"""Deterministic label ids."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
import dataclasses

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

  As the NEVIS'22 reference's TID handler (the counting tasks use `count_buckets`): all values
  are sorted, bucket k holds `sorted[k*M:(k+1)*M]` with `M = N // num_buckets`, and a value's
  label is the first bucket holding it, so equal values share a label (the lower one) and
  buckets are equal-count only up to ties. The reference dropped the `N % num_buckets` largest
  values from every bucket (their label was None); here they join the last bucket.

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


@dataclasses.dataclass(frozen=True)
class CountBuckets:
  """Object counts quantised into classes of contiguous counts (the counting tasks' classes).

  `upper[k]` is the largest count of bucket k, for every bucket but the last, which holds every
  larger count. Equal bounds leave a bucket empty: the number of classes stays fixed.
  """
  upper: tuple[int, ...]

  def label(self, count: int) -> int:
    """The bucket of `count`: how many bounds lie below it."""
    if count < 0:
      raise ValueError(f'a count of {count}')
    return bisect.bisect_left(self.upper, count)

  @property
  def class_names(self) -> tuple[str, ...]:
    """'<lowest>-<highest>' count of each bucket ('<lowest>+' for the last; 'empty_<k>')."""
    names = []
    lowest = 0
    for k, highest in enumerate(self.upper):
      names.append(f'{lowest}-{highest}' if highest >= lowest else f'empty_{k}')
      lowest = max(lowest, highest + 1)
    return (*names, f'{lowest}+')


def count_buckets(counts: Sequence[int], num_buckets: int) -> CountBuckets:
  """The reference's quantisation of object counts (Trancos, Mall, ShanghaiTech) into classes.

  The reference built the histogram of all counts and its cumulative sum C, and ended bucket k
  (k = 1 .. num_buckets - 1) at the last count c with C(c) < N * k / num_buckets, so each bucket
  holds about N / num_buckets examples. That count is the ceil(N k / num_buckets)-th smallest
  count minus one, computed here exactly (the reference compared floats). Where two bounds
  coincide the reference's labels lagged behind its own bounds, and where the smallest count
  alone filled a bucket it failed an assertion; here the bucket between equal bounds is empty.

  Raises:
    ValueError: fewer counts than buckets, or a count that is not a non-negative integer.
  """
  if num_buckets < 1 or len(counts) < num_buckets:
    raise ValueError(f'{len(counts)} counts cannot fill {num_buckets} buckets')
  bad = [c for c in counts if isinstance(c, bool) or not float(c).is_integer() or c < 0]
  if bad:
    raise ValueError(f'{len(bad)} count(s) are not non-negative integers, e.g. {bad[0]!r}')
  ordered = sorted(int(c) for c in counts)
  n = len(ordered)
  return CountBuckets(tuple(ordered[-(-n * k // num_buckets) - 1] - 1
                            for k in range(1, num_buckets)))


def equal_frequency_bins(values: Sequence[float], num_bins: int
                         ) -> tuple[np.ndarray, np.ndarray]:
  """(edges, bin of each value): the reference's BIWI quantisation into equal-frequency bins.

  The num_bins + 1 edges interpolate the sorted values at positions 0, N/num_bins, ...,
  N (`np.interp`, so the last edge is the largest value); bin k holds the values v with
  edges[k] <= v < edges[k+1] (`np.digitize`), the largest value being in the last bin. Each bin
  holds about N / num_bins values; equal values share a bin.

  Raises:
    ValueError: fewer values than bins (or no bin), or a value that is not finite.
  """
  values = np.asarray(values, dtype=np.float64)
  if num_bins < 1 or values.ndim != 1 or len(values) < num_bins:
    raise ValueError(f'{values.size} values cannot fill {num_bins} bins')
  if not np.isfinite(values).all():
    raise ValueError('a value is not finite')
  n = len(values)
  edges = np.interp(np.linspace(0, n, num_bins + 1), np.arange(n), np.sort(values))
  return edges, np.minimum(np.digitize(values, edges) - 1, num_bins - 1)
