"""food101n on a fake Food-101N_release.zip (see dummy_data_generation.py), through Beam."""

import pathlib
import zipfile

from absl.testing import absltest
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.food101 import food101
from nevis_datasets.tasks.food101n import dummy_data_generation as generation
from nevis_datasets.tasks.food101n import food101n
from nevis_datasets.toolkit import images

_DUMMY_DATA = pathlib.Path(__file__).parent / 'dummy_data'
_HEADER = 'class_name/key\tverification_label\n'


class Food101nTest(testing.TaskTestCase):
  """Runs on TaskBuilder's default Beam runner: the in-process FnApiRunner."""

  DATASET_CLASS = food101n.Food101n
  # 20 verified_train images (one row repeated, one image missing from the zip and tolerated)
  # hashed 0.7/0.15/0.15 by member path; 8 verified_val images are test. The 8 images of
  # imagelist.tsv alone are not used.
  SPLITS = {'train': 13, 'dev': 3, 'dev_test': 4, 'test': 8}

  def check_labels(self, labels):
    # apple_pie 0, cheese_plate 16 (sorted: before cheesecake), cheesecake 17, waffles 100;
    # verification labels 0 do not matter.
    self.assertEqual(labels, {
        'train': [0, 0, 16, 16, 16, 16, 17, 17, 17, 17, 100, 100, 100],
        'dev': [0, 0, 100],
        'dev_test': [0, 16, 17, 100],
        'test': [0, 0, 16, 16, 17, 17, 100, 100],
    })

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for split in self.SPLITS:  # Grayscale, CMYK and PNG-named-.jpg images: all RGB now.
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (8, 10, 3))


class ParseTest(absltest.TestCase):

  def test_class_names_are_food101s_sorted_names(self):
    self.assertLen(food101n.CLASS_NAMES, 101)
    self.assertEqual(list(food101n.CLASS_NAMES), sorted(set(food101n.CLASS_NAMES)))
    self.assertEqual(food101n.CLASS_NAMES, food101.Food101.CLASS_NAMES)
    self.assertEqual(food101n.CLASS_NAMES.index('cheese_plate'), 16)

  def test_verified_list(self):
    text = ('\ufeff' + _HEADER + 'waffles/a.jpg\t1\r\napple_pie/b c.jpg\t0\n\n'
            'waffles/a.jpg\t1\n')
    self.assertEqual(food101n.parse_verified_list(text, 'v.tsv'),
                     ['waffles/a.jpg', 'apple_pie/b c.jpg'])
    self.assertEqual(food101n.parse_verified_list(_HEADER, 'v.tsv'), [])

  def test_bad_verified_lists(self):
    for text, message in (
        ('', 'v.tsv does not start with the header'),
        ('waffles/a.jpg\t1\n', 'does not start with the header'),
        ('class_name/key\n', 'does not start with the header'),
        (_HEADER + 'waffles/a.jpg\n', 'v.tsv line 2: 1 fields, expected 2'),
        (_HEADER + 'waffles/a.jpg\t1\t1\n', 'line 2: 3 fields'),
        (_HEADER + 'waffles/a.jpg\tyes\n', "verification label 'yes' is not 0 or 1"),
        (_HEADER + 'waffles/a.jpg\t\n', "verification label '' is not 0 or 1"),
        (_HEADER + 'pizzas/a.jpg\t1\n', "'pizzas' is not one of the 101 classes"),
        (_HEADER + 'waffles\t1\n', "'waffles' is not <class>/<file>"),
        (_HEADER + 'waffles/x/a.jpg\t1\n', 'is not <class>/<file>'),
        (_HEADER + 'waffles/\t1\n', 'is not <class>/<file>'),
    ):
      with self.subTest(text), self.assertRaisesRegex(ValueError, message):
        food101n.parse_verified_list(text, 'v.tsv')

  def test_image_in_both_lists_is_an_error(self):
    with self.assertRaisesRegex(ValueError, '1 image.* in both .* e.g. waffles/a.jpg'):
      food101n.source_splits({'verified_train.tsv': ['waffles/a.jpg', 'pho/b.jpg'],
                              'verified_val.tsv': ['waffles/a.jpg']})
    self.assertEqual(food101n.source_splits({'verified_train.tsv': ['pho/b.jpg'],
                                             'verified_val.tsv': ['waffles/a.jpg']}),
                     {'pho/b.jpg': 'train', 'waffles/a.jpg': 'test'})


class ListingTest(absltest.TestCase):
  """What `_examples` lists from the fake zip, without a TFDS build."""

  def _examples(self, archive: pathlib.Path) -> list[toolkit.Example]:
    return testing.listed_examples(food101n.Food101n, {food101n.ZIP: archive},
                                   self.create_tempdir().full_path)

  def _changed_copy(self, replace=None, drop=()) -> pathlib.Path:
    """A copy of the fake zip with members replaced or dropped."""
    replace = replace or {}
    target = pathlib.Path(self.create_tempdir().full_path) / food101n.ZIP
    with zipfile.ZipFile(_DUMMY_DATA / food101n.ZIP) as source, \
        zipfile.ZipFile(target, 'w') as out:
      for info in source.infolist():
        if info.filename not in drop:
          out.writestr(info, replace.get(info.filename, source.read(info)))
    return target

  def test_lists_the_verified_images_as_zip_members(self):
    examples = self._examples(_DUMMY_DATA / food101n.ZIP)
    listed = {name: [path for path, _ in dict.fromkeys(rows) if path != generation.MISSING]
              for name, rows in generation.rows().items()}
    self.assertEqual([e.key for e in examples],
                     [f'{food101n.IMAGES}/{path}' for name in food101n.LISTS
                      for path in listed[name]])
    self.assertEqual([e.source_split for e in examples], ['train'] * 20 + ['test'] * 8)
    first = examples[0]
    self.assertEqual(first.key, f'{food101n.IMAGES}/{generation.GRAYSCALE}')
    self.assertEqual(first.label, 'apple_pie')
    self.assertIsInstance(first.image, toolkit.archives.ZipMember)
    with zipfile.ZipFile(_DUMMY_DATA / food101n.ZIP) as archive:
      original = archive.read(examples[1].key)
    self.assertEqual(images.encode_image(examples[1].image, grayscale=False), original)

  def test_missing_list_stops_the_build(self):
    for name in food101n.LISTS:
      archive = self._changed_copy(drop={f'{food101n.META}/{name}'})
      with self.subTest(name), self.assertRaisesRegex(
          toolkit.CorruptDataError,
          rf'\[food101n\] {food101n.META}/{name} is missing. {food101n.ZIP} does not have the '
          'expected content'):
        self._examples(archive)

  def test_more_missing_images_stop_the_build(self):
    dropped = f'{food101n.IMAGES}/{generation.rows()["verified_val.tsv"][0][0]}'
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                '2 of the 29 images listed in .* are missing from '
                                'Food-101N_release.zip'):
      self._examples(self._changed_copy(drop={dropped}))

  def test_bad_row_stops_the_build(self):
    member = f'{food101n.META}/verified_val.tsv'
    archive = self._changed_copy(replace={member: (_HEADER + 'pizzas/a.jpg\t1\n').encode()})
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                "verified_val.tsv line 2: 'pizzas/a.jpg': 'pizzas' is not"):
      self._examples(archive)


if __name__ == '__main__':
  absltest.main()
