"""cifar10: the reference's slices, on a fake prepared upstream and on the real sizes.

The upstream TFDS builder is really prepared in the test's data dir from a few generated
examples (see `tfds_derived_testing.py`); each NEVIS split must then hold exactly its upstream
slices, in TFDS order, with the upstream labels.
"""

from nevis_datasets.tasks.cifar10 import cifar10
from nevis_datasets import tfds_derived_testing as tfds_testing


class Cifar10Test(tfds_testing.TrainTestSlicesTestCase):
  DATASET_CLASS = cifar10.Cifar10


class Cifar10RealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = cifar10.Cifar10.SLICE_RULE
  SIZES = {'train': 50000, 'test': 10000}
  EXPECTED = {
      'train': ['train[0:35000]'],
      'dev': ['train[35000:42500]'],
      'dev_test': ['train[42500:50000]'],
      'test': ['test[0:10000]'],
  }
