"""Fashion-MNIST, cut from the upstream TFDS `fashion_mnist` as the reference cuts it."""

from __future__ import annotations

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk

# The upstream's ClassLabel names, in its id order.
_CLASS_NAMES = (
    'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag',
    'Ankle boot',
)


class FashionMnist(toolkit.TfdsDerivedTaskBuilder):
  """Fashion-MNIST: 28x28 grayscale images of 10 clothing classes.

  Train/dev/dev_test are slices of the upstream train split, test is its test split.
  """

  TASK = 'fashion_mnist'
  CLASS_NAMES = _CLASS_NAMES
  GRAYSCALE = True
  UPSTREAM_VERSION = '3.0.1'  # The reference's (tensorflow-datasets 4.6).
  # Known sizes of the real dataset, rounded up (see README.md).
  DISK_NEEDS = disk.DiskNeeds(download=disk.mib(90), upstream=disk.mib(40), task=disk.mib(40))
