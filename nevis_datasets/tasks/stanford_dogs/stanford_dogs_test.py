"""stanford_dogs: the reference's slices, on a fake prepared upstream and on the real sizes.

The upstream TFDS builder is really prepared in the test's data dir from a few generated
examples (see `tfds_derived_testing.py`); each NEVIS split must then hold exactly its upstream
slices, in TFDS order, with the upstream labels.
"""

from nevis_datasets.tasks.stanford_dogs import stanford_dogs
from nevis_datasets import tfds_derived_testing as tfds_testing


class StanfordDogsTest(tfds_testing.TrainTestSlicesTestCase):
  DATASET_CLASS = stanford_dogs.StanfordDogs


class StanfordDogsRealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = stanford_dogs.StanfordDogs.SLICE_RULE
  SIZES = {'train': 12000, 'test': 8580}
  EXPECTED = {
      'train': ['train[0:8400]'],
      'dev': ['train[8400:10200]'],
      'dev_test': ['train[10200:12000]'],
      'test': ['test[0:8580]'],
  }
