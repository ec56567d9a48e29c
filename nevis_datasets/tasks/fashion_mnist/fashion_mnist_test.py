"""fashion_mnist: the reference's slices, on a fake prepared upstream and on the real sizes.

The upstream TFDS builder is really prepared in the test's data dir from a few generated
examples (see `tfds_derived_testing.py`); each NEVIS split must then hold exactly its upstream
slices, in TFDS order, with the upstream labels.
"""

from nevis_datasets.tasks.fashion_mnist import fashion_mnist
from nevis_datasets import tfds_derived_testing as tfds_testing


class FashionMnistTest(tfds_testing.TrainTestSlicesTestCase):
  DATASET_CLASS = fashion_mnist.FashionMnist


class FashionMnistRealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = fashion_mnist.FashionMnist.SLICE_RULE
  SIZES = {'train': 60000, 'test': 10000}
  EXPECTED = {
      'train': ['train[0:42000]'],
      'dev': ['train[42000:51000]'],
      'dev_test': ['train[51000:60000]'],
      'test': ['test[0:10000]'],
  }
