"""k-nearest-neighbour scoring of embeddings, for the Dynamic-kNN transfer choice (pure NumPy).

The reference (`evaluate_embeddings.py`) fits sklearn's `KNeighborsClassifier()` (k = 5,
Euclidean, uniform weights) on a candidate backbone's train embeddings and scores it on dev:
accuracy for single-label tasks, macro mAP of the per-label neighbour vote fractions
(`predict_proba[:, 1]`) for multi-label tasks. sklearn is not a dependency here, so this module
does the same in NumPy, with these choices made explicit:

* Distances are squared Euclidean (same order as Euclidean), computed in float64 as
  `|q|^2 + |t|^2 - 2 q.t`, clipped at 0, one block of query rows at a time so the `[Q, N]`
  matrix never has to fit in memory at once.
* The k neighbours of a query are its k smallest distances; equal distances are broken by the
  lower train index, so the result does not depend on the partition algorithm (sklearn leaves
  such ties to its tree/partition implementation). Exact ties (duplicate embeddings) are
  chunk-independent; near-ties within ~1e-15 relative can follow BLAS rounding.
* Single-label votes: the class with most votes; ties go to the lowest class id (sklearn's mode
  over `classes_ = np.unique(y)` does the same).
* Multi-label: labels without any positive in the dev set are left out of the mean, as in
  `nevis_bench.metrics` (the reference's sklearn scored them 0 or NaN depending on its version).
* k is clipped to the number of train examples (sklearn raises instead), so a tiny task can
  never stop a stream.
"""

from __future__ import annotations

from collections.abc import Iterator
import math

import numpy as np

from nevis_bench import metrics

DEFAULT_K = 5
# Float64 entries per distance block: 2**23 * 8 bytes = 64 MiB, plus the same again for
# the selection temporaries.
_MAX_BLOCK_ELEMENTS = 2**23


def _as_matrix(x: np.ndarray, name: str) -> np.ndarray:
  x = np.asarray(x, dtype=np.float64)
  if x.ndim != 2:
    raise ValueError(f'{name} must be [N, D], got shape {x.shape}.')
  return x


def squared_distances(query_x: np.ndarray, train_x: np.ndarray) -> np.ndarray:
  """All `[Q, N]` squared Euclidean distances, unchunked (float64).

  Uses the matmul expansion because it is one BLAS call instead of a `[Q, N, D]` temporary;
  clipping removes the tiny negatives its rounding can produce.
  """
  q = _as_matrix(query_x, 'query_x')
  t = _as_matrix(train_x, 'train_x')
  if q.shape[1] != t.shape[1]:
    raise ValueError(f'Dimension mismatch: {q.shape[1]} vs {t.shape[1]}.')
  q_norms = np.einsum('ij,ij->i', q, q)
  t_norms = np.einsum('ij,ij->i', t, t)
  d = q_norms[:, None] + t_norms[None, :] - 2.0 * (q @ t.T)
  return np.maximum(d, 0.0, out=d)


