"""toolkit.labels: the reference's quantisations of scores, counts and angles into classes."""

from absl.testing import absltest
import numpy as np

from nevis_datasets.toolkit import labels


def _reference(values, num_buckets):
  """dm_nevis `handlers/tid.py`'s rule, as written there (None beyond the last full bucket)."""
  size = len(values) // num_buckets
  ordered = sorted(values)
  buckets = [ordered[k * size:(k + 1) * size] for k in range(num_buckets)]
  return [next((k for k, bucket in enumerate(buckets) if v in bucket), None) for v in values]


class EqualCountBucketsTest(absltest.TestCase):

  def test_equal_counts_by_rank(self):
    self.assertEqual(labels.equal_count_buckets([0.9, 0.1, 0.5, 0.3, 0.7, 0.2], 3),
                     [2, 0, 1, 1, 2, 0])

  def test_ties_take_the_lower_bucket(self):
    # Sorted: 1 1 1 2 | buckets [1 1] [1 2]: every 1 is in bucket 0.
    self.assertEqual(labels.equal_count_buckets([1, 2, 1, 1], 2), [0, 1, 0, 0])

  def test_remainder_joins_the_last_bucket(self):
    # M = 7 // 3 = 2: [0 1] [2 3] [4 5] + 6, which the reference left without a label.
    values = [6, 5, 4, 3, 2, 1, 0]
    self.assertEqual(labels.equal_count_buckets(values, 3), [2, 2, 2, 1, 1, 0, 0])
    self.assertEqual(_reference(values, 3), [None, 2, 2, 1, 1, 0, 0])

  def test_matches_the_reference_where_it_labels_everything(self):
    rng = np.random.default_rng(0)
    for n, num_buckets in ((1700, 5), (3000, 5), (100, 4)):
      values = [float(v) for v in np.round(rng.random(n), 2)]  # Many ties.
      self.assertEqual(labels.equal_count_buckets(values, num_buckets),
                       _reference(values, num_buckets))

  def test_rejects_too_few_values_and_nan(self):
    with self.assertRaisesRegex(ValueError, '2 values cannot fill 3 buckets'):
      labels.equal_count_buckets([1.0, 2.0], 3)
    with self.assertRaisesRegex(ValueError, 'cannot fill 0 buckets'):
      labels.equal_count_buckets([1.0], 0)
    with self.assertRaisesRegex(ValueError, 'NaN'):
      labels.equal_count_buckets([1.0, float('nan')], 1)


def _reference_count_labels(counts, num_buckets, max_size):
  """dm_nevis `handlers/trancos.py` (mall, shanghai_tech alike), as written: count -> label."""
  histogram = np.zeros(max_size)
  for count in counts:
    histogram[min(count, max_size - 1)] += 1
  cumsum = np.cumsum(histogram)
  num_examples_per_bucket = histogram.sum() / num_buckets
  intervals = []
  for cnt in range(1, num_buckets):
    indices = np.where(cumsum < num_examples_per_bucket * cnt)
    assert indices[0].shape[0] > 0
    intervals.append(indices[0][-1])
  intervals.append(max_size)
  count_to_label = []
  label = 0
  for cnt in range(max_size):
    if cnt > intervals[label]:
      label += 1
    count_to_label.append(label)
  return [count_to_label[count] for count in counts], intervals[:-1]


