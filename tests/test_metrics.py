"""Metrics: hand-computed values for every formula, edge cases, stability."""

import math

import numpy as np
import pytest

from nevis_bench import metrics


# ---------------------------------------------------------------------------------------------
# Single-label.


def test_single_label_by_hand():
  # Row 0: argmax 0 == label 0, right. Row 1: argmax 2 != label 1, wrong. -> error 0.5.
  # CE row 0: log(e^2 + e^1 + e^0) - 2 = 2.4076060 - 2 = 0.4076060.
  # CE row 1: log(e^0 + e^0 + e^3) - 0 = log(2 + e^3) = 3.0949230.
  # Mean: (0.4076060 + 3.0949230) / 2 = 1.7512645.
  out = metrics.single_label(np.array([[2., 1., 0.], [0., 0., 3.]]), np.array([0, 1]))
  assert out['num_examples'] == 2
  assert out['top1_correct'] == 1
  assert out['error_rate'] == 0.5
  # C = 3 < 5: k = 3, so every label is in the top k.
  assert out['top5_correct'] == 2
  assert out['top5_error_rate'] == 0.0
  assert out['cross_entropy'] == pytest.approx(1.7512645, abs=1e-7)
  assert isinstance(out['cross_entropy'], float) and isinstance(out['num_examples'], int)


def test_top5_with_more_than_five_classes():
  # Logits 6..0 over C = 7 classes: class j has rank j.
  logits = np.tile(np.arange(6., -1., -1.), (4, 1))
  labels = np.array([0, 4, 5, 6])  # Ranks 0, 4, 5, 6: top-5 holds for the first two.
  out = metrics.single_label(logits, labels)
  assert out['top1_correct'] == 1 and out['error_rate'] == 0.75
  assert out['top5_correct'] == 2 and out['top5_error_rate'] == 0.5


def test_top5_with_fewer_than_five_classes_uses_all_classes():
  # C = 2: k = min(5, 2) = 2, so even the worst class is "top-5".
  out = metrics.single_label(np.array([[5., -5.], [5., -5.]]), np.array([1, 1]))
  assert out['error_rate'] == 1.0
  assert out['top5_error_rate'] == 0.0


def test_ties_are_broken_by_class_index():
  # All 7 logits equal: the stable order is 0, 1, ..., 6, so class j has rank j.
  logits = np.zeros((4, 7))
  labels = np.array([0, 1, 4, 5])
  np.testing.assert_array_equal(metrics.label_rank(logits, labels), [0, 1, 4, 5])
  out = metrics.single_label(logits, labels)
  assert out['top1_correct'] == 1  # Only class 0 is argmax's (first) maximum.
  assert out['top5_correct'] == 3  # Ranks 0, 1, 4 are < 5; rank 5 is not.
  # A tie at the top with a smaller-index class: label 2 ties class 1, ranks after it.
  np.testing.assert_array_equal(
      metrics.label_rank(np.array([[0., 3., 3.], [0., 3., 3.]]), np.array([2, 1])), [1, 0])


def test_top1_agrees_with_argmax_on_random_ties():
  rng = np.random.default_rng(0)
  logits = rng.integers(0, 3, size=(500, 8)).astype(np.float32)  # Many ties.
  labels = rng.integers(0, 8, size=500)
  out = metrics.single_label(logits, labels)
  assert out['top1_correct'] == int((logits.argmax(axis=1) == labels).sum())
  # Top-5 equals membership in the first 5 of a stable descending sort.
  order = np.argsort(-logits, axis=1, kind='stable')[:, :5]
  assert out['top5_correct'] == int((order == labels[:, None]).any(axis=1).sum())


def test_single_label_without_examples_gives_nan():
  out = metrics.single_label(np.zeros((0, 10), np.float32), np.zeros((0,), np.int64))
  assert out['num_examples'] == 0 and out['top1_correct'] == 0
  for key in ('error_rate', 'top5_error_rate', 'cross_entropy'):
    assert math.isnan(out[key])


