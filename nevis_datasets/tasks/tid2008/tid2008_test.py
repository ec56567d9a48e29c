"""tid2008 on a fake tid2008.rar (see dummy_data_generation.py), with the table shrunk to match."""

import io
import os
import shutil
import tempfile
from unittest import mock

from absl.testing import absltest
from etils import epath
import numpy as np
import rarfile
import tensorflow_datasets as tfds

from nevis_datasets import fake_archives
from nevis_datasets import testing
from nevis_datasets.tasks.tid2008 import dummy_data_generation
from nevis_datasets.tasks.tid2008 import tid2008
from nevis_datasets.toolkit import archives
from nevis_datasets.toolkit import rar
from nevis_datasets.toolkit.sources import tid


class Tid2008Test(testing.TaskTestCase):
  DATASET_CLASS = tid2008.Tid2008
  # 2 subjects x 3 types x 4 levels = 24 BMPs (reference images left out), split by name hash.
  SPLITS = {'train': 15, 'dev': 3, 'dev_test': 3, 'test': 3}

  def setUp(self):
    super().setUp()
    patcher = mock.patch.object(tid2008.Tid2008, 'SOURCE', dummy_data_generation.SOURCE)
    patcher.start()
    self.addCleanup(patcher.stop)

  def check_labels(self, labels):
    # 24 values, M = 24 // 5 = 4: buckets 0-3 hold 4 ranks each, bucket 4 the last 8 (with the
    # remainder); the tied 0.53s (ranks 3 and 4) both go to bucket 0, the tied 0.88s to 3.
    self.assertEqual(labels['train'], [0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4])
    self.assertEqual(labels['dev'], [0, 2, 4])  # i02_03_2 0.52, i02_02_1 0.77, i01_03_3 0.94
    self.assertEqual(labels['dev_test'], [0, 2, 3])  # i01_03_4 0.52, i02_03_1 0.73, i01_02_2 0.88
    self.assertEqual(labels['test'], [0, 4, 4])  # i01_01_4 0.51, i02_01_2 0.94, i02_02_4 0.91

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for split in self.SPLITS:  # BMPs, stored as PNG RGB at their size.
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (3, 4, 3))
        self.assertEqual(example['image'].dtype, np.uint8)


class TidSourceTest(absltest.TestCase):
  """toolkit.sources.tid, shared with tid2013."""

  def test_table_order_and_size(self):
    names = tid.TID2008.image_names()
    self.assertLen(names, 1700)
    self.assertEqual(names[:5], ['i01_01_1.bmp', 'i01_01_2.bmp', 'i01_01_3.bmp', 'i01_01_4.bmp',
                                 'i01_02_1.bmp'])
    self.assertEqual(names[-1], 'i25_17_4.bmp')
    self.assertEqual(tid.TID2008.table, 'MSSIM.TXT')
    self.assertEqual(tid2008.CLASS_NAMES, ('quality_0', 'quality_1', 'quality_2', 'quality_3',
                                           'quality_4'))

  def test_labels_are_mssim_buckets(self):
    small = tid.Tid('u', 'x.rar', 'MSSIM.TXT', num_types=5, num_levels=1, num_subjects=1)
    self.assertEqual(small.labels('0.9\r\n0.1\r\n0.5\r\n0.3\r\n0.7\r\n\r\n'),
                     {'i01_01_1.bmp': 4, 'i01_02_1.bmp': 0, 'i01_03_1.bmp': 2,
                      'i01_04_1.bmp': 1, 'i01_05_1.bmp': 3})

  def test_bad_tables(self):
    small = tid.Tid('u', 'x.rar', 'MSSIM.TXT', num_types=2, num_levels=1, num_subjects=1)
    with self.assertRaisesRegex(ValueError, 'MSSIM.TXT has 1 lines, fewer than the 2'):
      small.parse_table('0.5\n')
    with self.assertRaisesRegex(ValueError, r"line 2 of MSSIM.TXT \('n/a', for i01_02_1.bmp\)"):
      small.parse_table('0.5\nn/a\n')
    with self.assertRaisesRegex(ValueError, '0 members are named MSSIM.TXT'):
      small.table_path({'metrics_values/MSSIM.txt': epath.Path('a')})
    with self.assertRaisesRegex(ValueError, '2 members are named MSSIM.TXT'):
      small.table_path({'a/MSSIM.TXT': epath.Path('a'), 'b/MSSIM.TXT': epath.Path('b')})

  def test_images_match_by_lower_cased_name_in_any_folder(self):
    small = tid.Tid('u', 'x.rar', 'MSSIM.TXT', num_types=2, num_levels=1, num_subjects=1)
    buckets = {'i01_01_1.bmp': 0, 'i01_02_1.bmp': 1}
    files = {'d/I01_02_1.bmp': epath.Path('p2'), 'i01_01_1.BMP': epath.Path('p1'),
             'reference_images/I01.BMP': epath.Path('r'), 'mos.txt': epath.Path('m')}
    self.assertEqual(list(small.images(files, buckets)),
                     [('i01_01_1.bmp', epath.Path('p1'), 0), ('i01_02_1.bmp', epath.Path('p2'), 1)])
    with self.assertRaisesRegex(
        ValueError, 'a/i01_01_1.bmp and d/I01_01_1.bmp and i01_01_1.BMP are both image i01'):
      list(small.images({**files, 'a/i01_01_1.bmp': epath.Path('a'),
                         'd/I01_01_1.bmp': epath.Path('b')}, buckets))
    with self.assertRaisesRegex(ValueError, r'1 image\(s\) of MSSIM.TXT are missing, e.g. i01_02'):
      list(small.images({'i01_01_1.bmp': epath.Path('p1')}, buckets))
    with self.assertRaisesRegex(ValueError, 'i01_03_1.bmp is not among the 2 images'):
      list(small.images({**files, 'i01_03_1.bmp': epath.Path('p3')}, buckets))


