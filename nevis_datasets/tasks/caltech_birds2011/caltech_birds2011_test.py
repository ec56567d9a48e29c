"""caltech_birds2011: the reference's slices, on a fake prepared upstream and on the real sizes.

The upstream TFDS builder is really prepared in the test's data dir from a few generated
examples (see `tfds_derived_testing.py`); each NEVIS split must then hold exactly its upstream
slices, in TFDS order, with the upstream labels.
"""

from nevis_datasets.tasks.caltech_birds2011 import caltech_birds2011
from nevis_datasets import tfds_derived_testing as tfds_testing


class CaltechBirds2011Test(tfds_testing.TrainTestSlicesTestCase):
  DATASET_CLASS = caltech_birds2011.CaltechBirds2011


class CaltechBirds2011RealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = caltech_birds2011.CaltechBirds2011.SLICE_RULE
  SIZES = {'train': 5994, 'test': 5794}
  EXPECTED = {
      'train': ['train[0:4195]'],
      'dev': ['train[4195:5094]'],
      'dev_test': ['train[5094:5994]'],
      'test': ['test[0:5794]'],
  }
