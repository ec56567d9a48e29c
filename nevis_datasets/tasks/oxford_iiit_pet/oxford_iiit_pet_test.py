"""oxford_iiit_pet: the reference's slices, on a fake prepared upstream and on the real sizes.

The upstream TFDS builder is really prepared in the test's data dir from a few generated
examples (see `tfds_derived_testing.py`); each NEVIS split must then hold exactly its upstream
slices, in TFDS order, with the upstream labels.
"""

import numpy as np

from nevis_datasets.tasks.oxford_iiit_pet import oxford_iiit_pet
from nevis_datasets import tfds_derived_testing as tfds_testing

# TFDS's random fake boxes can have min > max, which the upstream refuses.
_BOX = np.array([0.1, 0.2, 0.6, 0.7], np.float32)


class OxfordIiitPetTest(tfds_testing.TfdsDerivedTestCase):
  DATASET_CLASS = oxford_iiit_pet.OxfordIiitPet
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
            'head_bbox': _BOX}


class OxfordIiitPetRealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = oxford_iiit_pet.OxfordIiitPet.SLICE_RULE
  SIZES = {'train': 3680, 'test': 3669}
  EXPECTED = {
      'train': ['train[0:2576]'],
      'dev': ['train[2576:3128]'],
      'dev_test': ['train[3128:3680]'],
      'test': ['test[0:3669]'],
  }
