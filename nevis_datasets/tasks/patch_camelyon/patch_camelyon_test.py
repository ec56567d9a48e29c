"""patch_camelyon: the reference's slices, on a fake prepared upstream and on the real sizes.

The upstream TFDS builder is really prepared in the test's data dir from a few generated
examples (see `tfds_derived_testing.py`); each NEVIS split must then hold exactly its upstream
slices, in TFDS order, with the upstream labels.
"""

from nevis_datasets.tasks.patch_camelyon import patch_camelyon
from nevis_datasets import tfds_derived_testing as tfds_testing


class PatchCamelyonTest(tfds_testing.TrainValidationTestSlicesTestCase):
  DATASET_CLASS = patch_camelyon.PatchCamelyon


class PatchCamelyonRealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = patch_camelyon.PatchCamelyon.SLICE_RULE
  SIZES = {'train': 262144, 'validation': 32768, 'test': 32768}
  EXPECTED = {
      'train': ['train[0:209715]'],
      'dev': ['train[209715:262144]'],
      'dev_test': ['validation[0:32768]'],
      'test': ['test[0:32768]'],
  }
