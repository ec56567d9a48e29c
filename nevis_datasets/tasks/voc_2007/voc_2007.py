"""Pascal VOC 2007, cut from the upstream TFDS `voc/2007` as the reference cuts it (multi-label).

The reference (dm_nevis `benchmarker/datasets/builders/tfds_builder.py`) takes the multi-hot of
the upstream `labels` feature (the classes of the objects in the image, difficult ones included)
and the train/validation/test slice rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import tfds_derived
from nevis_datasets.toolkit.sources import voc


class Voc2007(toolkit.TfdsDerivedTaskBuilder):
  """VOC 2007: 20 object classes, multi-hot; dev_test/test are the upstream validation/test."""

  TASK = 'voc_2007'
  CLASS_NAMES = voc.CLASS_NAMES
  # The reference used 4.0.0 (tensorflow-datasets 4.6); 5.0.0 only changed the download links
  # and checksums, and tensorflow-datasets 4.9 builds no other.
  UPSTREAM_VERSION = '5.0.0'
  LABEL_FEATURE = 'labels'
  SLICE_RULE = tfds_derived.TRAIN_VALIDATION_TEST_SLICES
  # Two tars (0.85 GiB), extracted beside them by TFDS.
  DISK_NEEDS = disk.DiskNeeds(download=disk.gib(1.8), upstream=disk.gib(1), task=disk.gib(1))

  def _label(self, features: Mapping[str, Any]) -> Sequence[int]:
    return sorted({int(label) for label in features['labels']})
