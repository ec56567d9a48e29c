"""Metrics of predict events and of whole streams (pure NumPy).

Learners return unnormalised logits `[N, C]` for every predict event: class logits for a
single-label task, one logit per label for a multi-label task (probability = sigmoid). The
metrics here are computed from those logits, in float64, in a numerically stable way.

Differences from the reference (`classification_metrics`, `multi_label_classification_metrics`
and `_compute_results` of the original NEVIS'22 code):
* Cross-entropy is taken of the logits. The reference learners returned probabilities and the
  reference applied a second softmax to them, so its cross-entropies are wrong.
* The error rate is reported directly (the reference reported accuracies only).
* Labels without any positive example are left out of the mean average precision (the
  reference's sklearn warns and, depending on its version, scores them 0 or NaN).
* Average precision ranks examples by their logits, not by sigmoid probabilities: same order,
  without the ties that a saturated sigmoid makes of large logits.
* A multi-label event gets `error_rate = 1 - mAP`, so error-versus-compute curves and stream
  averages can pool single- and multi-label events.
* Forgetting and backward transfer, from an end-of-stream re-evaluation (absent in the reference).

Every returned value is a plain Python `int` or `float` (NaN where undefined; the run's JSON
files write it as null). Rows of logits with NaN or +inf (or only -inf) are never correct, and
every event record counts them (`rows_with_nan`, `rows_with_inf`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
import math
from typing import Any

import numpy as np

TOP_K = 5
_CHUNK_ROWS = 8192  # Rows per block: bounds the temporaries for large [N, C] outputs.

# Per-split summary keys, in the order `summarize` returns them.
SPLIT_KEYS = ('average_error', 'weighted_error', 'mean_average_precision',
              'average_error_all_events', 'num_events', 'num_single_label_events',
              'num_multi_label_events')


def _check_logits(logits: np.ndarray, num_rows: int | None = None) -> np.ndarray:
  logits = np.asarray(logits)
  if logits.ndim != 2:
    raise ValueError(f'Logits must be [N, C], got shape {logits.shape}.')
  if num_rows is not None and logits.shape[0] != num_rows:
    raise ValueError(f'{logits.shape[0]} rows of logits for {num_rows} examples.')
  return logits


def _chunks(num_rows: int) -> Iterable[slice]:
  for start in range(0, num_rows, _CHUNK_ROWS):
    yield slice(start, min(start + _CHUNK_ROWS, num_rows))


def _mean(values: Iterable[float]) -> float:
  values = list(values)
  return float(np.mean(values)) if values else math.nan


# ---------------------------------------------------------------------------------------------
# Single-label.


def softmax_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
  """Per-example `-log softmax(logits)[label]`, via logsumexp so large logits do not overflow.

  Args:
    logits: `[N, C]` unnormalised class scores.
    labels: `[N]` integer class indices in `[0, C)`.

  Returns:
    `[N]` float64 losses. A row containing NaN (or +inf) gives NaN.
  """
  z = np.asarray(logits, dtype=np.float64)
  labels = np.asarray(labels)
  out = np.empty(z.shape[0], np.float64)
  for rows in _chunks(z.shape[0]):
    block = z[rows]
    peak = block.max(axis=1, keepdims=True)
    lse = peak[:, 0] + np.log(np.exp(block - peak).sum(axis=1))
    out[rows] = lse - block[np.arange(block.shape[0]), labels[rows]]
  return out


def label_rank(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
  """Per-example 0-based rank of the true class when classes are sorted by descending logit.

  Ties are broken by class index (a stable sort): the label is outranked by every class with
  a larger logit and by every class with an equal logit and a smaller index. So rank 0 is
  exactly `argmax(logits) == label` (argmax returns the first maximum), and top-k holds iff
  rank < k. A row containing NaN or +inf, or only -inf, gets rank C: it is never correct, so a
  diverged learner earns no credit (tied +inf logits would otherwise let the class with the
  smallest index win). A -inf beside finite logits is an ordinary "never this class".

  Args:
    logits: `[N, C]` unnormalised class scores.
    labels: `[N]` integer class indices in `[0, C)`.

  Returns:
    `[N]` int64 ranks in `[0, C]`.
  """
  z = np.asarray(logits)
  labels = np.asarray(labels)
  num_classes = z.shape[1]
  out = np.empty(z.shape[0], np.int64)
  for rows in _chunks(z.shape[0]):
    block = z[rows]
    own = block[np.arange(block.shape[0]), labels[rows]][:, None]
    before = np.arange(num_classes)[None, :] < labels[rows][:, None]
    rank = (block > own).sum(axis=1) + ((block == own) & before).sum(axis=1)
    unusable = (np.isnan(block) | (block == np.inf)).any(axis=1) | (block == -np.inf).all(axis=1)
    out[rows] = np.where(unusable, num_classes, rank)
  return out


def _non_finite_rows(logits: np.ndarray) -> dict[str, int]:
  """How many rows hold a NaN, and how many a +inf or -inf: a learner's numerical trouble."""
  return dict(rows_with_nan=int(np.isnan(logits).any(axis=1).sum()),
              rows_with_inf=int(np.isinf(logits).any(axis=1).sum()))


