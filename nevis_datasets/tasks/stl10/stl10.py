"""STL-10, cut from the upstream TFDS `stl10` as the reference cuts it."""

from __future__ import annotations

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk

# The names the upstream reads from the archive's `class_names.txt`, in its id order.
_CLASS_NAMES = (
    'airplane', 'bird', 'car', 'cat', 'deer', 'dog', 'horse', 'monkey', 'ship', 'truck',
)


class Stl10(toolkit.TfdsDerivedTaskBuilder):
  """STL-10: 96x96 RGB images of 10 classes.

  Train/dev/dev_test are slices of the upstream train split, test is its test split.
  """

  TASK = 'stl10'
  CLASS_NAMES = _CLASS_NAMES
  UPSTREAM_VERSION = '1.0.0'  # The reference's (tensorflow-datasets 4.6).
  # Known sizes of the real dataset, rounded up (see README.md).
  DISK_NEEDS = disk.DiskNeeds(download=disk.gib(5.4), upstream=disk.gib(1.9), task=disk.mib(250))
