"""EMNIST Balanced, cut from the upstream TFDS `emnist/balanced` as the reference cuts it."""

from __future__ import annotations

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk

# The characters of the EMNIST `emnist-balanced-mapping.txt`, in label-id order: digits `0`-`9`,
# letters `A`-`Z`, then the 11 lower-case letters that differ from their capitals (`a b d e f g h n
# q r t`). The upstream ClassLabel has only ids.
_CLASS_NAMES = (
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I',
    'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'a', 'b',
    'd', 'e', 'f', 'g', 'h', 'n', 'q', 'r', 't',
)


class EmnistBalanced(toolkit.TfdsDerivedTaskBuilder):
  """EMNIST Balanced: 28x28 grayscale handwritten characters of 47 classes.

  Train/dev/dev_test are slices of the upstream train split, test is its test split.
  """

  TASK = 'emnist_balanced'
  CLASS_NAMES = _CLASS_NAMES
  GRAYSCALE = True
  # The reference used 3.0.0 (tensorflow-datasets 4.6), which the installed TFDS no longer builds;
  # 3.1.0 only fixes the broken download URL.
  UPSTREAM_VERSION = '3.1.0'
  # Known sizes of the real dataset, rounded up (see README.md).
  DISK_NEEDS = disk.DiskNeeds(download=disk.gib(1.2), upstream=disk.mib(60), task=disk.mib(60))