class CountBucketsTest(absltest.TestCase):

  def test_hand_computed_histogram(self):
    # Histogram (count: examples) 0:1 1:1 2:3 3:2 4:1 5:2, N = 10, 3 buckets. Cumulative
    # sum 1 2 5 7 8 10. Bound 1: the last count with C < 10/3 is 1; bound 2: C < 20/3 -> 2.
    counts = [0, 1, 2, 2, 2, 3, 3, 4, 5, 5]
    buckets = labels.count_buckets(counts, 3)
    self.assertEqual(buckets.upper, (1, 2))
    self.assertEqual([buckets.label(c) for c in counts], [0, 0, 1, 1, 1, 2, 2, 2, 2, 2])
    self.assertEqual(buckets.class_names, ('0-1', '2-2', '3+'))
    self.assertEqual(buckets.label(1000), 2)  # Beyond every count seen: the last bucket.

  def test_uniform_counts_in_ten_buckets(self):
    # Counts 0..99 once each: C(c) = c + 1 < 10k ends bucket k at 10k - 2, so bucket 0 holds
    # 9 counts, buckets 1..8 ten, bucket 9 eleven (the reference's rule, skew included).
    buckets = labels.count_buckets(list(range(100)), 10)
    self.assertEqual(buckets.upper, tuple(10 * k - 2 for k in range(1, 10)))
    sizes = np.bincount([buckets.label(c) for c in range(100)])
    self.assertEqual(sizes.tolist(), [9] + [10] * 8 + [11])
    self.assertEqual(buckets.class_names[:2], ('0-8', '9-18'))
    self.assertEqual(buckets.class_names[-1], '89+')

  def test_a_count_filling_a_bucket_leaves_empty_buckets(self):
    # Half the examples count 3. Cumulative sum 1 2 3 8 9 10 against 2 4 6 8: bounds 0, 2,
    # then 2 twice (C(3) = 8 is not below 6 or 8), so buckets 2 and 3 stay empty.
    counts = [0, 1, 2, 3, 3, 3, 3, 3, 4, 5]
    buckets = labels.count_buckets(counts, 5)
    self.assertEqual(buckets.upper, (0, 2, 2, 2))
    self.assertEqual(buckets.class_names, ('0-0', '1-2', 'empty_2', 'empty_3', '3+'))
    self.assertEqual([buckets.label(c) for c in counts], [0, 1, 1, 4, 4, 4, 4, 4, 4, 4])

  def test_matches_the_reference_where_its_bounds_differ(self):
    rng = np.random.default_rng(0)
    checked = 0
    for n, scale in ((823, 60.0), (2000, 150.0), (1201, 400.0), (300, 1000.0), (57, 3.0)):
      counts = [int(c) for c in rng.poisson(scale, n)]
      expected, intervals = _reference_count_labels(counts, 10, max_size=5000)
      if len(set(intervals)) < len(intervals):
        continue  # Equal bounds: the reference's labels lag (see count_buckets).
      buckets = labels.count_buckets(counts, 10)
      self.assertEqual(buckets.upper, tuple(intervals))
      self.assertEqual([buckets.label(c) for c in counts], expected)
      checked += 1
    self.assertGreaterEqual(checked, 4)

  def test_rejects_bad_counts(self):
    with self.assertRaisesRegex(ValueError, '2 counts cannot fill 3 buckets'):
      labels.count_buckets([1, 2], 3)
    with self.assertRaisesRegex(ValueError, r'1 count\(s\) .* e.g. -1'):
      labels.count_buckets([1, -1, 2], 2)
    with self.assertRaisesRegex(ValueError, r'e.g. 1.5'):
      labels.count_buckets([1, 1.5, 2], 2)
    with self.assertRaisesRegex(ValueError, 'a count of -3'):
      labels.count_buckets([1, 2], 2).label(-3)


class EqualFrequencyBinsTest(absltest.TestCase):
  """The BIWI head-pose quantisation (np.interp edges, np.digitize bins)."""

  def test_divisible_count(self):
    edges, bins = labels.equal_frequency_bins([9, 0, 8, 1, 7, 2, 6, 3, 5, 4], 5)
    np.testing.assert_array_equal(edges, [0, 2, 4, 6, 8, 9])
    self.assertEqual(bins.tolist(), [4, 0, 4, 0, 3, 1, 3, 1, 2, 2])

  def test_interpolated_edges_and_the_largest_value_in_the_last_bin(self):
    edges, bins = labels.equal_frequency_bins([6, 5, 4, 3, 2, 1, 0], 5)
    np.testing.assert_allclose(edges, [0, 1.4, 2.8, 4.2, 5.6, 6])
    self.assertEqual(bins.tolist(), [4, 3, 2, 2, 1, 0, 0])

  def test_ties_share_a_bin(self):
    edges, bins = labels.equal_frequency_bins([1, 1, 1, 1, 1, 2], 5)
    np.testing.assert_allclose(edges, [1, 1, 1, 1, 1.8, 2])
    self.assertEqual(bins.tolist(), [3, 3, 3, 3, 3, 4])  # np.digitize: the last equal edge.

  def test_bad_values_are_errors(self):
    with self.assertRaisesRegex(ValueError, '4 values cannot fill 5 bins'):
      labels.equal_frequency_bins([1, 2, 3, 4], 5)
    with self.assertRaisesRegex(ValueError, 'not finite'):
      labels.equal_frequency_bins([1, 2, 3, 4, float('nan')], 5)


if __name__ == '__main__':
  absltest.main()