def test_nan_rows_are_wrong():
  logits = np.array([[np.nan, 0., 0.], [1., 0., 0.]])
  out = metrics.single_label(logits, np.array([0, 0]))
  assert out['top1_correct'] == 1 and out['top5_correct'] == 1
  assert math.isnan(out['cross_entropy'])


def test_cross_entropy_is_stable_for_large_logits():
  # -log softmax([1000, 0])[1] = logsumexp - 0 = 1000 + log(1 + e^-1000) = 1000; [0] gives 0.
  out = metrics.softmax_cross_entropy(np.array([[1000., 0.], [1000., 0.]]), np.array([1, 0]))
  np.testing.assert_allclose(out, [1000., 0.], atol=1e-12)


def test_cross_entropy_matches_naive_formula():
  rng = np.random.default_rng(1)
  logits = rng.normal(scale=3.0, size=(300, 11))
  labels = rng.integers(0, 11, size=300)
  probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
  naive = -np.log(probs[np.arange(300), labels])
  np.testing.assert_allclose(metrics.softmax_cross_entropy(logits, labels), naive, rtol=1e-10)
  assert metrics.single_label(logits, labels)['cross_entropy'] == pytest.approx(naive.mean())
  # float32 input is promoted, not computed in float32.
  f32 = metrics.single_label(logits.astype(np.float32), labels)['cross_entropy']
  assert f32 == pytest.approx(naive.mean(), rel=1e-5)


def test_chunking_does_not_change_results(monkeypatch):
  rng = np.random.default_rng(2)
  logits = rng.integers(0, 4, size=(103, 9)).astype(np.float64)
  labels = rng.integers(0, 9, size=103)
  whole = metrics.single_label(logits, labels)
  monkeypatch.setattr(metrics, '_CHUNK_ROWS', 10)
  assert metrics.single_label(logits, labels) == whole


@pytest.mark.parametrize('logits, labels', [
    (np.zeros((2, 3)), np.array([0, 3])),  # Label out of range.
    (np.zeros((2, 3)), np.array([0, -1])),
    (np.zeros((2, 3)), np.array([0., 1.])),  # Not integers.
    (np.zeros((3, 3)), np.array([0, 1])),  # Row count mismatch.
    (np.zeros(3), np.array([0, 1, 2])),  # Not [N, C].
])
def test_single_label_rejects_bad_input(logits, labels):
  with pytest.raises(ValueError):
    metrics.single_label(logits, labels)


# ---------------------------------------------------------------------------------------------
# Average precision and multi-label.


def test_average_precision_by_hand():
  # Thresholds 0.9, 0.8, 0.7, 0.6 (P positives = 2):
  #   top 1: TP 1, P_1 = 1/1, R_1 = 1/2
  #   top 2: TP 1, P_2 = 1/2, R_2 = 1/2 (recall unchanged: adds nothing)
  #   top 3: TP 2, P_3 = 2/3, R_3 = 1
  #   top 4: TP 2, P_4 = 2/4, R_4 = 1 (adds nothing)
  # AP = (1/2 - 0) * 1 + (1 - 1/2) * 2/3 = 1/2 + 1/3 = 5/6.
  ap = metrics.average_precision(np.array([0.9, 0.8, 0.7, 0.6]), np.array([1, 0, 1, 0]))
  assert ap == pytest.approx(5 / 6)
  # sklearn's documented example of average_precision_score gives 0.83 too:
  # descending scores 0.8 (+), 0.4 (-), 0.35 (+), 0.1 (-), the same ranking as above.
  assert metrics.average_precision(np.array([0.1, 0.4, 0.35, 0.8]),
                                   np.array([0, 0, 1, 1])) == pytest.approx(5 / 6)
  assert metrics.average_precision(np.array([3., 2., 1.]), np.array([1, 1, 0])) == 1.0


