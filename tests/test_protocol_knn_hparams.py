"""kNN embedding scores and HP search spaces of the JAX baselines: hand-checked cases."""

import dataclasses
import math
import random

import numpy as np
import pytest

from nevis_bench.protocol import hparams
from nevis_bench.protocol import knn

# ---------------------------------------------------------------------------------------------
# kNN, single-label.


def test_well_separated_clusters_score_one():
  rng = np.random.default_rng(0)
  centres = np.array([[0., 0.], [100., 0.], [0., 100.]])
  labels = np.array([4, 0, 9])  # Non-consecutive class ids.
  train_y = np.repeat(labels, 20)
  dev_y = np.repeat(labels, 7)
  train_x = np.repeat(centres, 20, axis=0) + rng.normal(size=(60, 2))
  dev_x = np.repeat(centres, 7, axis=0) + rng.normal(size=(21, 2))
  assert knn.knn_score(train_x, train_y, dev_x, dev_y, multi_label=False) == 1.0
  # Swap the dev labels of two clusters: every dev point of those clusters is now wrong.
  swapped = np.where(dev_y == 4, 0, np.where(dev_y == 0, 4, dev_y))
  assert knn.knn_score(train_x, train_y, dev_x, swapped, multi_label=False) == pytest.approx(1 / 3)


def test_five_neighbour_majority_differs_from_one_neighbour():
  # One class-0 point right next to the query, four class-1 points at distance ~1 around it,
  # and far-away class-0 points. 1-NN says 0; the 5-NN vote is 4 to 1 for class 1.
  train_x = np.array([[0., 0.], [1., 0.], [0., 1.], [-1., 0.], [0., -1.],
                      [50., 50.], [51., 50.], [50., 51.]])
  train_y = np.array([0, 1, 1, 1, 1, 0, 0, 0])
  dev_x = np.array([[0.1, 0.]])
  assert knn.knn_score(train_x, train_y, dev_x, np.array([1]), multi_label=False) == 1.0
  assert knn.knn_score(train_x, train_y, dev_x, np.array([1]), multi_label=False, k=1) == 0.0
  assert knn.knn_score(train_x, train_y, dev_x, np.array([0]), multi_label=False, k=1) == 1.0


def test_vote_ties_go_to_the_lowest_class_id():
  # Query at the origin; k = 4 neighbours: two of class 7 (distance 0.9), two of class 3
  # (distance 1). 2-2 tie -> class 3, the lower id, although class 7 is nearer.
  train_x = np.array([[0., 0.9], [0., -0.9], [1., 0.], [-1., 0.], [10., 10.], [11., 10.]])
  train_y = np.array([7, 7, 3, 3, 9, 9])
  dev_x = np.zeros((1, 2))
  assert knn.knn_score(train_x, train_y, dev_x, np.array([3]), multi_label=False, k=4) == 1.0
  assert knn.knn_score(train_x, train_y, dev_x, np.array([7]), multi_label=False, k=4) == 0.0
  neighbors = knn.nearest_neighbors(train_x, dev_x, 4)
  np.testing.assert_array_equal(knn.single_label_predictions(train_y, neighbors), [3])


def test_equal_distances_are_broken_by_train_index():
  # Four train points at distance 1 from the query, one at distance 2.
  train_x = np.array([[2., 0.], [1., 0.], [0., 1.], [-1., 0.], [0., -1.]])
  dev_x = np.zeros((1, 2))
  np.testing.assert_array_equal(knn.nearest_neighbors(train_x, dev_x, 2), [[1, 2]])
  np.testing.assert_array_equal(knn.nearest_neighbors(train_x, dev_x, 5), [[1, 2, 3, 4, 0]])


def test_k_larger_than_train_set_uses_every_example():
  train_x = np.array([[0.], [1.], [5.]])
  train_y = np.array([2, 2, 1])
  # k = 5 is clipped to 3: votes 2, 2, 1 -> class 2 everywhere.
  np.testing.assert_array_equal(knn.nearest_neighbors(train_x, np.array([[4.9]]), 5), [[2, 1, 0]])
  score = knn.knn_score(train_x, train_y, np.array([[4.9], [0.]]), np.array([2, 2]),
                        multi_label=False)
  assert score == 1.0


def test_edge_cases():
  train_x, train_y = np.zeros((3, 2)), np.array([0, 1, 1])
  assert math.isnan(knn.knn_score(train_x, train_y, np.zeros((0, 2)), np.zeros((0,), int),
                                  multi_label=False))
  with pytest.raises(ValueError, match='rank'):
    knn.knn_score(train_x, train_y, np.zeros((1, 2)), np.array([0]), multi_label=True)
  with pytest.raises(ValueError, match='at least one'):
    knn.nearest_neighbors(np.zeros((0, 2)), np.zeros((1, 2)))


