"""celeb_a on a fake prepared upstream (Beam build): slices, and attributes as multi-hot."""

from nevis_datasets.tasks.celeb_a import celeb_a
from nevis_datasets import tfds_derived_testing as tfds_testing


class CelebATest(tfds_testing.TfdsDerivedTestCase):
  DATASET_CLASS = celeb_a.CelebA
  UPSTREAM_SPLITS = {'train': 10, 'validation': 4, 'test': 5}
  # int(10 * 0.8) = 8 train, the other 2 dev; validation -> dev_test; test -> test.
  SPLITS = {'train': 8, 'dev': 2, 'dev_test': 4, 'test': 5}
  EXPECTED_SLICES = {'train': ['train[0:8]'], 'dev': ['train[8:10]'],
                     'dev_test': ['validation[0:4]'], 'test': ['test[0:5]']}

  def upstream_features(self, name, split, index):
    # Attribute i is set where bit i of a split-and-index-dependent number is (random values
    # from the fake generator would do too; these make the multi-hot vectors differ).
    number = (index + 1) * 2654435761 + len(split)
    return {'attributes': {attribute: bool(number >> i & 1)
                           for i, attribute in enumerate(celeb_a.ATTRIBUTES)}}

  def expected_label(self, features):
    attributes = features['attributes']
    return [i for i, name in enumerate(sorted(attributes)) if attributes[name]]


class CelebARealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = celeb_a.CelebA.SLICE_RULE
  SIZES = {'train': 162770, 'validation': 19867, 'test': 19962}
  EXPECTED = {'train': ['train[0:130216]'], 'dev': ['train[130216:162770]'],
              'dev_test': ['validation[0:19867]'], 'test': ['test[0:19962]']}


def test_attributes_are_sorted():
  assert celeb_a.ATTRIBUTES == sorted(celeb_a.ATTRIBUTES) and len(celeb_a.ATTRIBUTES) == 40