def test_average_precision_with_tied_scores():
  # Thresholds 0.9 and 0.5 (the tie enters at once) and 0.1; P = 2:
  #   >= 0.9: TP 1 of 1, P = 1, R = 1/2;  >= 0.5: TP 2 of 3, P = 2/3, R = 1.
  # AP = 1/2 * 1 + 1/2 * 2/3 = 5/6, whichever of the tied examples is the positive.
  scores = np.array([0.9, 0.5, 0.5, 0.1])
  assert metrics.average_precision(scores, np.array([1, 1, 0, 0])) == pytest.approx(5 / 6)
  assert metrics.average_precision(scores, np.array([1, 0, 1, 0])) == pytest.approx(5 / 6)
  # All scores tied: one threshold, AP = precision = P / N.
  assert metrics.average_precision(np.zeros(4), np.array([1, 0, 0, 0])) == pytest.approx(0.25)


def test_average_precision_matches_mean_precision_at_positives_without_ties():
  # Without ties, AP = (1/P) * sum over positives of precision at that positive's rank.
  rng = np.random.default_rng(3)
  for _ in range(20):
    scores = rng.normal(size=40)
    targets = rng.integers(0, 2, size=40)
    targets[0] = 1
    ranked = targets[np.argsort(-scores)]
    precision_at = np.cumsum(ranked) / np.arange(1, 41)
    expected = precision_at[ranked == 1].mean()
    assert metrics.average_precision(scores, targets) == pytest.approx(expected)


def test_average_precision_edge_cases():
  assert math.isnan(metrics.average_precision(np.array([0.3, 0.2]), np.array([0, 0])))
  assert math.isnan(metrics.average_precision(np.zeros(0), np.zeros(0)))
  # NaN scores rank last: the positive at NaN is found only after both negatives.
  # Thresholds 1 (TP 0 of 1), 0 (TP 0 of 2), NaN (TP 1 of 3): AP = 1 * 1/3.
  ap = metrics.average_precision(np.array([np.nan, 1., 0.]), np.array([1, 0, 0]))
  assert ap == pytest.approx(1 / 3)


def test_multi_label_by_hand_leaves_out_labels_without_positives():
  logits = np.array([[3., 0.5, 0.], [1., 0.1, 0.], [2., 0.9, 0.]])
  targets = np.array([[1, 0, 0], [0, 1, 0], [1, 0, 0]])
  # Label 0: positives score 3 and 2, the negative 1 -> AP 1.
  # Label 1: its positive (0.1) ranks last of 3 -> AP = 1 * 1/3.
  # Label 2: no positive, left out. mAP = (1 + 1/3) / 2 = 2/3.
  out = metrics.multi_label(logits, targets)
  assert out['num_examples'] == 3
  assert out['num_labels_evaluated'] == 2
  assert out['mean_average_precision'] == pytest.approx(2 / 3)
  assert out['error_rate'] == pytest.approx(1 / 3)


def test_multi_label_ranks_by_logits_not_saturated_probabilities():
  # sigmoid(40) == sigmoid(41) == 1.0 in float64, which would tie them (AP 1/2); logits do not.
  assert 1 / (1 + math.exp(-40)) == 1 / (1 + math.exp(-41))
  out = metrics.multi_label(np.array([[40.], [41.]]), np.array([[0], [1]]))
  assert out['mean_average_precision'] == 1.0


def test_binary_cross_entropy_by_hand():
  # Element (z=0, y=1): -log sigmoid(0) = log 2 = 0.6931472.
  # Element (z=2, y=0): -log(1 - sigmoid(2)) = log(1 + e^2) = 2.1269280.
  # Mean over the 2 elements: 1.4100376.
  out = metrics.multi_label(np.array([[0., 2.]]), np.array([[1, 0]]))
  assert out['cross_entropy'] == pytest.approx(1.4100376, abs=1e-7)
  # Confident mistakes stay finite: softplus(1000) = 1000, softplus(-(-1000)) = 1000.
  np.testing.assert_allclose(
      metrics.sigmoid_cross_entropy(np.array([[1000., -1000.]]), np.array([[0, 1]])),
      [[1000., 1000.]])