# ---------------------------------------------------------------------------------------------
# kNN, multi-label.


def test_multi_label_map_by_hand():
  # 1-D points, k = 3. Labels A, B, C per train point:
  train_x = np.array([[0.], [1.], [2.], [10.], [11.], [12.]])
  train_y = np.array([[1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 0], [1, 0, 0], [0, 0, 0]])
  # Dev 0.9 -> neighbours t1, t0, t2: A 2/3, B 2/3.  Dev 11.2 -> t4, t5, t3: A 1/3, B 0.
  # Dev 10 -> t3, t4, t5: A 1/3, B 0.                 Dev 2.5 -> t2, t1, t0: A 2/3, B 2/3.
  # C is never set: 0 everywhere.
  dev_x = np.array([[0.9], [11.2], [10.], [2.5]])
  neighbors = knn.nearest_neighbors(train_x, dev_x, 3)
  np.testing.assert_array_equal(neighbors, [[1, 0, 2], [4, 5, 3], [3, 4, 5], [2, 1, 0]])
  fractions = knn.multi_label_vote_fractions(train_y, neighbors)
  np.testing.assert_allclose(fractions, [[2 / 3, 2 / 3, 0], [1 / 3, 0, 0], [1 / 3, 0, 0],
                                         [2 / 3, 2 / 3, 0]])
  dev_y = np.array([[1, 0, 0], [0, 0, 0], [1, 0, 0], [0, 1, 0]])
  # A: scores (2/3, 1/3, 1/3, 2/3), targets (1, 0, 1, 0). Threshold 2/3: 1 TP of 2 predicted,
  #    P = 1/2, R = 1/2. Threshold 1/3: 2 TP of 4, P = 1/2, R = 1. AP = 1/2*1/2 + 1/2*1/2 = 1/2.
  # B: scores (2/3, 0, 0, 2/3), targets (0, 0, 0, 1). Threshold 2/3: 1 TP of 2, P = 1/2, R = 1.
  #    AP = 1/2.
  # C: no positive in dev -> left out (counting it as 0 would give 1/3). mAP = 1/2.
  score = knn.knn_score(train_x, train_y, dev_x, dev_y, multi_label=True, k=3)
  assert score == pytest.approx(0.5)
  # Swapping the targets of rows 3 and 2 makes label A perfectly ranked:
  # A: scores (2/3, 1/3, 1/3, 2/3), targets (1, 0, 0, 1) -> AP 1. B: targets (0, 0, 1, 0),
  # scores 2/3, 0, 0, 2/3: threshold 2/3 gives 0 TP; threshold 0 gives 1 TP of 4, P = 1/4,
  # R = 1 -> AP 1/4. mAP = (1 + 1/4) / 2 = 5/8.
  dev_y2 = np.array([[1, 0, 0], [0, 0, 0], [0, 1, 0], [1, 0, 0]])
  score2 = knn.knn_score(train_x, train_y, dev_x, dev_y2, multi_label=True, k=3)
  assert score2 == pytest.approx(5 / 8)


def test_multi_label_without_any_positive_is_nan():
  train_x = np.array([[0.], [1.]])
  train_y = np.array([[1, 0], [0, 1]])
  assert math.isnan(knn.knn_score(train_x, train_y, np.array([[0.]]), np.array([[0, 0]]),
                                  multi_label=True, k=1))


# ---------------------------------------------------------------------------------------------
# Distances, chunking, FLOPs.


def _brute_distances(q: np.ndarray, t: np.ndarray) -> np.ndarray:
  return ((q[:, None, :] - t[None, :, :]) ** 2).sum(-1)


def test_chunked_distances_equal_unchunked():
  rng = np.random.default_rng(1)
  q = rng.normal(size=(37, 6)).astype(np.float32)
  t = rng.normal(size=(53, 6)).astype(np.float32)
  full = knn.squared_distances(q, t)
  assert full.shape == (37, 53) and full.dtype == np.float64
  np.testing.assert_allclose(full, _brute_distances(q.astype(np.float64), t.astype(np.float64)),
                             atol=1e-10)
  for rows in (1, 4, 36, 37, 1000):
    blocks = list(knn.distance_chunks(q, t, chunk_rows=rows))
    assert [b.start for b, _ in blocks] == list(range(0, 37, rows))
    # Equal up to BLAS rounding (a block's matmul may sum in another order).
    np.testing.assert_allclose(np.concatenate([d for _, d in blocks]), full, rtol=1e-12,
                               atol=1e-12)
  reference = np.argsort(_brute_distances(q.astype(np.float64), t.astype(np.float64)),
                         axis=1, kind='stable')[:, :5]
  for rows in (None, 1, 5, 37):
    np.testing.assert_array_equal(knn.nearest_neighbors(t, q, 5, chunk_rows=rows), reference)


