"""voc_2007 on a fake prepared upstream: the reference's slices and multi-hot labels."""

import tensorflow_datasets as tfds

from nevis_datasets.tasks.voc_2007 import voc_2007
from nevis_datasets import tfds_derived_testing as tfds_testing


def voc_features(name, split, index):
  """Fake VOC labels: the sorted set of two to four classes, as the upstream's."""
  del name
  labels = sorted({index % 20, (3 * index + 1) % 20, (7 * index) % 20} | {len(split)})
  n = len(labels)
  objects = {'bbox': [tfds.features.BBox(0.1, 0.1, 0.5, 0.5)] * n, 'is_difficult': [False] * n,
             'is_truncated': [False] * n, 'label': labels, 'pose': [0] * n}
  return {'labels': labels, 'labels_no_difficult': labels, 'objects': objects}


class Voc2007Test(tfds_testing.TfdsDerivedTestCase):
  DATASET_CLASS = voc_2007.Voc2007
  UPSTREAM_SPLITS = {'train': 10, 'validation': 4, 'test': 5}
  # int(10 * 0.8) = 8 train, the other 2 dev; validation -> dev_test; test -> test.
  SPLITS = {'train': 8, 'dev': 2, 'dev_test': 4, 'test': 5}
  EXPECTED_SLICES = {'train': ['train[0:8]'], 'dev': ['train[8:10]'],
                     'dev_test': ['validation[0:4]'], 'test': ['test[0:5]']}

  def upstream_features(self, name, split, index):
    return voc_features(name, split, index)

  def expected_label(self, features):
    return [int(label) for label in features['labels']]


class Voc2007RealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = voc_2007.Voc2007.SLICE_RULE
  SIZES = {'train': 2501, 'validation': 2510, 'test': 4952}
  EXPECTED = {'train': ['train[0:2000]'], 'dev': ['train[2000:2501]'],
              'dev_test': ['validation[0:2510]'], 'test': ['test[0:4952]']}
