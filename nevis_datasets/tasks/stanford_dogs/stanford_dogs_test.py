"""stanford_dogs: the reference's slices, on a fake prepared upstream and on the real sizes.

The upstream TFDS builder is really prepared in the test's data dir from a few generated
examples (see `tfds_derived_testing.py`); each NEVIS split must then hold exactly its upstream
slices, in TFDS order, with the upstream labels.
"""

import numpy as np

from nevis_datasets.tasks.stanford_dogs import stanford_dogs
from nevis_datasets import tfds_derived_testing as tfds_testing

# TFDS's random fake boxes can have min > max, which the upstream refuses.
_BOX = np.array([0.1, 0.2, 0.6, 0.7], np.float32)


class StanfordDogsTest(tfds_testing.TfdsDerivedTestCase):
  DATASET_CLASS = stanford_dogs.StanfordDogs
  UPSTREAM_SPLITS = {'train': 20, 'test': 6}
  SPLITS = {'train': 14, 'dev': 3, 'dev_test': 3, 'test': 6}
  EXPECTED_SLICES = {
      'train': ['train[0:14]'],
      'dev': ['train[14:17]'],
      'dev_test': ['train[17:20]'],
      'test': ['test[0:6]'],
  }

  def upstream_features(self, name, split, index):
    return {**super().upstream_features(name, split, index),
            'objects': {'bbox': _BOX[np.newaxis]}}


class StanfordDogsRealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = stanford_dogs.StanfordDogs.SLICE_RULE
  SIZES = {'train': 12000, 'test': 8580}
  EXPECTED = {
      'train': ['train[0:8400]'],
      'dev': ['train[8400:10200]'],
      'dev_test': ['train[10200:12000]'],
      'test': ['test[0:8580]'],
  }