def test_neighbours_with_many_ties_match_a_stable_sort():
  # Small-integer points: the distances are exact and heavily tied.
  rng = np.random.default_rng(2)
  t = rng.integers(0, 3, size=(40, 2)).astype(np.float64)
  q = rng.integers(0, 3, size=(25, 2)).astype(np.float64)
  reference = np.argsort(_brute_distances(q, t), axis=1, kind='stable')[:, :5]
  for rows in (None, 3):
    np.testing.assert_array_equal(knn.nearest_neighbors(t, q, 5, chunk_rows=rows), reference)


def test_chunk_rows_bound_the_block():
  assert knn.chunk_rows_for(10_000, max_block_elements=2**20) == 104
  assert knn.chunk_rows_for(10**9, max_block_elements=2**20) == 1
  assert knn.chunk_rows_for(0) >= 1


def test_knn_flops_formula():
  # 2*M*N*D matmul + 2*D*(M + N) norms + 3*M*N combining, M = dev, N = train.
  assert knn.knn_flops(num_train=10, num_dev=4, dim=3) == 2 * 4 * 10 * 3 + 2 * 3 * 14 + 3 * 40
  assert knn.knn_flops(10, 4, 3) == 444.0
  assert knn.knn_flops(10_000, 5_000, 512) == pytest.approx(
      2 * 5e3 * 1e4 * 512 + 2 * 512 * 1.5e4 + 3 * 5e7)


# ---------------------------------------------------------------------------------------------
# Hyperparameter search spaces.


def _reference_space(seed: int, num_trials: int) -> list[tuple[float, float]]:
  """The reference's generation, inline: hype.log_uniform_random_values(1e-4, 1e-1, seed+1)
  zipped with hype.uniform_random_values(0.0, 0.3, seed+2)."""
  lr_rng = random.Random(seed + 1)
  lrs = [math.exp(lr_rng.uniform(math.log(1e-4), math.log(1e-1))) for _ in range(num_trials)]
  ls_rng = random.Random(seed + 2)
  smoothings = [ls_rng.uniform(0.0, 0.3) for _ in range(num_trials)]
  return list(zip(lrs, smoothings))


def test_reference_search_space_is_the_references():
  trials = hparams.reference_search_space(seed=3, num_trials=16)
  assert len(trials) == 16
  assert trials == hparams.reference_search_space(3, 16)  # Deterministic across calls.
  assert [(t.learning_rate, t.label_smoothing) for t in trials] == _reference_space(3, 16)
  for t in trials:
    assert 1e-4 <= t.learning_rate <= 1e-1
    assert 0.0 <= t.label_smoothing <= 0.3
  assert len(set(trials)) == 16
  assert trials != hparams.reference_search_space(seed=4, num_trials=16)
  # exp(U[log lo, log hi]) equals 10**U[-4, -1] drawn from the same uniform, up to rounding.
  rng = random.Random(4)
  np.testing.assert_allclose([t.learning_rate for t in trials],
                             [10 ** rng.uniform(-4, -1) for _ in range(16)], rtol=1e-12)


def test_reference_search_space_matches_reference_test_values():
  # Expected values of the reference's hype_test (seeds 1 and 2, i.e. event index 0), 7 trials.
  expected = [(0.0002529, 0.2868102), (0.0348578, 0.2843482), (0.0195579, 0.0169654),
              (0.0005823, 0.0254615), (0.0030641, 0.2506496), (0.0022308, 0.2207909),
              (0.0090111, 0.2009191)]
  trials = hparams.reference_search_space(seed=0, num_trials=7)
  np.testing.assert_allclose([(t.learning_rate, t.label_smoothing) for t in trials], expected,
                             atol=1e-4)
  # And the reference's doctests of the two generators.
  assert hparams.log_uniform_values(1e-1, 1e-3, n=3, seed=0) == [
      0.0020471812581430546, 0.003048535060583298, 0.014416400482129478]
  assert hparams.uniform_values(0, 1, n=3, seed=0) == [
      0.8444218515250481, 0.7579544029403025, 0.420571580830845]


def test_grid():
  trials = hparams.grid([1e-4, 1e-3, 1e-2, 1e-1], 0.15)
  assert trials == [hparams.Trial(1e-4, 0.15), hparams.Trial(1e-3, 0.15),
                    hparams.Trial(1e-2, 0.15), hparams.Trial(1e-1, 0.15)]
  assert hparams.grid() == trials  # Defaults: the reference's cheap config.
  assert hparams.grid([], 0.0) == []
  with pytest.raises(dataclasses.FrozenInstanceError):
    trials[0].learning_rate = 1.0  # Frozen: trials are safe to share and hash.