def _fake_rar(path, members):
  with fake_archives.write_rar(path, date_time=(2008, 1, 2, 3, 4, 6)) as archive:
    for name, data in members:
      archive.add(name, data)


class RarTest(absltest.TestCase):
  """toolkit.rar and fake_archives.write_rar (here, with their first user)."""

  _MEMBERS = (('d', None), ('d/A.bmp', b'abc' * 50), ('d/e/empty.txt', b''), ('t.txt', b'1\r\n'))

  def setUp(self):
    super().setUp()
    self.dir = tempfile.mkdtemp()
    self.addCleanup(shutil.rmtree, self.dir)
    self.archive = os.path.join(self.dir, 'x.rar')
    _fake_rar(self.archive, self._MEMBERS)

  def _files(self, root):
    return {os.path.relpath(os.path.join(d, f), root): open(os.path.join(d, f), 'rb').read()
            for d, _, names in os.walk(root) for f in names}

  def test_write_rar_is_reproducible_and_read_by_rarfile(self):
    again = io.BytesIO()
    _fake_rar(again, self._MEMBERS)
    self.assertEqual(again.getvalue(), epath.Path(self.archive).read_bytes())
    with rarfile.RarFile(self.archive) as rf:
      self.assertEqual(rf.namelist(), ['d/', 'd/A.bmp', 'd/e/empty.txt', 't.txt'])
      self.assertEqual(rf.read('d/A.bmp'), b'abc' * 50)
      self.assertEqual(rf.getinfo('t.txt').date_time, (2008, 1, 2, 3, 4, 6))
      self.assertIsNone(rf.testrar())  # Every CRC checks out.

  def test_stored_members_extracted_without_a_tool_and_reused(self):
    with mock.patch.object(rarfile, 'tool_setup', side_effect=AssertionError('no tool needed')):
      root = rar.extract('t', self.archive, os.path.join(self.dir, 'extracted'))
    self.assertEqual(root.name, 'RAR.x.rar')
    expected = {'d/A.bmp': b'abc' * 50, 'd/e/empty.txt': b'', 't.txt': b'1\r\n'}
    self.assertEqual(self._files(root), expected)
    with mock.patch.object(rar, '_extract_into', side_effect=AssertionError('not again')):
      self.assertEqual(rar.extract('t', self.archive, os.path.join(self.dir, 'extracted')), root)
    _fake_rar(self.archive, self._MEMBERS[:2])  # Another archive: extracted again.
    os.utime(self.archive, ns=(1, 1))
    rar.extract('t', self.archive, os.path.join(self.dir, 'extracted'))
    self.assertEqual(self._files(root), {'d/A.bmp': b'abc' * 50})

  def test_compressed_members_without_a_tool_say_what_to_install(self):
    with mock.patch.object(rar, '_is_stored', return_value=False), mock.patch.object(
        rarfile, 'tool_setup', side_effect=rarfile.RarCannotExec('Cannot find working tool')):
      with self.assertRaisesRegex(rar.RarToolMissingError,
                                  r'\[t\] .*x.rar holds compressed.*apt-get install unar'):
        rar.extract('t', self.archive, os.path.join(self.dir, 'extracted'))
    self.assertEmpty(os.listdir(os.path.join(self.dir, 'extracted')))

  def test_through_a_tool_when_one_is_installed(self):
    try:
      rarfile.tool_setup()
    except rarfile.RarCannotExec:
      self.skipTest('no unrar, unar, 7z or bsdtar')
    with mock.patch.object(rar, '_is_stored', return_value=False):
      root = rar.extract('t', self.archive, os.path.join(self.dir, 'extracted'))
    self.assertEqual(self._files(root),
                     {'d/A.bmp': b'abc' * 50, 'd/e/empty.txt': b'', 't.txt': b'1\r\n'})

  def test_damaged_archives(self):
    data = epath.Path(self.archive).read_bytes()
    epath.Path(self.archive).write_bytes(data[:60])
    with self.assertRaisesRegex(archives.CorruptArchiveError, 'cannot be extracted'):
      rar.extract('t', self.archive, os.path.join(self.dir, 'extracted'))
    epath.Path(self.archive).write_bytes(b'not a rar at all')
    with self.assertRaisesRegex(archives.CorruptArchiveError, 'NotRarFile'):
      rar.extract('t', self.archive, os.path.join(self.dir, 'extracted'))
    self.assertEmpty(os.listdir(os.path.join(self.dir, 'extracted')))

  def test_members_cannot_leave_the_extraction_dir(self):
    with self.assertRaisesRegex(ValueError, 'outside the extraction dir'):
      rar._destination('/root', '../evil')  # pylint: disable=protected-access
    self.assertEqual(rar._destination('/root', 'a/./b'), '/root/a/b')  # pylint: disable=protected-access


if __name__ == '__main__':
  absltest.main()
