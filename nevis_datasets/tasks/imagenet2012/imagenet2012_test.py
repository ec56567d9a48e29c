"""imagenet2012 on a fake prepared upstream (Beam build): the reference's 0.9/0.05/rest slices."""

import os
import shutil
import tempfile
import unittest
from unittest import mock

from etils import epath

from nevis_datasets.tasks.imagenet2012 import imagenet2012
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import downloads
from nevis_datasets import tfds_derived_testing as tfds_testing


class Imagenet2012Test(tfds_testing.TfdsDerivedTestCase):
  DATASET_CLASS = imagenet2012.Imagenet2012
  UPSTREAM_SPLITS = {'train': 40, 'validation': 5}
  # int(40 * 0.9) = 36 train, int(40 * 0.05) = 2 dev, the other 2 dev_test; validation -> test.
  SPLITS = {'train': 36, 'dev': 2, 'dev_test': 2, 'test': 5}
  EXPECTED_SLICES = {'train': ['train[0:36]'], 'dev': ['train[36:38]'],
                     'dev_test': ['train[38:40]'], 'test': ['validation[0:5]']}

  @classmethod
  def setUpClass(cls):
    super().setUpClass()
    # The manual dir (the test's dummy data dir) must hold the tars; the fake upstream does
    # not read them.
    for name in (imagenet2012.TRAIN_TAR, imagenet2012.VALIDATION_TAR):
      (epath.Path(cls.EXAMPLE_DIR) / name).touch()


class ManualFilesTest(unittest.TestCase):

  def test_missing_tars_fail_early_with_instructions(self):
    builder = imagenet2012.Imagenet2012(data_dir=tempfile.mkdtemp())
    with tempfile.TemporaryDirectory() as manual_dir:
      (epath.Path(manual_dir) / imagenet2012.TRAIN_TAR).touch()
      with self.assertRaisesRegex(downloads.DownloadError,
                                  r'\[imagenet2012\] ILSVRC2012_img_val.tar not found'):
        builder._check_manual_files(epath.Path(manual_dir))
      (epath.Path(manual_dir) / imagenet2012.VALIDATION_TAR).touch()
      builder._check_manual_files(epath.Path(manual_dir))
    with self.assertRaisesRegex(downloads.DownloadError, 'none given'):
      builder._check_manual_files(None)

  def test_instructions_name_the_files(self):
    text = imagenet2012.Imagenet2012(data_dir=tempfile.mkdtemp()).MANUAL_DOWNLOAD_INSTRUCTIONS
    self.assertIn('ILSVRC2012_img_train.tar', text)
    self.assertIn('ILSVRC2012_img_val.tar', text)


class Imagenet2012RealSizesTest(tfds_testing.RealSizesTestCase):
  RULE = imagenet2012.Imagenet2012.SLICE_RULE
  SIZES = {'train': 1281167, 'validation': 50000}
  EXPECTED = {'train': ['train[0:1153050]'], 'dev': ['train[1153050:1217108]'],
              'dev_test': ['train[1217108:1281167]'], 'test': ['validation[0:50000]']}


def test_class_names_are_the_wordnet_ids():
  names = imagenet2012.Imagenet2012.CLASS_NAMES
  assert len(names) == 1000 and names[0] == 'n01440764' and len(set(names)) == 1000


class DiskSpaceTest(unittest.TestCase):

  def test_a_small_disk_fails_before_anything_is_written(self):
    data_dir = tempfile.mkdtemp()
    builder = imagenet2012.Imagenet2012(data_dir=data_dir)
    upstream = builder.upstream_builder()
    with mock.patch.dict(os.environ, {disk.SKIP_ENV: ''}), \
         mock.patch.object(shutil, 'disk_usage', return_value=mock.Mock(free=disk.gib(100))):
      with self.assertRaisesRegex(
          disk.InsufficientDiskSpaceError,
          r'\[imagenet2012\] Not enough free disk space: the build needs about 290.0 GiB .*'
          r'upstream imagenet2012/5.1.0.*145.0 GiB.*nevis/imagenet2012.*145.0 GiB.*'
          r'only 100.0 GiB is free'):
        builder._check_disk_space([upstream])
    self.assertEqual(os.listdir(data_dir), [])

  def test_a_prepared_upstream_needs_only_the_nevis_copy(self):
    builder = imagenet2012.Imagenet2012(data_dir=tempfile.mkdtemp())
    upstream = mock.Mock(is_prepared=mock.Mock(return_value=True))
    with mock.patch.dict(os.environ, {disk.SKIP_ENV: ''}), \
         mock.patch.object(shutil, 'disk_usage', return_value=mock.Mock(free=disk.gib(146))):
      builder._check_disk_space([upstream])
    with mock.patch.dict(os.environ, {disk.SKIP_ENV: '1'}), \
         mock.patch.object(shutil, 'disk_usage', return_value=mock.Mock(free=0)):
      builder._check_disk_space([upstream])  # Skipped on request.
