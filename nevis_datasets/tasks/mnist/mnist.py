"""MNIST, cut from the upstream TFDS `mnist` as the reference cuts it."""

from __future__ import annotations

from nevis_datasets import toolkit


class Mnist(toolkit.TfdsDerivedTaskBuilder):
  """MNIST: 28x28 grayscale digits; train/dev/dev_test are slices of the upstream train split."""

  TASK = 'mnist'
  CLASS_NAMES = [str(digit) for digit in range(10)]
  GRAYSCALE = True
  UPSTREAM_VERSION = '3.0.1'  # The reference's (tensorflow-datasets 4.6).
