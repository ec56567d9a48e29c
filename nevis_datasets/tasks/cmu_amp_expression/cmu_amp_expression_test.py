"""cmu_amp_expression on a fake faceExpressionDatabase.zip (see dummy_data_generation.py)."""

import collections

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.cmu_amp_expression import cmu_amp_expression


class CmuAmpExpressionTest(testing.TaskTestCase):
  DATASET_CLASS = cmu_amp_expression.CmuAmpExpression
  DL_DOWNLOAD_RESULT = 'faceExpressionDatabase.zip'
  # Subjects A, B, M: 3 train, 1 dev, 1 dev_test, 2 test images each (the reference's split).
  SPLITS = {'train': 9, 'dev': 3, 'dev_test': 3, 'test': 6}

  def check_labels(self, labels):
    # A -> 0, B -> 1, M -> 12.
    self.assertEqual(labels['train'], [0, 0, 0, 1, 1, 1, 12, 12, 12])
    self.assertEqual(labels['dev'], [0, 1, 12])
    self.assertEqual(labels['dev_test'], [0, 1, 12])
    self.assertEqual(labels['test'], [0, 0, 1, 1, 12, 12])


class ReferenceSplitsTest(absltest.TestCase):

  def test_sizes_are_the_reference_sizes(self):
    assignment = cmu_amp_expression.reference_splits()
    self.assertLen(assignment, 13 * 75)
    self.assertEqual(collections.Counter(assignment.values()),
                     {'train': 533, 'dev': 117, 'dev_test': 117, 'test': 208})
    per_subject = collections.Counter((name[0], split) for name, split in assignment.items())
    self.assertEqual({count for (_, split), count in per_subject.items() if split == 'test'},
                     {16})

  def test_first_subject_matches_the_reference_draw(self):
    # np.random.default_rng(1).permutation(75) starts 17, ...; then 43 (dev), 29 (dev_test),
    # 58 (test) start the following parts.
    assignment = cmu_amp_expression.reference_splits()
    self.assertEqual([assignment[n] for n in ('A17.bmp', 'A43.bmp', 'A29.bmp', 'A58.bmp')],
                     ['train', 'dev', 'dev_test', 'test'])


if __name__ == '__main__':
  absltest.main()
