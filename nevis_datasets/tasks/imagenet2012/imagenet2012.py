"""ImageNet (ILSVRC 2012), cut from the upstream TFDS `imagenet2012` as the reference cuts it.

The reference (dm_nevis `benchmarker/datasets/streams/nevis_stream.py`) takes contiguous slices
of the upstream train split, 0.9 / 0.05 / rest, as train / dev / dev_test, and the upstream
validation split as test. The upstream needs the ILSVRC2012 tars, downloaded by hand; it is
prepared in the same data dir, then the NEVIS splits are written from it through Beam.
"""

from __future__ import annotations

from etils import epath
import tensorflow_datasets as tfds

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import downloads
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import tfds_derived

TRAIN_TAR = 'ILSVRC2012_img_train.tar'  # 147,897,477,120 bytes (137.7 GiB).
VALIDATION_TAR = 'ILSVRC2012_img_val.tar'  # 6,744,924,160 bytes (6.3 GiB).
TEST_TAR = 'ILSVRC2012_img_test.tar'  # Unlabelled; not used.

SLICES = tfds_derived.SliceRule(
    carved={'train': ((splits.TRAIN, 0.9), (splits.DEV, 0.05), (splits.DEV_TEST, None))},
    whole={splits.TEST: 'validation'},
)

MANUAL_INSTRUCTIONS = f"""\
ImageNet cannot be downloaded automatically. Register at https://image-net.org/download-images,
download the ILSVRC2012 training and validation images and put these two files, unrenamed and
unextracted, directly in the manual dir (the --manual_dir of `tfds build`, by default
<data_dir>/downloads/manual/):

  {TRAIN_TAR}  (138 GiB, "Training images (Task 1 & 2)")
  {VALIDATION_TAR}  (6.3 GiB, "Validation images (all tasks)")

Leave out {TEST_TAR}: NEVIS does not use it, but TFDS would prepare it too (13 GiB more).
The build first prepares the upstream TFDS dataset imagenet2012 (about 145 GiB) in the data dir,
then writes nevis/imagenet2012 (about 145 GiB more); see the task's README for the disk needed
and what may be deleted afterwards."""


class Imagenet2012(toolkit.TfdsDerivedTaskBuilder):
  """ImageNet: 1000 classes (WordNet ids); test is the upstream validation split."""

  TASK = 'imagenet2012'
  # The upstream's class names (WordNet ids, n01440764 ...), in its label-id order.
  CLASS_NAMES = tfds.core.tfds_path('datasets/imagenet2012/labels.txt').read_text().split()
  UPSTREAM_VERSION = '5.1.0'  # The reference's (tensorflow-datasets 4.6).
  SLICE_RULE = SLICES
  USE_BEAM = True
  MANUAL_INSTRUCTIONS = MANUAL_INSTRUCTIONS
  # The tars are read in place from the manual dir (not counted: they are already there). The
  # upstream stores the JPEGs as they are, and the NEVIS copy takes every upstream image again.
  DISK_NEEDS = disk.DiskNeeds(download=0, upstream=disk.gib(145), task=disk.gib(145))

  def _download_and_prepare(self, dl_manager, download_config=None):
    if not self.upstream_builder().is_prepared():
      self._check_manual_files(self._manual_dir(dl_manager))
    return super()._download_and_prepare(dl_manager, download_config)

  def _check_manual_files(self, manual_dir: epath.Path | None) -> None:
    """Fails before anything is written where the tars are not in the manual dir."""
    missing = [name for name in (TRAIN_TAR, VALIDATION_TAR)
               if manual_dir is None or not (manual_dir / name).exists()]
    if missing:
      raise downloads.ManualDownloadError(
          f'[{self.TASK}] {", ".join(missing)} not found in the manual dir '
          f'({manual_dir or "none given"}).\n{MANUAL_INSTRUCTIONS}')
