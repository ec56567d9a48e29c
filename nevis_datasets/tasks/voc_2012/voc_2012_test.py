"""voc_2012 on a fake prepared upstream: validation halved into dev_test and test."""

from nevis_datasets.tasks.voc_2007 import voc_2007_test
from nevis_datasets.tasks.voc_2012 import voc_2012
from nevis_datasets import tfds_derived_testing as tfds_testing


class Voc2012Test(tfds_testing.TfdsDerivedTestCase):
  DATASET_CLASS = voc_2012.Voc2012
  # The upstream test split (unlabelled) is prepared but unused.
  UPSTREAM_SPLITS = {'train': 10, 'validation': 7, 'test': 3}
  # int(10 * 0.8) = 8 train, 2 dev; int(7 * 0.5) = 3 dev_test, the other 4 test.
  SPLITS = {'train': 8, 'dev': 2, 'dev_test': 3, 'test': 4}
  EXPECTED_SLICES = {'train': ['train[0:8]'], 'dev': ['train[8:10]'],
                     'dev_test': ['validation[0:3]'], 'test': ['validation[3:7]']}

  def upstream_features(self, name, split, index):
    return voc_2007_test.voc_features(name, split, index)

  def expected_label(self, features):
    return [int(label) for label in features['labels']]


class Voc2012RealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = voc_2012.Voc2012.SLICE_RULE
  SIZES = {'train': 5717, 'validation': 5823, 'test': 10991}
  # The reference's numbers: int(5717 * 0.8) = 4573, int(5823 * 0.5) = 2911.
  EXPECTED = {'train': ['train[0:4573]'], 'dev': ['train[4573:5717]'],
              'dev_test': ['validation[0:2911]'], 'test': ['validation[2911:5823]']}