def single_label(logits: np.ndarray, labels: np.ndarray) -> dict[str, Any]:
  """Metrics of one single-label predict event.

  Args:
    logits: `[N, C]` unnormalised class scores.
    labels: `[N]` integer class indices in `[0, C)`.

  Returns:
    num_examples: N.
    top1_correct, top5_correct: counts, kept so events can be pooled weighted by size.
    error_rate: 1 - top-1 accuracy (ties: see `label_rank`).
    top5_error_rate: 1 - top-k accuracy with k = min(5, C) (so 0 when C <= 5, as in the
      reference).
    cross_entropy: mean of `-log softmax(logits)[label]` (NaN if any row holds NaN or +inf).
    rows_with_nan, rows_with_inf: rows holding a NaN, and rows holding a +inf or -inf (a row
      may count in both). Such rows are never correct, except a -inf beside finite logits.
    The three rates are NaN when N = 0.

  Raises:
    ValueError: on bad shapes, non-integer labels or labels outside `[0, C)`.
  """
  labels = np.asarray(labels)
  if labels.ndim != 1:
    raise ValueError(f'Labels must be [N], got shape {labels.shape}.')
  logits = _check_logits(logits, labels.shape[0])
  n, num_classes = logits.shape
  if n == 0:
    return dict(num_examples=0, top1_correct=0, top5_correct=0, error_rate=math.nan,
                top5_error_rate=math.nan, cross_entropy=math.nan, rows_with_nan=0,
                rows_with_inf=0)
  if not np.issubdtype(labels.dtype, np.integer):
    raise ValueError(f'Labels must be integers, got {labels.dtype}.')
  if labels.min() < 0 or labels.max() >= num_classes:
    raise ValueError(f'Labels must lie in [0, {num_classes}), got [{labels.min()}, '
                     f'{labels.max()}].')
  rank = label_rank(logits, labels)
  top1 = int((rank < 1).sum())
  top5 = int((rank < min(TOP_K, num_classes)).sum())
  return dict(
      num_examples=n,
      top1_correct=top1,
      top5_correct=top5,
      error_rate=1.0 - top1 / n,
      top5_error_rate=1.0 - top5 / n,
      cross_entropy=float(softmax_cross_entropy(logits, labels).mean()),
      **_non_finite_rows(logits),
  )


# ---------------------------------------------------------------------------------------------
# Multi-label.


