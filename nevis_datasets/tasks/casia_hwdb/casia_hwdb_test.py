"""casia_hwdb on fake CASIA-HWDB1.1 zips (see dummy_data_generation.py), through Beam."""

import pathlib
import pickle
import shutil
import zipfile

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import fake_archives
from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.casia_hwdb import casia_hwdb
from nevis_datasets.tasks.casia_hwdb import dummy_data_generation as generation

_DUMMY_DATA = pathlib.Path(__file__).parent / 'dummy_data'
# In code order: 0xA2A1 (not GB2312), '！' 0xA3A1, '啊' 0xB0A1, '阿' 0xB0A2, '国' 0xB9FA,
# '中' 0xD6D0 (by Unicode, '中' would come first and '！' last).
_NAMES = ['0xA2A1', '！', '啊', '阿', '国', '中']


class SixClasses(casia_hwdb.CasiaHwdb):
  """The dummy data has 6 of the 3926 classes (inherits TASK: not registered again)."""

  NUM_CLASSES = len(_NAMES)


def _sources(data: pathlib.Path) -> dict[str, pathlib.Path]:
  return {zip_name: data / zip_name for zip_name, _ in casia_hwdb.ARCHIVES}


class CasiaHwdbTest(testing.TaskTestCase):
  """Runs on TaskBuilder's default Beam runner: the in-process FnApiRunner."""

  DATASET_CLASS = SixClasses
  # 4 training files x 12 records hashed 0.7/0.15/0.15; 2 test files x 6 records.
  SPLITS = {'train': 40, 'dev': 6, 'dev_test': 2, 'test': 12}

  def check_labels(self, labels):
    self.assertEqual(labels['train'], [0] * 7 + [1] * 7 + [2] * 6 + [3] * 8 + [4] * 6 + [5] * 6)
    self.assertEqual(labels['dev'], [1, 2, 2, 4, 4, 5])
    self.assertEqual(labels['dev_test'], [0, 5])
    self.assertEqual(labels['test'], [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    self.assertEqual(builder.info.features['label'].names, _NAMES)
    self.assertEqual(builder.info.metadata['class_names'], _NAMES)
    # Every stored image is 255 - the pixels of its record, at the record's size.
    with zipfile.ZipFile(_DUMMY_DATA / 'Gnt1.1Test.zip') as archive:
      data = archive.read('1241-c.gnt') + archive.read('1242-c.gnt')
    expected = sorted((int(record['code']), casia_hwdb.record_image(data, record).tobytes())
                      for record in casia_hwdb.scan_records(data, 'test files'))
    codes = generation.DUMMY_CODES
    stored = sorted((codes[int(ex['label'])], ex['image'][..., 0].tobytes())
                    for ex in tfds.as_numpy(builder.as_dataset(split='test')))
    self.assertEqual(stored, expected)


def _record(code: int = 0xB0A1, shape=(2, 3)) -> bytes:
  return generation.gnt_record(code, np.arange(np.prod(shape), dtype=np.uint8).reshape(shape))


class ScanRecordsTest(absltest.TestCase):

  def test_reads_headers_and_images(self):
    data = _record(0xB0A1, (2, 3)) + _record(0xA3A1, (1, 4))
    records = casia_hwdb.scan_records(data, 'w.gnt')
    self.assertEqual(records.tolist(), [(0, 0xB0A1, 3, 2), (16, 0xA3A1, 4, 1)])
    np.testing.assert_array_equal(casia_hwdb.record_image(data, records[0]),
                                  [[255, 254, 253], [252, 251, 250]])
    image = casia_hwdb.record_image(data, records[1])
    self.assertEqual((image.dtype, image.shape), (np.uint8, (1, 4)))

  def test_bad_records_name_the_file_and_the_byte_offset(self):
    good = _record()  # 16 bytes: the second record starts at byte offset 16.
    zero = casia_hwdb.HEADER.pack(10, b'\xb0\xa1', 0, 5)
    wrong_length = casia_hwdb.HEADER.pack(17, b'\xb0\xa1', 3, 2) + bytes(7)
    for data, message in (
        (b'', ' is empty'),
        (good + good[:7], r'record 1 at byte offset 16: truncated: 7 byte\(s\) left, fewer '
                          'than the 10-byte record header'),
        (good + good[:-1], 'record 1 at byte offset 16: the 16-byte record runs past the end '
                           r'of the file \(31 bytes\): truncated'),
        (good + zero, r'record 1 at byte offset 16: zero-size image \(0x5\)'),
        (good + wrong_length, 'record 1 at byte offset 16: length field 17, but a 3x2 image '
                              'makes a record of 16 bytes'),
        (casia_hwdb.HEADER.pack(2**32 - 1, b'\xb0\xa1', 3, 2) + bytes(6),
         'record 0 at byte offset 0: length field 4294967295'),
    ):
      with self.assertRaisesRegex(ValueError, '^w.gnt in T.zip.*' + message):
        casia_hwdb.scan_records(data, 'w.gnt in T.zip')


class ClassNameTest(absltest.TestCase):

  def test_gb2312_characters_and_symbols(self):
    self.assertEqual(casia_hwdb.class_name(0xB0A1), '啊')
    self.assertEqual(casia_hwdb.class_name(0xD7F9), '座')  # The last level-1 character.
    self.assertEqual(casia_hwdb.class_name(0xA3A1), '！')

  def test_other_tags_are_named_by_their_code(self):
    self.assertEqual(casia_hwdb.class_name(0xA2A1), '0xA2A1')  # Not GB2312.
    self.assertEqual(casia_hwdb.class_name(0xFFFF), '0xFFFF')
    self.assertEqual(casia_hwdb.class_name(0xA1A1), '0xA1A1')  # The ideographic space.
    self.assertEqual(casia_hwdb.class_name(0x4142), '0x4142')  # Two ASCII bytes 'AB'.
    self.assertEqual(casia_hwdb.class_name(0x0041), '0x0041')  # '\x00A'.

  def test_names_in_code_order(self):
    self.assertEqual(casia_hwdb.class_names([0xD6D0, 0xB0A1, 0xA2A1, 0xD6D0]),
                     ['0xA2A1', '啊', '中'])

  def test_the_benchmark_codes_are_as_many_as_the_real_classes(self):
    names = casia_hwdb.class_names(generation.all_codes())
    self.assertLen(set(names), 3926)
    self.assertFalse([n for n in names if n.startswith('0x')])


class ListingTest(absltest.TestCase):
  """What `_examples` lists from the fake zips, and the groups' examples, without TFDS."""

  def _data_copy(self) -> pathlib.Path:
    data = pathlib.Path(self.create_tempdir().full_path)
    shutil.copytree(_DUMMY_DATA, data, dirs_exist_ok=True)
    return data

  def _listed(self, data: pathlib.Path = _DUMMY_DATA, builder=SixClasses) -> list:
    return testing.listed_examples(builder, _sources(data), self.create_tempdir().full_path)

  def test_one_group_per_gnt_member(self):
    groups = self._listed()
    self.assertEqual([g.key for g in groups], [
        'Gnt1.1TrainPart1.zip/1001-c.gnt', 'Gnt1.1TrainPart1.zip/1002-c.gnt',
        'Gnt1.1TrainPart2.zip/1121-c.gnt', 'Gnt1.1TrainPart2.zip/1122-c.gnt',
        'Gnt1.1Test.zip/1241-c.gnt', 'Gnt1.1Test.zip/1242-c.gnt'])
    self.assertTrue(all(isinstance(g, toolkit.ExampleGroup) for g in groups))
    reader = pickle.loads(pickle.dumps(groups[-1].read))  # As Beam sends it to a worker.
    examples = list(reader())
    self.assertEqual([e.key for e in examples[:2]],
                     ['Gnt1.1Test.zip/1242-c.gnt/0', 'Gnt1.1Test.zip/1242-c.gnt/1'])
    self.assertEqual([e.label for e in examples], _NAMES)
    self.assertEqual({e.source_split for e in examples}, {'test'})
    self.assertTrue(all(e.image.dtype == np.uint8 and e.image.ndim == 2 for e in examples))

  def test_class_names_are_set_from_the_tags(self):
    builder = SixClasses(data_dir=self.create_tempdir().full_path)
    sources = _sources(_DUMMY_DATA)
    builder.download = lambda dl_manager, url: sources[url.rsplit('/', 1)[1]]
    list(builder._examples(dl_manager=None))
    self.assertEqual(builder.info.features['label'].names, _NAMES)

  def test_a_class_count_other_than_the_catalogs_stops_the_build(self):
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[casia_hwdb\] 6 classes were found, 3926 were expected'):
      self._listed(builder=casia_hwdb.CasiaHwdb)

  def test_a_bad_record_stops_the_listing_naming_zip_member_and_offset(self):
    data = self._data_copy()
    with zipfile.ZipFile(_DUMMY_DATA / 'Gnt1.1TrainPart2.zip') as archive:
      members = {name: archive.read(name) for name in archive.namelist()}
    members['1122-c.gnt'] = members['1122-c.gnt'][:-3]  # The last record cut short.
    with fake_archives.write_zip(data / 'Gnt1.1TrainPart2.zip', date_time=(2011, 5, 1, 0, 0, 0),
                                 compression=zipfile.ZIP_DEFLATED) as archive:
      for name, content in members.items():
        archive.add(name, content)
    with self.assertRaisesRegex(
        toolkit.CorruptDataError,
        r'\[casia_hwdb\] 1122-c.gnt in Gnt1.1TrainPart2.zip, record 11 at byte offset \d+: '
        r'the \d+-byte record runs past the end .* Gnt1.1TrainPart2.zip does not have the '
        'expected content'):
      self._listed(data)

  def test_a_zip_without_gnt_files_stops_the_listing(self):
    data = self._data_copy()
    with fake_archives.write_zip(data / 'Gnt1.1Test.zip', date_time=(2011, 5, 1, 0, 0, 0)) as z:
      z.add('readme.txt', b'not a gnt file')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'Gnt1.1Test.zip holds no .gnt file \(1 other member'):
      self._listed(data)

  def test_a_reader_whose_file_changed_stops_with_the_task_name(self):
    # A worker re-checks what the listing checked: the zip may have changed in between.
    path = pathlib.Path(self.create_tempdir().full_path) / 'Gnt1.1Test.zip'
    with fake_archives.write_zip(path, date_time=(2011, 5, 1, 0, 0, 0)) as z:
      z.add('1242-c.gnt', _record()[:-1])
    reader = casia_hwdb.GntReader(str(path), 'Gnt1.1Test.zip', '1242-c.gnt', 'test')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[casia_hwdb\] 1242-c.gnt in Gnt1.1Test.zip, record 0 .* '
                                'changed during the build'):
      list(reader())


if __name__ == '__main__':
  absltest.main()