def chunk_rows_for(num_train: int, max_block_elements: int = _MAX_BLOCK_ELEMENTS) -> int:
  """Query rows per block so that one `[rows, num_train]` block holds <= max_block_elements."""
  return max(1, max_block_elements // max(1, num_train))


def distance_chunks(query_x: np.ndarray, train_x: np.ndarray, *,
                    chunk_rows: int | None = None) -> Iterator[tuple[slice, np.ndarray]]:
  """Yields `(query rows, squared distances of those rows to all train rows)` block by block.

  Concatenating the blocks gives `squared_distances(query_x, train_x)` up to rounding: BLAS may
  block and order a smaller matmul's sums differently (differences of order 1e-15 relative).
  """
  q = _as_matrix(query_x, 'query_x')
  t = _as_matrix(train_x, 'train_x')
  rows = chunk_rows or chunk_rows_for(t.shape[0])
  if rows < 1:
    raise ValueError(f'chunk_rows must be >= 1, got {rows}.')
  for start in range(0, q.shape[0], rows):
    block = slice(start, min(start + rows, q.shape[0]))
    yield block, squared_distances(q[block], t)


def _k_smallest(d: np.ndarray, k: int) -> np.ndarray:
  """Indices of the k smallest entries of each row of d, ties to the lower column index.

  argpartition alone picks an arbitrary subset when the k-th distance is tied, so rows where
  more than k entries are <= the k-th value fall back to a stable sort.
  """
  if k >= d.shape[1]:
    return np.argsort(d, axis=1, kind='stable')
  idx = np.argpartition(d, k - 1, axis=1)[:, :k]
  kth = np.take_along_axis(d, idx, axis=1).max(axis=1, keepdims=True)
  ambiguous = np.flatnonzero((d <= kth).sum(axis=1) > k)
  if ambiguous.size:
    idx[ambiguous] = np.argsort(d[ambiguous], axis=1, kind='stable')[:, :k]
  # Order the k neighbours by (distance, index) so results are canonical.
  order = np.lexsort((idx, np.take_along_axis(d, idx, axis=1)), axis=1)
  return np.take_along_axis(idx, order, axis=1)


def nearest_neighbors(train_x: np.ndarray, query_x: np.ndarray, k: int = DEFAULT_K, *,
                      chunk_rows: int | None = None) -> np.ndarray:
  """`[Q, min(k, N)]` train indices of each query's nearest neighbours, nearest first."""
  t = _as_matrix(train_x, 'train_x')
  q = _as_matrix(query_x, 'query_x')
  if t.shape[0] == 0:
    raise ValueError('kNN needs at least one train example.')
  if k < 1:
    raise ValueError(f'k must be >= 1, got {k}.')
  k = min(k, t.shape[0])
  out = np.empty((q.shape[0], k), dtype=np.int64)
  for rows, d in distance_chunks(q, t, chunk_rows=chunk_rows):
    out[rows] = _k_smallest(d, k)
  return out


def single_label_predictions(train_y: np.ndarray, neighbors: np.ndarray) -> np.ndarray:
  """Majority class of each row's neighbours; ties go to the lowest class id."""
  classes, encoded = np.unique(np.asarray(train_y), return_inverse=True)
  encoded = encoded.reshape(-1)
  votes = np.zeros((neighbors.shape[0], classes.size), dtype=np.int64)
  rows = np.arange(neighbors.shape[0])
  for j in range(neighbors.shape[1]):
    np.add.at(votes, (rows, encoded[neighbors[:, j]]), 1)
  return classes[np.argmax(votes, axis=1)]  # argmax takes the first maximum: lowest class.


def multi_label_vote_fractions(train_y: np.ndarray, neighbors: np.ndarray) -> np.ndarray:
  """`[Q, C]` fraction of each row's neighbours that carry each label (sklearn predict_proba)."""
  y = np.asarray(train_y, dtype=np.float64)
  return y[neighbors].mean(axis=1)


def mean_average_precision(scores: np.ndarray, targets: np.ndarray) -> float:
  """Macro mAP over the labels that have a positive; NaN when none has."""
  aps = [metrics.average_precision(scores[:, c], targets[:, c]) for c in range(targets.shape[1])]
  aps = [ap for ap in aps if not math.isnan(ap)]
  return float(np.mean(aps)) if aps else math.nan


def knn_score(train_x: np.ndarray, train_y: np.ndarray, dev_x: np.ndarray, dev_y: np.ndarray, *,
              multi_label: bool, k: int = DEFAULT_K) -> float:
  """Quality of an embedding: kNN accuracy (single-label) or macro mAP (multi-label) on dev.

  Args:
    train_x: `[N, D]` train embeddings.
    train_y: `[N]` integer labels, or `[N, C]` 0/1 targets when multi_label.
    dev_x: `[M, D]` dev embeddings.
    dev_y: `[M]` or `[M, C]` like train_y.
    multi_label: which of the two scores to compute.
    k: neighbours per query (clipped to N).

  Returns:
    A float in [0, 1], higher is better (the reference's transfer value is 1 - score);
    NaN for an empty dev set or, multi-label, when no dev label has a positive.
  """
  train_y = np.asarray(train_y)
  dev_y = np.asarray(dev_y)
  expected_rank = 2 if multi_label else 1
  if train_y.ndim != expected_rank or dev_y.ndim != expected_rank:
    raise ValueError(f'Labels must have rank {expected_rank} (multi_label={multi_label}), got '
                     f'{train_y.shape} and {dev_y.shape}.')
  if len(train_y) != len(train_x) or len(dev_y) != len(dev_x):
    raise ValueError('Embeddings and labels must have the same number of rows.')
  if len(dev_x) == 0:
    return math.nan
  neighbors = nearest_neighbors(train_x, dev_x, k)
  if multi_label:
    return mean_average_precision(multi_label_vote_fractions(train_y, neighbors), dev_y)
  return float(np.mean(single_label_predictions(train_y, neighbors) == dev_y))


def knn_flops(num_train: int, num_dev: int, dim: int) -> float:
  """FLOPs of the distance computation, as `squared_distances` does it (multiply-add = 2).

  `2*M*N*D` for the `[M, D] x [D, N]` matmul, `2*D*(M + N)` for the squared norms and
  `3*M*N` for scaling the matmul by 2 and adding both norms. Neighbour selection and voting
  are comparisons and counts, not floating-point arithmetic, so they are not counted.
  """
  m, n, d = float(num_dev), float(num_train), float(dim)
  return 2.0 * m * n * d + 2.0 * d * (m + n) + 3.0 * m * n