def sigmoid_cross_entropy(logits: np.ndarray, targets: np.ndarray) -> np.ndarray:
  """Element-wise binary cross-entropy of `sigmoid(logits)` against 0/1 targets.

  Uses `softplus(z) - y z = max(z, 0) - y z + log1p(exp(-|z|))`, which neither overflows for
  large |z| nor loses the loss of confident mistakes to `log(0)`.

  Args:
    logits: `[N, C]` one logit per label.
    targets: `[N, C]` 0/1 targets.

  Returns:
    `[N, C]` float64 losses.
  """
  z = np.asarray(logits, dtype=np.float64)
  y = np.asarray(targets, dtype=np.float64)
  return np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))


def average_precision(scores: np.ndarray, targets: np.ndarray) -> float:
  """Average precision of one label, as sklearn's `average_precision_score` computes it.

  AP = sum_k (R_k - R_{k-1}) P_k over the distinct score thresholds, from the highest down,
  with R_0 = 0: no interpolation, and tied scores enter together (their order does not matter).
  NaN scores rank last.

  Args:
    scores: `[N]` scores, higher meaning more likely positive (logits or probabilities).
    targets: `[N]` 0/1 targets.

  Returns:
    The AP in [0, 1], or NaN when there is no positive (AP is undefined).
  """
  s = np.asarray(scores, dtype=np.float64)
  t = np.asarray(targets).astype(bool)
  positives = int(t.sum())
  if positives == 0:
    return math.nan
  s = np.where(np.isnan(s), -np.inf, s)
  order = np.argsort(-s, kind='stable')
  s, t = s[order], t[order]
  last_of_threshold = np.append(s[1:] != s[:-1], True)
  true_positives = np.cumsum(t)[last_of_threshold]
  predicted = np.flatnonzero(last_of_threshold) + 1
  precision = true_positives / predicted
  recall = true_positives / positives
  return float(np.sum(np.diff(recall, prepend=0.0) * precision))


def multi_label(logits: np.ndarray, targets: np.ndarray) -> dict[str, Any]:
  """Metrics of one multi-label predict event.

  Args:
    logits: `[N, C]` one logit per label.
    targets: `[N, C]` 0/1 (or boolean) targets.

  Returns:
    num_examples: N.
    mean_average_precision: unweighted mean over labels of `average_precision` (sklearn's
      default macro average). Labels without a positive example have no AP and are left out;
      NaN if no label has a positive (in particular when N = 0).
    num_labels_evaluated: how many labels entered that mean.
    error_rate: 1 - mean_average_precision. Not an error rate in the strict sense: a
      convention so that single- and multi-label events share one "error" axis.
    cross_entropy: binary cross-entropy of the sigmoids, averaged over examples and labels
      (NaN when N = 0).
    rows_with_nan, rows_with_inf: rows holding a NaN (which ranks last in average precision),
      and rows holding a +inf or -inf.

  Raises:
    ValueError: on bad shapes or targets other than 0/1.
  """
  targets = np.asarray(targets)
  if targets.ndim != 2:
    raise ValueError(f'Targets must be [N, C], got shape {targets.shape}.')
  logits = _check_logits(logits, targets.shape[0])
  if logits.shape != targets.shape:
    raise ValueError(f'Logits {logits.shape} and targets {targets.shape} differ in shape.')
  if not np.isin(targets, (0, 1)).all():
    raise ValueError('Multi-label targets must be 0 or 1.')
  n = logits.shape[0]
  precisions = [average_precision(logits[:, c], targets[:, c]) for c in range(logits.shape[1])]
  evaluated = [ap for ap in precisions if not math.isnan(ap)]
  mean_ap = _mean(evaluated)
  return dict(
      num_examples=n,
      mean_average_precision=mean_ap,
      num_labels_evaluated=len(evaluated),
      error_rate=1.0 - mean_ap,
      cross_entropy=float(sigmoid_cross_entropy(logits, targets).mean()) if n else math.nan,
      **_non_finite_rows(logits),
  )


# ---------------------------------------------------------------------------------------------
# Streams.


