"""CIFAR-100, cut from the upstream TFDS `cifar100` as the reference cuts it."""

from __future__ import annotations

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk

# The 100 fine-label names the upstream reads from the archive's `fine_label_names.txt`, in its id
# order (alphabetical). The coarse labels are not used.
_CLASS_NAMES = (
    'apple', 'aquarium_fish', 'baby', 'bear', 'beaver', 'bed', 'bee', 'beetle', 'bicycle', 'bottle',
    'bowl', 'boy', 'bridge', 'bus', 'butterfly', 'camel', 'can', 'castle', 'caterpillar', 'cattle',
    'chair', 'chimpanzee', 'clock', 'cloud', 'cockroach', 'couch', 'crab', 'crocodile', 'cup',
    'dinosaur', 'dolphin', 'elephant', 'flatfish', 'forest', 'fox', 'girl', 'hamster', 'house',
    'kangaroo', 'keyboard', 'lamp', 'lawn_mower', 'leopard', 'lion', 'lizard', 'lobster', 'man',
    'maple_tree', 'motorcycle', 'mountain', 'mouse', 'mushroom', 'oak_tree', 'orange', 'orchid',
    'otter', 'palm_tree', 'pear', 'pickup_truck', 'pine_tree', 'plain', 'plate', 'poppy',
    'porcupine', 'possum', 'rabbit', 'raccoon', 'ray', 'road', 'rocket', 'rose', 'sea', 'seal',
    'shark', 'shrew', 'skunk', 'skyscraper', 'snail', 'snake', 'spider', 'squirrel', 'streetcar',
    'sunflower', 'sweet_pepper', 'table', 'tank', 'telephone', 'television', 'tiger', 'tractor',
    'train', 'trout', 'tulip', 'turtle', 'wardrobe', 'whale', 'willow_tree', 'wolf', 'woman',
    'worm',
)


class Cifar100(toolkit.TfdsDerivedTaskBuilder):
  """CIFAR-100: 32x32 RGB images of 100 classes.

  Train/dev/dev_test are slices of the upstream train split, test is its test split.
  """

  TASK = 'cifar100'
  CLASS_NAMES = _CLASS_NAMES
  UPSTREAM_VERSION = '3.0.2'  # The reference's (tensorflow-datasets 4.6).
  # Known sizes of the real dataset, rounded up (see README.md).
  DISK_NEEDS = disk.DiskNeeds(download=disk.mib(350), upstream=disk.mib(135), task=disk.mib(135))
