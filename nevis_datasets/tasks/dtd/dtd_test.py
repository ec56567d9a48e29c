"""dtd: the reference's slices, on a fake prepared upstream and on the real sizes.

The upstream TFDS builder is really prepared in the test's data dir from a few generated
examples (see `tfds_derived_testing.py`); each NEVIS split must then hold exactly its upstream
slices, in TFDS order, with the upstream labels.
"""

from nevis_datasets.tasks.dtd import dtd
from nevis_datasets import tfds_derived_testing as tfds_testing


class DtdTest(tfds_testing.TrainValidationTestSlicesTestCase):
  DATASET_CLASS = dtd.Dtd


class DtdRealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = dtd.Dtd.SLICE_RULE
  SIZES = {'train': 1880, 'validation': 1880, 'test': 1880}
  EXPECTED = {
      'train': ['train[0:1504]'],
      'dev': ['train[1504:1880]'],
      'dev_test': ['validation[0:1880]'],
      'test': ['test[0:1880]'],
  }
