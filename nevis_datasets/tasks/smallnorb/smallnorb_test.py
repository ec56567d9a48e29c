"""smallnorb on a fake prepared upstream: train/dev/dev_test are exactly their instances."""

import unittest

from nevis_datasets.tasks.smallnorb import smallnorb
from nevis_datasets import tfds_derived_testing as tfds_testing

_TRAIN_INSTANCES = [4, 6, 7, 8, 9]  # Those of the real upstream train split.
_TEST_INSTANCES = [0, 1, 2, 3, 5]


class SmallnorbTest(tfds_testing.TfdsDerivedTestCase):
  DATASET_CLASS = smallnorb.Smallnorb
  UPSTREAM_SPLITS = {'train': 15, 'test': 5}
  # 15 train examples, 3 per instance: instances 7, 8, 9 -> 9; 4 -> 3; 6 -> 3.
  SPLITS = {'train': 9, 'dev': 3, 'dev_test': 3, 'test': 5}
  EXPECTED_SLICES = {'train': ['train[0:15]'], 'dev': ['train[0:15]'],
                     'dev_test': ['train[0:15]'], 'test': ['test[0:5]']}

  def upstream_features(self, name, split, index):
    instances = _TRAIN_INSTANCES if split == 'train' else _TEST_INSTANCES
    return {'label_category': index % 5, 'instance': instances[index % 5]}

  def expected_keep(self, split, features):
    return split == 'test' or int(features['instance']) in {
        'train': (7, 8, 9), 'dev': (4,), 'dev_test': (6,)}[split]

  def expected_label(self, features):
    return int(features['label_category'])


class InstancesTest(unittest.TestCase):

  def test_the_reference_instances(self):
    self.assertEqual({split: sorted(ids) for split, ids in smallnorb.INSTANCES.items()},
                     {'train': [7, 8, 9], 'dev': [4], 'dev_test': [6]})
    # 4860 real examples per instance: train 14580, dev 4860, dev_test 4860 (test: 24300).
    self.assertEqual({split: 4860 * len(ids) for split, ids in smallnorb.INSTANCES.items()},
                     {'train': 14580, 'dev': 4860, 'dev_test': 4860})
