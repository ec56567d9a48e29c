"""emnist_balanced: the reference's slices, on a fake prepared upstream and on the real sizes.

The upstream TFDS builder is really prepared in the test's data dir from a few generated
examples (see `tfds_derived_testing.py`); each NEVIS split must then hold exactly its upstream
slices, in TFDS order, with the upstream labels.
"""

from nevis_datasets.tasks.emnist_balanced import emnist_balanced
from nevis_datasets import tfds_derived_testing as tfds_testing


class EmnistBalancedTest(tfds_testing.TrainTestSlicesTestCase):
  DATASET_CLASS = emnist_balanced.EmnistBalanced


class EmnistBalancedRealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = emnist_balanced.EmnistBalanced.SLICE_RULE
  SIZES = {'train': 112800, 'test': 18800}
  EXPECTED = {
      'train': ['train[0:78960]'],
      'dev': ['train[78960:95880]'],
      'dev_test': ['train[95880:112800]'],
      'test': ['test[0:18800]'],
  }
