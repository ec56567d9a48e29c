"""SUN397, cut from the upstream TFDS `sun397/tfds` as the reference cuts it (through Beam).

The reference (dm_nevis `benchmarker/datasets/builders/tfds_builder.py`) loads `sun397`, whose
default config `tfds` is TFDS's own random 70/10/20 partition of the 108,753 images, resized to
at most 120,000 pixels (JPEG quality 72). It takes the train/validation/test rule.
"""

from __future__ import annotations

import tensorflow_datasets as tfds

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import tfds_derived

# The upstream's class names (`/a/abbey` ... `/y/youth_hostel`), in its label-id order.
_LABELS_FILE = 'image_classification/sun397_labels.txt'


class Sun397(toolkit.TfdsDerivedTaskBuilder):
  """SUN397 scenes: 397 classes; train/dev from upstream train, dev_test/test = validation/test."""

  TASK = 'sun397'
  CLASS_NAMES = tfds.core.tfds_path(_LABELS_FILE).read_text().split()
  UPSTREAM_VERSION = '4.0.0'  # The reference's (tensorflow-datasets 4.6).
  SLICE_RULE = tfds_derived.TRAIN_VALIDATION_TEST_SLICES
  USE_BEAM = True
  # SUN397.tar.gz (36.4 GiB) is read in place; the resized images take far less.
  DISK_NEEDS = disk.DiskNeeds(download=disk.gib(37), upstream=disk.gib(10), task=disk.gib(10))

  def upstream_names(self) -> list[str]:
    return ['sun397/tfds']  # The default config, named: the reference's.
