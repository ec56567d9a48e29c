"""awa2 on a fake AwA2-data.zip (see dummy_data_generation.py), through Beam."""

import pathlib
import zipfile

from absl.testing import absltest
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.awa2 import awa2
from nevis_datasets.tasks.awa2 import dummy_data_generation as generation
from nevis_datasets.toolkit import images

_DUMMY_DATA = pathlib.Path(__file__).parent / 'dummy_data'
_TEXT_MEMBERS = (awa2.CLASSES, awa2.PREDICATES, awa2.MATRIX, *awa2.CLASS_LISTS)


def _hot(*label_ids: int) -> list[int]:
  """The multi-hot vector of 0-based predicate ids."""
  return [int(i in label_ids) for i in range(len(awa2.CLASS_NAMES))]


class Awa2Test(testing.TaskTestCase):
  """Runs on TaskBuilder's default Beam runner: the in-process FnApiRunner."""

  DATASET_CLASS = awa2.Awa2
  # 21 photos of train classes hashed 0.7/0.15/0.15 by member path; 6 of test classes are test.
  SPLITS = {'train': 16, 'dev': 2, 'dev_test': 3, 'test': 6}

  def check_labels(self, labels):
    # The fake matrix: class i has predicates i and i + 35 (antelope 0, grizzly+bear 1,
    # dalmatian 4, persian+cat 5, seal 23); mole has none.
    antelope, grizzly, dalmatian, mole = _hot(0, 35), _hot(1, 36), _hot(4, 39), _hot()
    self.assertEqual(labels, {
        'train': sorted([antelope] * 5 + [dalmatian] * 4 + [grizzly] * 4 + [mole] * 3),
        'dev': [antelope] * 2,
        'dev_test': sorted([antelope, dalmatian, mole]),
        'test': sorted([_hot(5, 40)] * 3 + [_hot(23, 58)] * 3),
    })

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    self.assertEqual(builder.info.metadata['class_names'], list(awa2.CLASS_NAMES))
    for split in self.SPLITS:  # The grayscale (train) and CMYK (test) JPEGs are RGB now.
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (8, 10, 3))


class ParseTest(absltest.TestCase):

  def test_numbered_names(self):
    text = '      1\tantelope\r\n      2\tgrizzly+bear\n\n'
    self.assertEqual(awa2.parse_numbered_names(text, 'classes.txt'),
                     ('antelope', 'grizzly+bear'))

  def test_bad_numbered_names(self):
    for text, message in (
        ('1\tantelope\n2\n', 'classes.txt line 2 is .*, not <id><TAB><name>'),
        ('1\tgrizzly bear\n', 'not <id><TAB><name>'),
        ('x\tantelope\n', 'not <id><TAB><name>'),
        ('1\tantelope\n3\tbat\n', r'line 2: id 3, expected 2'),
        ('2\tantelope\n', 'id 2, expected 1'),
        ('1\tbat\n2\tbat\n', "'bat' is listed twice"),
    ):
      with self.subTest(text), self.assertRaisesRegex(ValueError, message):
        awa2.parse_numbered_names(text, 'classes.txt')

  def test_predicates_must_be_the_known_ones(self):
    awa2.check_predicates(awa2.CLASS_NAMES)
    self.assertLen(awa2.CLASS_NAMES, 85)
    with self.assertRaisesRegex(ValueError, "predicate 2 is 'blue', not 'white'"):
      awa2.check_predicates(('black', 'blue', *awa2.CLASS_NAMES[2:]))
    with self.assertRaisesRegex(ValueError, 'lists 84 predicates instead of 85'):
      awa2.check_predicates(awa2.CLASS_NAMES[:-1])

  def test_class_list(self):
    classes = ('antelope', 'seal', 'persian+cat')
    self.assertEqual(awa2.parse_class_list('seal \n\npersian+cat\r\n', 't.txt', classes),
                     ['seal', 'persian+cat'])
    with self.assertRaisesRegex(ValueError, "t.txt line 2: 'panda' is not a class"):
      awa2.parse_class_list('seal\npanda\n', 't.txt', classes)
    with self.assertRaisesRegex(ValueError, "line 2: 'seal' is listed twice"):
      awa2.parse_class_list('seal\nseal\n', 't.txt', classes)

  def test_predicate_matrix(self):
    row = ['0'] * 85
    row[3] = row[84] = '1'
    text = ' '.join(row) + '\n' + ' '.join(['0'] * 85) + '\n'
    self.assertEqual(awa2.parse_predicate_matrix(text, 2), [(3, 84), ()])
    with self.assertRaisesRegex(ValueError, 'has 2 rows, but classes.txt lists 3'):
      awa2.parse_predicate_matrix(text, 3)
    with self.assertRaisesRegex(ValueError, 'line 1 is not 85 values 0 or 1'):
      awa2.parse_predicate_matrix(' '.join(['0'] * 84) + '\n', 1)
    with self.assertRaisesRegex(ValueError, 'line 1 is not 85 values 0 or 1'):
      awa2.parse_predicate_matrix(' '.join(['0.5'] * 85) + '\n', 1)

  def test_source_splits(self):
    self.assertEqual(
        awa2.source_splits({'trainclasses.txt': ['bat'], 'testclasses.txt': ['seal']}),
        {'bat': 'train', 'seal': 'test'})
    with self.assertRaisesRegex(ValueError, '1 class.* in both .* e.g. seal'):
      awa2.source_splits({'trainclasses.txt': ['seal'], 'testclasses.txt': ['seal']})

  def test_class_of(self):
    self.assertEqual(awa2.class_of(f'{awa2.IMAGES}/seal/seal_10001.jpg'), 'seal')
    self.assertIsNone(awa2.class_of(f'{awa2.ROOT}/licenses/seal/seal_10001.txt'))
    self.assertIsNone(awa2.class_of(f'{awa2.ROOT}/classes.txt'))
    for member in (f'{awa2.IMAGES}/seal.jpg', f'{awa2.IMAGES}/seal/x/seal_1.jpg'):
      with self.assertRaisesRegex(ValueError, 'is not .*JPEGImages/<class>/<file>'):
        awa2.class_of(member)