def test_binary_cross_entropy_matches_naive_formula():
  rng = np.random.default_rng(4)
  z = rng.normal(scale=3.0, size=(50, 6))
  y = rng.integers(0, 2, size=(50, 6))
  p = 1 / (1 + np.exp(-z))
  naive = -(y * np.log(p) + (1 - y) * np.log(1 - p))
  np.testing.assert_allclose(metrics.sigmoid_cross_entropy(z, y), naive, rtol=1e-9)


def test_multi_label_without_examples_gives_nan():
  out = metrics.multi_label(np.zeros((0, 4), np.float32), np.zeros((0, 4), np.int64))
  assert out['num_examples'] == 0 and out['num_labels_evaluated'] == 0
  for key in ('mean_average_precision', 'error_rate', 'cross_entropy'):
    assert math.isnan(out[key])


@pytest.mark.parametrize('logits, targets', [
    (np.zeros((2, 3)), np.array([[0, 1, 2], [0, 0, 0]])),  # Not 0/1.
    (np.zeros((2, 3)), np.zeros((2, 2))),  # Shape mismatch.
    (np.zeros((2, 3)), np.zeros(2)),  # Not [N, C].
])
def test_multi_label_rejects_bad_input(logits, targets):
  with pytest.raises(ValueError):
    metrics.multi_label(logits, targets)


# ---------------------------------------------------------------------------------------------
# Stream summaries.


def _single(split, n, correct):
  return dict(split=split, multi_label=False, num_examples=n, top1_correct=correct,
              error_rate=1 - correct / n if n else math.nan)


def _multi(split, n, mean_ap):
  return dict(split=split, multi_label=True, num_examples=n, mean_average_precision=mean_ap,
              error_rate=1 - mean_ap)


def test_summarize_weighted_versus_unweighted():
  records = [
      _single('dev_test', 10, 9),  # Error 0.1.
      _single('dev_test', 90, 45),  # Error 0.5.
      _multi('dev_test', 20, 0.8),  # "Error" 0.2.
      _single('dev_test', 0, 0),  # No examples: NaN, left out of the means.
      _single('test', 4, 4),
  ]
  out = metrics.summarize(records)
  # Unweighted over single-label events: (0.1 + 0.5) / 2 = 0.3.
  assert out['dev_test/average_error'] == pytest.approx(0.3)
  # Weighted: wrong (1 + 45) / examples (10 + 90) = 0.46, dominated by the big event.
  assert out['dev_test/weighted_error'] == pytest.approx(0.46)
  assert out['dev_test/mean_average_precision'] == pytest.approx(0.8)
  # All events, multi-label as 1 - mAP: (0.1 + 0.5 + 0.2) / 3.
  assert out['dev_test/average_error_all_events'] == pytest.approx(0.8 / 3)
  assert out['dev_test/num_events'] == 4
  assert out['dev_test/num_single_label_events'] == 3
  assert out['dev_test/num_multi_label_events'] == 1
  assert out['test/average_error'] == 0.0 and out['test/weighted_error'] == 0.0
  assert math.isnan(out['test/mean_average_precision'])  # No multi-label event in test.
  assert out['test/num_events'] == 1
  assert list(out) == ([f'dev_test/{k}' for k in metrics.SPLIT_KEYS]
                       + [f'test/{k}' for k in metrics.SPLIT_KEYS])


def test_summarize_pools_event_metrics():
  logits = np.array([[2., 1., 0.], [0., 0., 3.]])
  records = [
      dict(split='dev', multi_label=False, **metrics.single_label(logits, np.array([0, 1]))),
      dict(split='dev', multi_label=True,
           **metrics.multi_label(np.array([[1.], [0.]]), np.array([[1], [0]]))),
  ]
  out = metrics.summarize(records)
  assert out['dev/average_error'] == 0.5
  assert out['dev/mean_average_precision'] == 1.0
  assert out['dev/average_error_all_events'] == 0.25
  assert metrics.summarize([]) == {}


