"""DTD, cut from the upstream TFDS `dtd` as the reference cuts it."""

from __future__ import annotations

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import tfds_derived

# The upstream's ClassLabel names (sorted texture names), in its id order.
_CLASS_NAMES = (
    'banded', 'blotchy', 'braided', 'bubbly', 'bumpy', 'chequered', 'cobwebbed', 'cracked',
    'crosshatched', 'crystalline', 'dotted', 'fibrous', 'flecked', 'freckled', 'frilly', 'gauzy',
    'grid', 'grooved', 'honeycombed', 'interlaced', 'knitted', 'lacelike', 'lined', 'marbled',
    'matted', 'meshed', 'paisley', 'perforated', 'pitted', 'pleated', 'polka-dotted', 'porous',
    'potholed', 'scaly', 'smeared', 'spiralled', 'sprinkled', 'stained', 'stratified', 'striped',
    'studded', 'swirly', 'veined', 'waffled', 'woven', 'wrinkled', 'zigzagged',
)


class Dtd(toolkit.TfdsDerivedTaskBuilder):
  """DTD: RGB texture photos of 47 categories.

  Train/dev are slices of the upstream train split, dev_test and test are its validation and test
  splits.
  """

  TASK = 'dtd'
  CLASS_NAMES = _CLASS_NAMES
  UPSTREAM_VERSION = '3.0.1'  # The reference's (tensorflow-datasets 4.6).
  SLICE_RULE = tfds_derived.TRAIN_VALIDATION_TEST_SLICES
  # Known sizes of the real dataset, rounded up (see README.md).
  DISK_NEEDS = disk.DiskNeeds(download=disk.gib(1.2), upstream=disk.mib(610), task=disk.mib(610))
