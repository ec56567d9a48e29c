"""interact on the four fake INTERACT zips (see dummy_data_generation.py)."""

import pathlib
import shutil
import zipfile

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.interact import dummy_data_generation
from nevis_datasets.tasks.interact import interact

_DUMMY_DATA = pathlib.Path(__file__).parent / 'dummy_data'
_NAMES = list(dummy_data_generation.NAMES)  # In category number order: the label ids.
_LINE = '18;2AB_01.jpg;Person 1 is hugging Person 2.'


class InteractTest(testing.TaskTestCase):
  DATASET_CLASS = interact.Interact
  # 80 photos (the truncated one left out) split by key hash; the 6 illustrations all in train.
  SPLITS = {'train': 53, 'dev': 11, 'dev_test': 11, 'test': 11}

  def check_labels(self, labels):
    # Label = category number - 1; illustrations of categories 1, 2, 3, 10, 30, 60 in train.
    self.assertEqual(labels['train'], [
        0, 0, 1, 2, 2, 2, 3, 5, 6, 6, 7, 7, 9, 9, 11, 12, 12, 13, 13, 14, 14, 15, 16, 17, 18,
        19, 20, 21, 22, 26, 27, 29, 29, 30, 31, 32, 33, 39, 40, 41, 42, 44, 46, 47, 50, 51, 52,
        53, 54, 56, 57, 59, 59])
    self.assertEqual(labels['dev'], [4, 10, 10, 24, 25, 35, 36, 38, 43, 45, 55])
    self.assertEqual(labels['dev_test'], [0, 1, 3, 4, 5, 9, 11, 17, 18, 37, 58])
    self.assertEqual(labels['test'], [1, 8, 8, 15, 16, 19, 23, 28, 34, 48, 49])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    self.assertEqual(builder.info.features['label'].names, _NAMES)
    self.assertEqual(builder.info.metadata['class_names'], _NAMES)
    self.assertEqual(builder.info.metadata['skipped_images'],
                     {s: {'count': 0, 'keys': [], 'allowed': 1} for s in self.SPLITS})
    for example in tfds.as_numpy(builder.as_dataset(split='train')):
      self.assertEqual(example['image'].shape, (8, 8, 3))
      self.assertEqual(example['image'].dtype, np.uint8)


class ParseTest(absltest.TestCase):

  def test_parse_line(self):
    self.assertEqual(interact.parse_line(_LINE + '\r\n'),
                     interact.Annotation('2AB_01.jpg', 17, 'Person 1 is hugging Person 2.'))
    self.assertEqual(interact.parse_line('1;a.png;x').label, 0)
    self.assertEqual(interact.parse_line('60;a.png;x').label, 59)

  def test_malformed_lines(self):
    for line, message in (
        ('18;2AB_01.jpg', '2 ";"-separated fields, expected 3'),
        ('18;2AB_01.jpg;Person 1; is', '4 ";"-separated fields'),
        ('0;a.jpg;x', "category number '0' is not 1-60"),
        ('61;a.jpg;x', "'61' is not 1-60"),
        ('x1;a.jpg;x', "'x1' is not 1-60"),
        ('18;imgs/a.jpg;x', "image file 'imgs/a.jpg' is not a file name"),
        ('18;;x', "image file '' is not"),
        ('18;a.jpg; ', 'the category name is empty'),
    ):
      with self.assertRaisesRegex(ValueError, message):
        interact.parse_line(line)

  def test_parse_annotations(self):
    text = f'\ufeff{_LINE}\n\n01;b.jpg;Person 1 is carrying Person 2.\n'
    self.assertEqual([(a.file, a.label) for a in interact.parse_annotations(text, 'l.txt')],
                     [('2AB_01.jpg', 17), ('b.jpg', 0)])

  def test_malformed_annotations(self):
    for text, message in (
        (f'{_LINE}\n{_LINE}\n', r'l.txt line 2: 2AB_01.jpg is listed twice'),
        (f'{_LINE}\n18;c.jpg;Person 1 is hitting Person 2.\n',
         r"l.txt line 2: category 18 is named 'Person 1 is hitting Person 2.', but 'Person 1 is "
         r"hugging"),
        (f'{_LINE}\n\n5;a.jpg\n', r'l.txt line 3: 2 ";"-separated'),
    ):
      with self.assertRaisesRegex(ValueError, message):
        interact.parse_annotations(text, 'l.txt')

  def test_class_names_in_number_order(self):
    real = [interact.Annotation(f'{i}.jpg', 59 - i, f'name {59 - i}') for i in range(60)]
    illustrations = [interact.Annotation('i.png', 3, 'name 3')]
    self.assertEqual(interact.class_names(real, illustrations),
                     [f'name {i}' for i in range(60)])

  def test_class_names_checks(self):
    real = [interact.Annotation(f'{i}.jpg', i, f'name {i}') for i in range(60)]
    with self.assertRaisesRegex(ValueError, r'has no image of categories \[1, 60\]'):
      interact.class_names(real[1:-1], [])
    with self.assertRaisesRegex(ValueError, "names category 4 'other', interact_final_dataset_"
                                "labels_and_images.txt 'name 3'"):
      interact.class_names(real, [interact.Annotation('i.png', 3, 'other')])


