"""smallNORB, cut from the upstream TFDS `smallnorb` by object instance, as the reference cuts it.

The reference (dm_nevis `benchmarker/datasets/builders/smallnorb.py`) keeps the upstream test
split as test and divides the upstream train split (instances 4, 6, 7, 8, 9 of each category)
by `instance`: dev = instance 4, dev_test = instance 6, train = instances 7, 8, 9. Evaluation is
therefore on unseen object instances. Only the left camera image (`image`) is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import tfds_derived

# Upstream train instances per NEVIS split (the reference's `ids`); test is the upstream test.
INSTANCES = {
    splits.TRAIN: frozenset({7, 8, 9}),
    splits.DEV: frozenset({4}),
    splits.DEV_TEST: frozenset({6}),
}


class Smallnorb(toolkit.TfdsDerivedTaskBuilder):
  """smallNORB: 96x96 grayscale toys of 5 categories; dev/dev_test are unseen instances."""

  TASK = 'smallnorb'
  # The upstream `label_category` names, in its id order.
  CLASS_NAMES = ['four-legged animals', 'human figures', 'airplanes', 'trucks', 'cars']
  GRAYSCALE = True
  UPSTREAM_VERSION = '2.0.0'  # The reference's (tensorflow-datasets 4.6).
  LABEL_FEATURE = 'label_category'
  SLICE_RULE = tfds_derived.SliceRule(
      whole={splits.TRAIN: 'train', splits.DEV: 'train', splits.DEV_TEST: 'train',
             splits.TEST: 'test'})
  DISK_NEEDS = disk.DiskNeeds(download=disk.gib(1.2), upstream=disk.gib(1), task=disk.gib(0.6))

  def _keep(self, split: str, features: Mapping[str, Any]) -> bool:
    return split == splits.TEST or int(features['instance']) in INSTANCES[split]