class ListingTest(absltest.TestCase):
  """What `_examples` lists from the fake zip, without a TFDS build."""

  def _examples(self, archive: pathlib.Path) -> list[toolkit.Example]:
    return testing.listed_examples(awa2.Awa2, {awa2.ZIP: archive},
                                   self.create_tempdir().full_path)

  def _changed_copy(self, replace=None, drop=(), add=None) -> pathlib.Path:
    """A copy of the fake zip with members replaced, dropped or added."""
    replace, add = replace or {}, add or {}
    target = pathlib.Path(self.create_tempdir().full_path) / awa2.ZIP
    with zipfile.ZipFile(_DUMMY_DATA / awa2.ZIP) as source, zipfile.ZipFile(target, 'w') as out:
      for info in source.infolist():
        if info.filename in drop:
          continue
        out.writestr(info, replace.get(info.filename, source.read(info)))
      for name, data in add.items():
        out.writestr(name, data)
    return target

  def test_lists_the_photos_as_zip_members(self):
    examples = self._examples(_DUMMY_DATA / awa2.ZIP)
    self.assertEqual([e.key for e in examples],
                     [f'{awa2.IMAGES}/{path}' for path in generation.photos()])
    first = examples[0]
    self.assertEqual((first.label, first.source_split), ([0, 35], 'train'))
    self.assertIsInstance(first.image, toolkit.archives.ZipMember)
    with zipfile.ZipFile(_DUMMY_DATA / awa2.ZIP) as archive:
      original = archive.read(first.key)
    self.assertEqual(images.encode_image(first.image, grayscale=False), original)
    by_key = {e.key.rsplit('/', 1)[1]: e for e in examples}
    self.assertEqual(by_key['mole_10001.jpg'].label, [])
    self.assertEqual((by_key['seal_10003.jpg'].label, by_key['seal_10003.jpg'].source_split),
                     ([23, 58], 'test'))

  def test_missing_label_file_stops_the_build(self):
    for name in _TEXT_MEMBERS:
      archive = self._changed_copy(drop={f'{awa2.ROOT}/{name}'})
      with self.subTest(name), self.assertRaisesRegex(
          toolkit.CorruptDataError,
          rf'\[awa2\] {awa2.ROOT}/{name} is missing. AwA2-data.zip does not have the expected '
          'content'):
        self._examples(archive)

  def test_folder_of_an_unknown_class_stops_the_build(self):
    archive = self._changed_copy(add={f'{awa2.IMAGES}/unicorn/unicorn_1.jpg': b'x'})
    with self.assertRaisesRegex(toolkit.CorruptDataError, "'unicorn' is not a class of"):
      self._examples(archive)

  def test_matrix_of_the_wrong_shape_stops_the_build(self):
    matrix = f'{awa2.ROOT}/{awa2.MATRIX}'
    with zipfile.ZipFile(_DUMMY_DATA / awa2.ZIP) as source:
      rows = source.read(matrix).decode().splitlines()
    archive = self._changed_copy(replace={matrix: '\n'.join(rows[:-1]).encode()})
    with self.assertRaisesRegex(toolkit.CorruptDataError, 'has 49 rows, but classes.txt lists 50'):
      self._examples(archive)

  def test_unexpected_predicates_stop_the_build(self):
    names = ['white', 'black', *awa2.CLASS_NAMES[2:]]
    text = ''.join(f'{i}\t{name}\n' for i, name in enumerate(names, 1)).encode()
    archive = self._changed_copy(replace={f'{awa2.ROOT}/{awa2.PREDICATES}': text})
    with self.assertRaisesRegex(toolkit.CorruptDataError, "predicate 1 is 'white'"):
      self._examples(archive)

  def test_not_a_zip_stops_the_build(self):
    archive = pathlib.Path(self.create_tempdir().full_path) / awa2.ZIP
    archive.write_bytes(b'<html>not a zip</html>')
    with self.assertRaisesRegex(toolkit.archives.CorruptArchiveError, 'not a readable zip'):
      self._examples(archive)


if __name__ == '__main__':
  absltest.main()
