"""CIFAR-10, cut from the upstream TFDS `cifar10` as the reference cuts it."""

from __future__ import annotations

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk

# The names the upstream reads from the archive's `batches.meta.txt`, in its id order.
_CLASS_NAMES = (
    'airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck',
)


class Cifar10(toolkit.TfdsDerivedTaskBuilder):
  """CIFAR-10: 32x32 RGB images of 10 classes.

  Train/dev/dev_test are slices of the upstream train split, test is its test split.
  """

  TASK = 'cifar10'
  CLASS_NAMES = _CLASS_NAMES
  UPSTREAM_VERSION = '3.0.2'  # The reference's (tensorflow-datasets 4.6).
  # Known sizes of the real dataset, rounded up (see README.md).
  DISK_NEEDS = disk.DiskNeeds(download=disk.mib(350), upstream=disk.mib(135), task=disk.mib(135))
