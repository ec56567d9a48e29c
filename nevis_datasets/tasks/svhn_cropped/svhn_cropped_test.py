"""svhn_cropped: the reference's slices, on a fake prepared upstream and on the real sizes.

The upstream TFDS builder is really prepared in the test's data dir from a few generated
examples (see `tfds_derived_testing.py`); each NEVIS split must then hold exactly its upstream
slices, in TFDS order, with the upstream labels.
The upstream `extra` split is prepared but used by no NEVIS split.
"""

from nevis_datasets.tasks.svhn_cropped import svhn_cropped
from nevis_datasets import tfds_derived_testing as tfds_testing


class SvhnCroppedTest(tfds_testing.TrainTestSlicesTestCase):
  DATASET_CLASS = svhn_cropped.SvhnCropped
  UPSTREAM_SPLITS = {**tfds_testing.TrainTestSlicesTestCase.UPSTREAM_SPLITS, 'extra': 4}


class SvhnCroppedRealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = svhn_cropped.SvhnCropped.SLICE_RULE
  SIZES = {'train': 73257, 'test': 26032, 'extra': 531131}
  EXPECTED = {
      'train': ['train[0:51279]'],
      'dev': ['train[51279:62267]'],
      'dev_test': ['train[62267:73257]'],
      'test': ['test[0:26032]'],
  }
