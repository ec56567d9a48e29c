"""Pascal VOC 2012, cut from the upstream TFDS `voc/2012` as the reference cuts it (multi-label).

The upstream test split has no labels, so the reference (dm_nevis `benchmarker/datasets/
streams/nevis_stream.py`) halves the upstream validation split instead: its first
int(V * 0.5) examples are dev_test, the rest test. Train/dev: the usual 0.8 cut of upstream
train. Labels: the multi-hot of the upstream `labels` feature, as for voc_2007.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import tfds_derived
from nevis_datasets.toolkit.sources import voc

SLICES = tfds_derived.SliceRule(carved={
    'train': ((splits.TRAIN, splits.TRAIN_AND_DEV_FRACTIONS[splits.TRAIN]), (splits.DEV, None)),
    'validation': ((splits.DEV_TEST, 0.5), (splits.TEST, None)),
})


class Voc2012(toolkit.TfdsDerivedTaskBuilder):
  """VOC 2012: 20 object classes, multi-hot; dev_test/test are halves of upstream validation."""

  TASK = 'voc_2012'
  CLASS_NAMES = voc.CLASS_NAMES
  # The reference used 4.0.0 (tensorflow-datasets 4.6); 5.0.0 only changed the download links
  # and checksums, and tensorflow-datasets 4.9 builds no other.
  UPSTREAM_VERSION = '5.0.0'
  LABEL_FEATURE = 'labels'
  SLICE_RULE = SLICES
  # Two tars (3.6 GiB, the unlabelled test one included: TFDS prepares it too), extracted
  # beside them; the NEVIS copy holds train and validation only.
  DISK_NEEDS = disk.DiskNeeds(download=disk.gib(7.5), upstream=disk.gib(3.8), task=disk.gib(2.1))

  def _label(self, features: Mapping[str, Any]) -> Sequence[int]:
    return sorted({int(label) for label in features['labels']})