def event_error(record: Mapping[str, Any]) -> float:
  """The error of one predict event: 1 - top-1 accuracy, or 1 - mAP for multi-label."""
  if record['multi_label']:
    return 1.0 - record['mean_average_precision']
  return record['error_rate']


def summarize(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
  """Stream averages per data split, flat: `{'<split>/<key>': value}`.

  Keys per split (in `SPLIT_KEYS` order):
    average_error: unweighted mean of error_rate over single-label events (each occurrence of
      a repeated task counts); 1 minus the reference's `average_single_label_accuracy`.
    weighted_error: sum of wrong predictions / sum of examples over single-label events; 1
      minus the reference's `weighted_average_single_label_accuracy`.
    mean_average_precision: unweighted mean of mAP over multi-label events.
    average_error_all_events: unweighted mean over all events, multi-label ones counting
      1 - mAP.
    num_events, num_single_label_events, num_multi_label_events.
  Events whose metric is undefined (NaN: no examples, or no positive label) are counted in
  num_* but left out of the means. A mean over nothing is NaN.

  Args:
    records: one mapping per predict event with keys split, multi_label, num_examples,
      error_rate, plus top1_correct (single-label) or mean_average_precision (multi-label).
      Other keys are ignored.

  Returns:
    The flat dict, splits in order of first appearance.
  """
  by_split: dict[str, list[Mapping[str, Any]]] = {}
  for record in records:
    by_split.setdefault(record['split'], []).append(record)
  summary: dict[str, Any] = {}
  for split, events in by_split.items():
    single = [r for r in events if not r['multi_label']]
    multi = [r for r in events if r['multi_label']]
    examples = sum(r['num_examples'] for r in single)
    wrong = sum(r['num_examples'] - r['top1_correct'] for r in single)
    values = {
        'average_error': _mean(e for e in (r['error_rate'] for r in single) if not math.isnan(e)),
        'weighted_error': wrong / examples if examples else math.nan,
        'mean_average_precision': _mean(
            m for m in (r['mean_average_precision'] for r in multi) if not math.isnan(m)),
        'average_error_all_events': _mean(
            e for e in (event_error(r) for r in events) if not math.isnan(e)),
        'num_events': len(events),
        'num_single_label_events': len(single),
        'num_multi_label_events': len(multi),
    }
    summary.update({f'{split}/{key}': values[key] for key in SPLIT_KEYS})
  return summary


def forgetting(immediate: Mapping[str, float], final: Mapping[str, float]) -> dict[str, Any]:
  """Backward transfer and forgetting from errors right after learning and at the stream's end.

  For each task t in both mappings (NaN values are skipped as undefined):
    transfer_t = immediate_t - final_t: positive when later learning helped the task. The mean
      is Lopez-Paz & Ranzato's (2017) BWT = mean(acc_final - acc_immediate), as 1 - acc = error.
    forgetting_t = max(0, final_t - immediate_t): only the harm.
  Unlike Chaudhry et al. (2018), the reference point is the error right after the task was
  (last) trained, not the best error seen over the stream, since only those two are measured.

  Args:
    immediate: task -> error of the predict event right after its last training event.
    final: task -> error in the end-of-stream re-evaluation.

  Returns:
    backward_transfer, average_forgetting: means over the tasks (NaN if none).
    num_tasks: how many tasks entered them.
    per_task_backward_transfer, per_task_forgetting: task -> value, in `immediate`'s order.
  """
  transfer = {
      task: float(error - final[task]) for task, error in immediate.items()
      if task in final and not math.isnan(error) and not math.isnan(final[task])
  }
  forgot = {task: max(0.0, -value) for task, value in transfer.items()}
  return dict(
      backward_transfer=_mean(transfer.values()),
      average_forgetting=_mean(forgot.values()),
      num_tasks=len(transfer),
      per_task_backward_transfer=transfer,
      per_task_forgetting=forgot,
  )
