"""PatchCamelyon, cut from the upstream TFDS `patch_camelyon` as the reference cuts it."""

from __future__ import annotations

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import tfds_derived

# Upstream label 0: the centre 32x32 region holds no tumour tissue; 1: it holds metastatic tissue.
# The upstream ClassLabel has only ids.
_CLASS_NAMES = (
    'no_metastasis', 'metastasis',
)


class PatchCamelyon(toolkit.TfdsDerivedTaskBuilder):
  """PatchCamelyon: 96x96 RGB histopathology patches, metastasis or not.

  Train/dev are slices of the upstream train split, dev_test and test are its validation and test
  splits.
  """

  TASK = 'patch_camelyon'
  CLASS_NAMES = _CLASS_NAMES
  UPSTREAM_VERSION = '2.0.0'  # The reference's (tensorflow-datasets 4.6).
  SLICE_RULE = tfds_derived.TRAIN_VALIDATION_TEST_SLICES
  USE_BEAM = True  # 327,680 examples, ~7 GiB: Beam workers read the slices.
  # Known sizes of the real dataset, rounded up (see README.md).
  DISK_NEEDS = disk.DiskNeeds(download=disk.gib(16), upstream=disk.gib(7.1), task=disk.gib(7.1))
