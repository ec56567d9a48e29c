"""coil100 on a fake prepared upstream: each NEVIS split holds exactly its angle bins."""

import unittest

from nevis_datasets.tasks.coil100 import coil100
from nevis_datasets import tfds_derived_testing as tfds_testing

# Fake upstream example i has angle bin _BINS[i % len(_BINS)]: one or two of each split's bins.
_BINS = [70, 2, 16, 20, 50, 54, 3, 30, 69, 15]


class Coil100Test(tfds_testing.TfdsDerivedTestCase):
  DATASET_CLASS = coil100.Coil100
  UPSTREAM_SPLITS = {'train': 20}
  # Per 10 examples: train bins 70, 2; dev 16, 20; dev_test 50, 54; test 3, 30, 69, 15.
  SPLITS = {'train': 4, 'dev': 4, 'dev_test': 4, 'test': 8}
  EXPECTED_SLICES = {split: ['train[0:20]'] for split in SPLITS}

  def upstream_features(self, name, split, index):
    return {'object_id': index % 100, 'angle_label': _BINS[index % len(_BINS)],
            'angle': 5 * _BINS[index % len(_BINS)]}

  def expected_keep(self, split, features):
    return int(features['angle_label']) in coil100.ANGLE_BINS[split]

  def expected_label(self, features):
    return int(features['object_id'])


class AngleBinsTest(unittest.TestCase):

  def test_the_reference_bins_partition_the_72_bins(self):
    bins = coil100.ANGLE_BINS
    self.assertEqual(sorted(bins['train']), [0, 1, 2, 70, 71])
    self.assertEqual(sorted(bins['dev']), [16, 17, 18, 19, 20])
    self.assertEqual(sorted(bins['dev_test']), [50, 51, 52, 53, 54])
    self.assertEqual(len(bins['test']), 57)
    self.assertEqual(sorted(set().union(*bins.values())), list(range(72)))
    # 100 objects x bins: the real split sizes.
    self.assertEqual({split: 100 * len(b) for split, b in bins.items()},
                     {'train': 500, 'dev': 500, 'dev_test': 500, 'test': 5700})
