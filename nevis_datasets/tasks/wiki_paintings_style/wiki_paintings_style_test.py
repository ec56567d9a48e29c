"""wiki_paintings_style on fake WikiArt zips (see dummy_data_generation.py), through Beam."""

import pathlib
import shutil
import zipfile

from absl.testing import absltest
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.wiki_paintings_style import dummy_data_generation as generation
from nevis_datasets.tasks.wiki_paintings_style import wiki_paintings_style as wiki
from nevis_datasets.toolkit import images

_DUMMY_DATA = pathlib.Path(__file__).parent / 'dummy_data'
_MISSING = f'{wiki.IMAGE_ROOT}/{generation.MISSING}'


class WikiPaintingsStyleTest(testing.TaskTestCase):
  """Runs on TaskBuilder's default Beam runner: the in-process FnApiRunner."""

  DATASET_CLASS = wiki.WikiPaintingsStyle
  # 23 style_train rows hashed 0.7/0.15/0.15 (14/1/8), less the one image the zip lacks
  # (dev_test); 6 style_val rows are test.
  SPLITS = {'train': 14, 'dev': 1, 'dev_test': 7, 'test': 6}

  def check_labels(self, labels):
    # Abstract_Expressionism 0, Baroque 4, Impressionism 12, Pop_Art 19, Ukiyo_e 26.
    self.assertEqual(labels['train'], [0, 0, 0, 0, 4, 4, 4, 12, 12, 12, 19, 19, 26, 26])
    self.assertEqual(labels['dev'], [26])
    # With the first style_train row (Impressionism, non-ASCII name), which the reference lost.
    self.assertEqual(labels['dev_test'], [4, 12, 12, 19, 19, 26, 26])
    self.assertEqual(labels['test'], [0, 0, 4, 12, 19, 26])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    skipped = builder.info.metadata['skipped_images']
    self.assertEqual(skipped['dev_test']['keys'], [_MISSING])
    self.assertEqual(sum(s['count'] for s in skipped.values()), 1)
    for split in self.SPLITS:  # The grayscale JPEG (train) is converted to RGB.
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (8, 10, 3))


class ParseStyleCsvTest(absltest.TestCase):

  def test_keeps_the_first_row(self):  # The files have no header.
    text = '\ufeffBaroque/a_b-1.jpg,4\r\nUkiyo_e/c.jpg,26\r\n\r\n'
    self.assertEqual(wiki.parse_style_csv(text, 's.csv'),
                     [('Baroque/a_b-1.jpg', 4), ('Ukiyo_e/c.jpg', 26)])

  def test_quoted_comma(self):
    self.assertEqual(wiki.parse_style_csv('"Ukiyo_e/c,d.jpg",26\n', 's.csv'),
                     [('Ukiyo_e/c,d.jpg', 26)])
    with self.assertRaisesRegex(ValueError, 'line 1: 3 fields'):
      wiki.parse_style_csv('Ukiyo_e/c,d.jpg,26\n', 's.csv')

  def test_bad_rows(self):
    for text, message in (
        ('Baroque/a.jpg\n', 's.csv line 1: 1 fields, expected 2'),
        ('Baroque/a.jpg,4,1\n', 'line 1: 3 fields'),
        ('Baroque/a.jpg,27\n', "class id '27' is not a number in 0..26"),
        ('Baroque/a.jpg,-1\n', "class id '-1'"),
        ('Baroque/a.jpg,Baroque\n', "class id 'Baroque'"),
        ('/Baroque/a.jpg,4\n', 'not a relative image path'),
        ('../a.jpg,4\n', 'not a relative image path'),
        ('Baroque//a.jpg,4\n', 'not a relative image path'),
        (',4\n', 'not a relative image path'),
        ('Baroque/a.jpg,4\nBaroque/b.jpg,4\nBaroque/a.jpg,4\n', 'line 3: Baroque/a.jpg is listed'),
    ):
      with self.assertRaisesRegex(ValueError, message):
        wiki.parse_style_csv(text, 's.csv')

  def test_class_names_are_the_source_order(self):
    self.assertLen(wiki.CLASS_NAMES, 27)
    self.assertEqual(wiki.CLASS_NAMES.index('Abstract_Expressionism'), 0)
    self.assertEqual(wiki.CLASS_NAMES.index('Impressionism'), 12)
    self.assertEqual(wiki.CLASS_NAMES.index('Ukiyo_e'), 26)


class ListingTest(absltest.TestCase):
  """What `_examples` lists from the fake downloads, without a TFDS build."""

  def _examples(self, data: pathlib.Path) -> list[toolkit.Example]:
    return testing.listed_examples(
        wiki.WikiPaintingsStyle,
        {name: data / name for name in (wiki.IMAGES_ZIP, wiki.CSV_ZIP)},
        self.create_tempdir().full_path)

  def _data_copy(self) -> pathlib.Path:
    data = pathlib.Path(self.create_tempdir().full_path)
    shutil.copytree(_DUMMY_DATA, data, dirs_exist_ok=True)
    return data

  def test_lists_every_csv_row_as_a_zip_member(self):
    examples = self._examples(_DUMMY_DATA)
    self.assertLen(examples, 29)  # 23 + 6 rows; the unlisted painting is not an example.
    first = examples[0]
    self.assertEqual(first.key, f'{wiki.IMAGE_ROOT}/{generation.NON_ASCII}')
    self.assertEqual((first.label, first.source_split), (12, 'train'))
    self.assertIsInstance(first.image, toolkit.archives.ZipMember)
    with zipfile.ZipFile(_DUMMY_DATA / wiki.IMAGES_ZIP) as archive:
      original = archive.read(first.key)
    self.assertEqual(images.encode_image(first.image, grayscale=False), original)
    self.assertEqual([e.source_split for e in examples], ['train'] * 23 + ['test'] * 6)
    self.assertNotIn(f'{wiki.IMAGE_ROOT}/{generation.UNLISTED}', [e.key for e in examples])

  def test_image_missing_from_the_zip_is_listed_and_fails_to_encode(self):
    (missing,) = [e for e in self._examples(_DUMMY_DATA) if e.key == _MISSING]
    with self.assertRaisesRegex(images.CorruptImageError, 'KeyError'):
      images.encode_image(missing.image, grayscale=False)

  def test_csv_missing_from_the_zip_stops_the_build(self):
    data = self._data_copy()
    with zipfile.ZipFile(data / wiki.CSV_ZIP, 'w') as archive:
      archive.writestr('style_train.csv', 'Baroque/a.jpg,4\n')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[wiki_paintings_style\] style_val.csv is missing. '
                                r'wikiart_csv.zip does not have the expected content'):
      self._examples(data)

  def test_bad_class_id_stops_the_build(self):
    data = self._data_copy()
    with zipfile.ZipFile(data / wiki.CSV_ZIP, 'w') as archive:
      archive.writestr('style_train.csv', 'Baroque/a.jpg,4\n')
      archive.writestr('style_val.csv', 'Baroque/b.jpg,40\n')
    with self.assertRaisesRegex(toolkit.CorruptDataError, 'style_val.csv line 1: class id'):
      self._examples(data)


if __name__ == '__main__':
  absltest.main()
