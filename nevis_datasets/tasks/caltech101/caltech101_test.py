"""caltech101: the reference's slices, on a fake prepared upstream and on the real sizes.

The upstream TFDS builder is really prepared in the test's data dir from a few generated
examples (see `tfds_derived_testing.py`); each NEVIS split must then hold exactly its upstream
slices, in TFDS order, with the upstream labels.
"""

from nevis_datasets.tasks.caltech101 import caltech101
from nevis_datasets import tfds_derived_testing as tfds_testing


class Caltech101Test(tfds_testing.TrainTestSlicesTestCase):
  DATASET_CLASS = caltech101.Caltech101


class Caltech101RealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = caltech101.Caltech101.SLICE_RULE
  SIZES = {'train': 3060, 'test': 6084}
  EXPECTED = {
      'train': ['train[0:2142]'],
      'dev': ['train[2142:2601]'],
      'dev_test': ['train[2601:3060]'],
      'test': ['test[0:6084]'],
  }
