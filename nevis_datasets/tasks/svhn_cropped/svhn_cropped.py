"""SVHN, cut from the upstream TFDS `svhn_cropped` as the reference cuts it."""

from __future__ import annotations

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk

# Digits `0`..`9`: the upstream label is the digit (the `.mat` files' label 10 for a zero becomes
# 0).
_CLASS_NAMES = (
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
)


class SvhnCropped(toolkit.TfdsDerivedTaskBuilder):
  """SVHN: 32x32 RGB crops of house-number digits.

  Train/dev/dev_test are slices of the upstream train split, test is its test split.
  """

  TASK = 'svhn_cropped'
  CLASS_NAMES = _CLASS_NAMES
  # The reference used 3.0.0 (tensorflow-datasets 4.6), which the installed TFDS no longer builds;
  # 3.1.0 only moves to the new TFDS split API; the files, sizes and labels are the same.
  UPSTREAM_VERSION = '3.1.0'
  # Known sizes of the real dataset, rounded up (see README.md).
  DISK_NEEDS = disk.DiskNeeds(download=disk.gib(1.5), upstream=disk.gib(1.1), task=disk.mib(200))
