"""stl10: the reference's slices, on a fake prepared upstream and on the real sizes.

The upstream TFDS builder is really prepared in the test's data dir from a few generated
examples (see `tfds_derived_testing.py`); each NEVIS split must then hold exactly its upstream
slices, in TFDS order, with the upstream labels.
The upstream `unlabelled` split is prepared but used by no NEVIS split.
"""

from nevis_datasets.tasks.stl10 import stl10
from nevis_datasets import tfds_derived_testing as tfds_testing


class Stl10Test(tfds_testing.TrainTestSlicesTestCase):
  DATASET_CLASS = stl10.Stl10
  UPSTREAM_SPLITS = {**tfds_testing.TrainTestSlicesTestCase.UPSTREAM_SPLITS, 'unlabelled': 4}


class Stl10RealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = stl10.Stl10.SLICE_RULE
  SIZES = {'train': 5000, 'test': 8000, 'unlabelled': 100000}
  EXPECTED = {
      'train': ['train[0:3500]'],
      'dev': ['train[3500:4250]'],
      'dev_test': ['train[4250:5000]'],
      'test': ['test[0:8000]'],
  }
