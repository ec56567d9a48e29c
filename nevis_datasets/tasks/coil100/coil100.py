"""COIL-100, cut from the upstream TFDS `coil100` by viewing angle, as the reference cuts it.

The reference (dm_nevis `benchmarker/datasets/builders/coil100.py`) keeps the upstream's single
`train` split (100 objects x 72 poses, 5-degree `angle_label` bins) and gives each NEVIS split
whole angle bins: unseen viewpoints, not unseen images of seen viewpoints, are evaluated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import tfds_derived

NUM_ANGLE_BINS = 72
# The reference's SPLIT_ANGLE_RANGES; test takes the other 57 bins.
ANGLE_BINS = {
    splits.TRAIN: frozenset({70, 71, 0, 1, 2}),  # Frontal views.
    splits.DEV: frozenset({16, 17, 18, 19, 20}),
    splits.DEV_TEST: frozenset({50, 51, 52, 53, 54}),
}
ANGLE_BINS[splits.TEST] = frozenset(range(NUM_ANGLE_BINS)).difference(*ANGLE_BINS.values())


class Coil100(toolkit.TfdsDerivedTaskBuilder):
  """COIL-100: 128x128 RGB objects on a turntable; NEVIS splits are sets of viewing angles."""

  TASK = 'coil100'
  CLASS_NAMES = [f'obj{i}' for i in range(1, 101)]  # The upstream `object_id` names.
  UPSTREAM_VERSION = '2.0.0'  # The reference's (tensorflow-datasets 4.6).
  LABEL_FEATURE = 'object_id'
  # Every NEVIS split reads the whole upstream train split and keeps its angle bins.
  SLICE_RULE = tfds_derived.SliceRule(whole={split: 'train' for split in splits.SPLITS})
  DISK_NEEDS = disk.DiskNeeds(download=disk.mib(300), upstream=disk.mib(150),
                              task=disk.mib(150))

  def _keep(self, split: str, features: Mapping[str, Any]) -> bool:
    return int(features['angle_label']) in ANGLE_BINS[split]
