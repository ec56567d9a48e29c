"""sun397 on a fake prepared upstream (Beam build): the reference's train/validation/test slices."""

from unittest import mock

from nevis_datasets.tasks.sun397 import sun397
from nevis_datasets.toolkit import tfds_derived
from nevis_datasets import tfds_derived_testing as tfds_testing


class Sun397Test(tfds_testing.TfdsDerivedTestCase):
  DATASET_CLASS = sun397.Sun397
  UPSTREAM_SPLITS = {'train': 10, 'validation': 4, 'test': 5}
  # int(10 * 0.8) = 8 train, the other 2 dev; validation -> dev_test; test -> test.
  SPLITS = {'train': 8, 'dev': 2, 'dev_test': 4, 'test': 5}
  EXPECTED_SLICES = {'train': ['train[0:8]'], 'dev': ['train[8:10]'],
                     'dev_test': ['validation[0:4]'], 'test': ['test[0:5]']}

  def setUp(self):
    super().setUp()
    patcher = mock.patch.object(sun397.Sun397, 'BEAM_CHUNK_SIZE', 3)  # Several work items.
    patcher.start()
    self.addCleanup(patcher.stop)

  def test_is_built_through_beam(self):
    self.assertTrue(sun397.Sun397.USE_BEAM)


class Sun397RealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = sun397.Sun397.SLICE_RULE
  SIZES = {'train': 76128, 'validation': 10875, 'test': 21750}
  EXPECTED = {'train': ['train[0:60902]'], 'dev': ['train[60902:76128]'],
              'dev_test': ['validation[0:10875]'], 'test': ['test[0:21750]']}


def test_class_names_are_the_upstreams():
  assert len(sun397.Sun397.CLASS_NAMES) == 397
  assert sun397.Sun397.CLASS_NAMES[0] == '/a/abbey'
  assert tfds_derived.TRAIN_VALIDATION_TEST_SLICES is sun397.Sun397.SLICE_RULE
