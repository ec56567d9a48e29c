"""cvc_muscima on fake CVCMUSCIMA_WI.zip and Partitions_Set.zip (see dummy_data_generation.py)."""

import pathlib
import shutil
import zipfile

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.cvc_muscima import cvc_muscima

_DUMMY_DATA = pathlib.Path(__file__).parent / 'dummy_data'
_TRAINING, _TESTING = cvc_muscima.PARTITIONS


class CvcMuscimaTest(testing.TaskTestCase):
  DATASET_CLASS = cvc_muscima.CvcMuscima
  # 3 writers: 15 training pages hashed 0.7/0.15/0.15, 6 testing pages; 3 unlisted pages left out.
  SPLITS = {'train': 11, 'dev': 2, 'dev_test': 2, 'test': 6}

  def check_labels(self, labels):
    # The reference's writer order: w-23 0, w-05 8, w-50 27.
    self.assertEqual(labels['train'], [0] * 5 + [8] * 4 + [27] * 2)
    self.assertEqual(labels['dev'], [8, 27])  # w-05/p002, w-50/p002
    self.assertEqual(labels['dev_test'], [27, 27])  # w-50/p004, w-50/p005
    self.assertEqual(labels['test'], [0, 0, 8, 8, 27, 27])  # p006, p007 of each writer

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for example in tfds.as_numpy(builder.as_dataset(split='test')):
      self.assertEqual(example['image'].shape, (12, 8, 1))  # Grayscale, whole pages.
      self.assertEqual(example['image'].dtype, np.uint8)


class ParsingTest(absltest.TestCase):

  def test_writer_of(self):
    self.assertEqual(cvc_muscima.writer_of('w-07/p013.png'), 'w-07')
    for entry, message in (('w-07/p013', 'is not <writer'), ('w-7/p013.png', 'is not <writer'),
                           ('CVCMUSCIMA_WI/PNG_GT_Gray/w-07/p013.png', 'is not <writer'),
                           ('w-07/sub/p013.png', 'is not <writer'),
                           ('w-51/p013.png', 'not one of the 50 writers')):
      with self.assertRaisesRegex(ValueError, message):
        cvc_muscima.writer_of(entry)

  def test_class_names_are_the_references_fifty_writers(self):
    self.assertLen(set(cvc_muscima.CLASS_NAMES), 50)
    self.assertEqual(set(cvc_muscima.CLASS_NAMES), {f'w-{i:02d}' for i in range(1, 51)})
    self.assertEqual(cvc_muscima.CLASS_NAMES[:3], ('w-23', 'w-14', 'w-18'))

  def test_parse_partition(self):
    text = 'w-01/p001.png\r\nw-02/p003.png\r\n\r\nw-01/p001.png'
    self.assertEqual(cvc_muscima.parse_partition(text, 'l.txt'), {'w-01/p001.png', 'w-02/p003.png'})
    with self.assertRaisesRegex(ValueError, r'l.txt line 2: .*p003.jpg'):
      cvc_muscima.parse_partition('w-01/p001.png\nw-02/p003.jpg\n', 'l.txt')

  def test_page_in_both_lists(self):
    with self.assertRaisesRegex(ValueError, r'1 page\(s\) are in both .* e.g. w-01/p002.png'):
      cvc_muscima.source_splits({_TRAINING: {'w-01/p001.png', 'w-01/p002.png'},
                                 _TESTING: {'w-01/p002.png'}})
    self.assertEqual(
        cvc_muscima.source_splits({_TRAINING: {'w-01/p001.png'}, _TESTING: {'w-01/p002.png'}}),
        {'w-01/p001.png': 'train', 'w-01/p002.png': 'test'})


class ListingTest(absltest.TestCase):
  """What `_examples` lists from the fake zips, without a TFDS build."""

  def _examples(self, data: pathlib.Path) -> list[toolkit.Example]:
    sources = {name: data / name for name in ('CVCMUSCIMA_WI.zip', 'Partitions_Set.zip')}
    return testing.listed_examples(cvc_muscima.CvcMuscima, sources, self.create_tempdir())

  def _with_partition(self, name: str, text: str) -> pathlib.Path:
    """A copy of the dummy data whose partition list `name` holds `text`."""
    data = pathlib.Path(self.create_tempdir().full_path)
    shutil.copy(_DUMMY_DATA / 'CVCMUSCIMA_WI.zip', data)
    with zipfile.ZipFile(_DUMMY_DATA / 'Partitions_Set.zip') as source, zipfile.ZipFile(
        data / 'Partitions_Set.zip', 'w') as target:
      for info in source.infolist():
        target.writestr(info, text.encode() if info.filename == name else source.read(info))
    return data

  def test_lists_the_listed_grayscale_pages_as_zip_members(self):
    examples = self._examples(_DUMMY_DATA)
    self.assertLen(examples, 21)  # 3 writers x 7 listed pages; p008 is in neither list.
    self.assertTrue(all(e.key.startswith(cvc_muscima.GRAY_PREFIX) for e in examples))
    self.assertNotIn('p008', ' '.join(e.key for e in examples))
    first = examples[0]
    self.assertEqual(first.key, 'CVCMUSCIMA_WI/PNG_GT_Gray/w-05/p001.png')
    self.assertEqual((first.label, first.source_split), ('w-05', 'train'))
    self.assertIsInstance(first.image, toolkit.archives.ZipMember)
    with zipfile.ZipFile(_DUMMY_DATA / 'CVCMUSCIMA_WI.zip') as archive:
      self.assertEqual(toolkit.images.encode_image(first.image, grayscale=True),
                       archive.read(first.key))  # 8-bit grayscale PNGs are stored as they are.
    self.assertEqual({e.source_split for e in examples if e.key.endswith(('p006.png',
                                                                         'p007.png'))}, {'test'})

  def test_listed_page_missing_from_the_zip_stops_the_build(self):
    data = self._with_partition(_TESTING, 'w-05/p006.png\nw-05/p020.png\n')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[cvc_muscima\] 1 listed page\(s\) .* e.g. w-05/p020.png'):
      self._examples(data)

  def test_page_in_both_lists_stops_the_build(self):
    data = self._with_partition(_TESTING, 'w-05/p001.png\n')
    with self.assertRaisesRegex(toolkit.CorruptDataError, r'in both partition lists.*'
                                r'Partitions_Set.zip does not have the expected content'):
      self._examples(data)

  def test_missing_partition_list_stops_the_build(self):
    data = self._with_partition('none', '')
    with zipfile.ZipFile(data / 'Partitions_Set.zip', 'w') as archive:
      archive.writestr('Partitions_Set/set_1/set_1_training_01.txt', 'w-05/p001.png\n')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'set_2_training_01.txt is missing. Partitions_Set.zip'):
      self._examples(data)


if __name__ == '__main__':
  absltest.main()