class ListingTest(absltest.TestCase):
  """What `_examples` lists from the fake zips, without a TFDS build."""

  def _examples(self, data: pathlib.Path = _DUMMY_DATA) -> list[toolkit.Example]:
    return testing.listed_examples(interact.Interact, {p.name: p for p in data.iterdir()},
                                   self.create_tempdir().full_path)

  def _data_copy(self) -> pathlib.Path:
    data = pathlib.Path(self.create_tempdir().full_path)
    shutil.copytree(_DUMMY_DATA, data, dirs_exist_ok=True)
    return data

  def _rewrite_labels(self, data: pathlib.Path, source: interact.Source, edit) -> None:
    path = data / f'{source.annotations}.zip'
    with zipfile.ZipFile(path) as archive:
      members = {name: archive.read(name) for name in archive.namelist()}
    members[source.labels_file] = edit(members[source.labels_file].decode()).encode()
    with zipfile.ZipFile(path, 'w') as archive:
      for name, data_bytes in members.items():
        archive.writestr(name, data_bytes)

  def test_keys_name_the_zip_and_images_are_members(self):
    examples = self._examples()
    self.assertLen(examples, 86)
    by_split = {}
    for example in examples:
      by_split.setdefault(example.source_split, []).append(example)
      self.assertIsInstance(example.image, toolkit.archives.ZipMember)
      self.assertEqual(example.key, f'{pathlib.Path(example.image.archive).stem}/'
                                    f'{example.image.name}')
    self.assertLen(by_split['real'], 80)
    self.assertLen(by_split['illustration'], 6)
    self.assertTrue(all(e.key.startswith('interact_stand-alone_dataset_images/imgs/')
                        and e.key.endswith('.jpg') for e in by_split['real']))
    self.assertTrue(all(e.key.startswith('interact_illustration_category_dataset_images/imgs/')
                        and e.key.endswith('.png') for e in by_split['illustration']))
    self.assertEqual(sorted(e.label for e in by_split['illustration']), [0, 1, 2, 9, 29, 59])

  def test_truncated_images_are_left_out(self):
    keys = {e.key for e in self._examples()}
    self.assertNotIn('interact_stand-alone_dataset_images/imgs/'
                     '22TCSTMOFXRDFDVIK9PDTXJK5OZTQ6_20.jpg', keys)
    with zipfile.ZipFile(_DUMMY_DATA / 'interact_stand-alone_dataset_images.zip') as archive:
      self.assertIn('imgs/22TCSTMOFXRDFDVIK9PDTXJK5OZTQ6_20.jpg', archive.namelist())

  def test_illustrations_always_train(self):
    for key in ('a', 'b', 'c'):
      self.assertEqual(interact.SPLIT_RULE.assign('interact', key, 'illustration'), 'train')

  def test_listed_image_missing_from_the_zip_stops_the_build(self):
    data = self._data_copy()
    self._rewrite_labels(data, interact.ILLUSTRATIONS,
                         lambda text: text + '05;NOPE_01.png;Person 1 is reaching for Person 2.\n')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[interact\] 1 image\(s\) of interact_illustration_category_'
                                r'dataset_labels_and_images.txt are missing from imgs/, e.g. '
                                r'NOPE_01.png'):
      self._examples(data)

  def test_category_named_otherwise_stops_the_build(self):
    data = self._data_copy()
    self._rewrite_labels(data, interact.ILLUSTRATIONS,
                         lambda text: text.replace('is carrying', 'is holding'))
    with self.assertRaisesRegex(toolkit.CorruptDataError, r"names category 1 'Person 1 is "
                                r"holding Person 2.'"):
      self._examples(data)

  def test_missing_labels_file_stops_the_build(self):
    data = self._data_copy()
    with zipfile.ZipFile(data / f'{interact.STAND_ALONE.annotations}.zip', 'w') as archive:
      archive.writestr('README.txt', b'')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                'interact_final_dataset_labels_and_images.txt is missing'):
      self._examples(data)


if __name__ == '__main__':
  absltest.main()
