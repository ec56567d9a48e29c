"""oxford_flowers102: the reference's slices, on a fake prepared upstream and on the real sizes.

The upstream TFDS builder is really prepared in the test's data dir from a few generated
examples (see `tfds_derived_testing.py`); each NEVIS split must then hold exactly its upstream
slices, in TFDS order, with the upstream labels.
"""

from nevis_datasets.tasks.oxford_flowers102 import oxford_flowers102
from nevis_datasets import tfds_derived_testing as tfds_testing


class OxfordFlowers102Test(tfds_testing.TrainValidationTestSlicesTestCase):
  DATASET_CLASS = oxford_flowers102.OxfordFlowers102


class OxfordFlowers102RealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = oxford_flowers102.OxfordFlowers102.SLICE_RULE
  SIZES = {'train': 1020, 'validation': 1020, 'test': 6149}
  EXPECTED = {
      'train': ['train[0:816]'],
      'dev': ['train[816:1020]'],
      'dev_test': ['validation[0:1020]'],
      'test': ['test[0:6149]'],
  }
