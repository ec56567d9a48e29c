"""oxford_iiit_pet: the reference's slices, on a fake prepared upstream and on the real sizes.

The upstream TFDS builder is really prepared in the test's data dir from a few generated
examples (see `tfds_derived_testing.py`); each NEVIS split must then hold exactly its upstream
slices, in TFDS order, with the upstream labels.
"""

from nevis_datasets.tasks.oxford_iiit_pet import oxford_iiit_pet
from nevis_datasets import tfds_derived_testing as tfds_testing


class OxfordIiitPetTest(tfds_testing.TrainTestSlicesTestCase):
  DATASET_CLASS = oxford_iiit_pet.OxfordIiitPet


class OxfordIiitPetRealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = oxford_iiit_pet.OxfordIiitPet.SLICE_RULE
  SIZES = {'train': 3680, 'test': 3669}
  EXPECTED = {
      'train': ['train[0:2576]'],
      'dev': ['train[2576:3128]'],
      'dev_test': ['train[3128:3680]'],
      'test': ['test[0:3669]'],
  }
