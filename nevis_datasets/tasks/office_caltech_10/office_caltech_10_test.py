"""office_caltech_10 on fake domain_adaptation_images.tar.gz and 256_ObjectCategories.tar.

See dummy_data_generation.py. The Caltech tar is the one caltech256 uses; the last test builds
both tasks into one download dir and checks that the tar is extracted once.
"""

import pathlib
import shutil

from absl.testing import absltest
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets.tasks.caltech256 import caltech256
from nevis_datasets.tasks.office_caltech_10 import office_caltech_10
from nevis_datasets.toolkit import downloads
from nevis_datasets.toolkit import extraction

_DUMMY_DATA = pathlib.Path(__file__).parent / 'dummy_data'
_ARCHIVES = ('256_ObjectCategories.tar', 'domain_adaptation_images.tar.gz')
# 29 Office images of the 10 classes (train/dev by hash of 'office31/<member>'); 30 Caltech
# images of the 10 classes (dev_test/test by hash of 'caltech256/<member>').
_SPLITS = {'train': 23, 'dev': 6, 'dev_test': 16, 'test': 14}


class OfficeCaltech10Test(testing.TaskTestCase):
  DATASET_CLASS = office_caltech_10.OfficeCaltech10
  SPLITS = _SPLITS

  def check_labels(self, labels):
    # Office names, reference order: back_pack 0, bike 1, ..., projector 9. Office images.
    self.assertEqual(labels['train'], [0, 0, 1, 1, 1, 1, 2, 3, 3, 4, 4, 4, 4, 5, 5, 6, 6, 7, 8,
                                       8, 9, 9, 9])
    self.assertEqual(labels['dev'], [0, 2, 6, 6, 7, 8])
    # Caltech images: 003.backpack -> back_pack 0, 224.touring-bike -> bike 1, ...
    self.assertEqual(labels['dev_test'], [0, 1, 1, 2, 2, 3, 4, 5, 6, 6, 6, 7, 7, 8, 9, 9])
    self.assertEqual(labels['test'], [0, 0, 1, 2, 3, 3, 4, 4, 5, 5, 7, 8, 8, 9])


class ClassesTest(absltest.TestCase):

  def test_caltech_folders_exist_in_caltech256(self):
    for _, caltech in office_caltech_10.CLASSES:
      self.assertIn(caltech, caltech256.CLASS_NAMES)

  def test_reference_order(self):
    self.assertEqual(office_caltech_10.CLASS_NAMES, (
        'back_pack', 'bike', 'calculator', 'headphones', 'keyboard', 'laptop_computer',
        'monitor', 'mouse', 'mug', 'projector'))


class OfficeClassTest(absltest.TestCase):

  def test_shared_classes_of_all_domains(self):
    for domain in office_caltech_10.OFFICE_DOMAINS:
      self.assertEqual(office_caltech_10.office_class(f'{domain}/images/mug/frame_0001.jpg'),
                       'mug')

  def test_other_members_are_left_out(self):
    for member in ('amazon/images/bike_helmet/frame_0001.jpg', 'amazon/images/bike/x.jpg',
                   'domain_adaptation_images/amazon/images/bike/frame_0001.jpg',
                   'amazon/images/bike/frame_0001.jpg.bak', 'amazon/label.txt'):
      self.assertIsNone(office_caltech_10.office_class(member), member)

  def test_rejects_unknown_domain(self):
    with self.assertRaisesRegex(ValueError, "domain 'clipart'"):
      office_caltech_10.office_class('clipart/images/bike/frame_0001.jpg')


def test_caltech_tar_is_extracted_once_for_both_tasks(tmp_path, monkeypatch):
  """caltech256, then office_caltech_10, in one data dir and download dir, from a manual dir."""
  manual = tmp_path / 'manual'
  manual.mkdir()
  for name in _ARCHIVES:
    shutil.copyfile(_DUMMY_DATA / name, manual / name)
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')
  extracted = []
  extract_into = extraction._extract_into  # pylint: disable=protected-access

  def counting_extract_into(archive, method, destination):
    extracted.append(pathlib.Path(archive).name)
    extract_into(archive, method, destination)

  monkeypatch.setattr(extraction, '_extract_into', counting_extract_into)
  download_dir = tmp_path / 'downloads'
  config = tfds.download.DownloadConfig(manual_dir=str(manual),
                                        compute_stats=tfds.download.ComputeStatsMode.SKIP)

  caltech = caltech256.Caltech256(data_dir=str(tmp_path / 'data'))
  caltech.download_and_prepare(download_dir=str(download_dir), download_config=config)
  assert extracted == ['256_ObjectCategories.tar']
  record = download_dir / 'extracted' / '.TAR.256_ObjectCategories.tar.source.json'
  recorded = record.stat().st_mtime_ns

  office = office_caltech_10.OfficeCaltech10(data_dir=str(tmp_path / 'data'))
  office.download_and_prepare(download_dir=str(download_dir), download_config=config)
  assert extracted == ['256_ObjectCategories.tar', 'domain_adaptation_images.tar.gz']
  assert record.stat().st_mtime_ns == recorded
  assert sorted(path.name for path in (download_dir / 'extracted').iterdir()) == [
      '.TAR.256_ObjectCategories.tar.source.json',
      '.TAR_GZ.domain_adaptation_images.tar.gz.source.json',
      'TAR.256_ObjectCategories.tar', 'TAR_GZ.domain_adaptation_images.tar.gz']
  assert {name: split.num_examples for name, split in office.info.splits.items()} == _SPLITS
  assert sum(split.num_examples for split in caltech.info.splits.values()) == 39


if __name__ == '__main__':
  absltest.main()
