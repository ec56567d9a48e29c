"""toolkit.labels.equal_count_buckets: the reference's quantisation of a score into classes."""

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


if __name__ == '__main__':
  absltest.main()