# ---------------------------------------------------------------------------------------------
# Forgetting and backward transfer.


def test_forgetting_signs():
  immediate = {'a': 0.2, 'b': 0.5, 'only_immediate': 0.3}
  final = {'a': 0.4, 'b': 0.2, 'only_final': 0.9}
  out = metrics.forgetting(immediate, final)
  # a got worse by 0.2 (transfer -0.2, forgetting 0.2); b improved by 0.3 (transfer +0.3, none).
  assert out['per_task_backward_transfer'] == pytest.approx({'a': -0.2, 'b': 0.3})
  assert out['per_task_forgetting'] == pytest.approx({'a': 0.2, 'b': 0.0})
  assert out['backward_transfer'] == pytest.approx(0.05)  # (-0.2 + 0.3) / 2.
  assert out['average_forgetting'] == pytest.approx(0.1)  # (0.2 + 0) / 2.
  assert out['num_tasks'] == 2
  # As Lopez-Paz & Ranzato's BWT with accuracies: mean(acc_final - acc_immediate).
  bwt = np.mean([(1 - final[t]) - (1 - immediate[t]) for t in ('a', 'b')])
  assert out['backward_transfer'] == pytest.approx(bwt)


def test_forgetting_without_common_tasks_is_nan():
  for immediate, final in (({}, {}), ({'a': 0.1}, {'b': 0.2}), ({'a': math.nan}, {'a': 0.2})):
    out = metrics.forgetting(immediate, final)
    assert math.isnan(out['backward_transfer']) and math.isnan(out['average_forgetting'])
    assert out['num_tasks'] == 0 and out['per_task_forgetting'] == {}


# ---------------------------------------------------------------------------------------------
# Non-finite logits.


def test_rows_with_inf_or_nan_are_never_correct_and_are_counted():
  inf, nan = math.inf, math.nan
  logits = np.array([
      [inf, inf, 0.],  # Tied +inf: the label (0) would win by index order. Wrong.
      [0., 1., 2.],  # Argmax 2 == label: right.
      [-inf, -inf, -inf],  # All -inf: every class ties. Wrong.
      [nan, 0., 0.],  # NaN. Wrong.
      [1., -inf, 0.],  # -inf beside finite logits is a legitimate "never": label 0 is right.
      [inf, 0., 0.],  # A lone +inf on the label: still no credit, the row is not finite.
  ])
  labels = np.array([0, 2, 0, 1, 0, 0])
  np.testing.assert_array_equal(metrics.label_rank(logits, labels), [3, 0, 3, 3, 0, 3])
  out = metrics.single_label(logits, labels)
  assert out['top1_correct'] == 2 and out['error_rate'] == pytest.approx(4 / 6)
  assert out['top5_correct'] == 2  # C = 3: every finite row is in the top 3.
  assert out['rows_with_nan'] == 1
  assert out['rows_with_inf'] == 4  # Rows 0, 2, 4 and 5.


def test_finite_rows_count_no_nan_or_inf():
  out = metrics.single_label(np.array([[2., 1.], [0., 3.]]), np.array([0, 1]))
  assert out['rows_with_nan'] == 0 and out['rows_with_inf'] == 0


def test_multi_label_counts_rows_with_nan_and_inf():
  logits = np.array([[math.nan, 0.], [math.inf, 0.], [-math.inf, 1.], [0., 0.]])
  out = metrics.multi_label(logits, np.array([[1, 0], [0, 1], [1, 0], [0, 1]]))
  assert out['rows_with_nan'] == 1 and out['rows_with_inf'] == 2
  assert isinstance(out['rows_with_nan'], int)
