"""chars74k on fake English{Fnt,Hnd,Img}.tgz (see dummy_data_generation.py)."""

import pathlib

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.chars74k import chars74k

_DUMMY_DATA = pathlib.Path(__file__).parent / 'dummy_data'
_ZERO, _A, _SMALL_A, _SMALL_Z = 0, 10, 36, 61  # Sample001, 011, 037, 062.


class Chars74kTest(testing.TaskTestCase):
  DATASET_CLASS = chars74k.Chars74k
  # 34 PNGs (18 font, 7 handwritten, 9 photo), 3 repeats dropped: 31, split by member path.
  SPLITS = {'train': 16, 'dev': 4, 'dev_test': 4, 'test': 7}

  def check_labels(self, labels):
    self.assertEqual(labels['train'], [_ZERO] * 3 + [_A] * 5 + [_SMALL_A] * 6 + [_SMALL_Z] * 2)
    self.assertEqual(labels['dev'], [_ZERO, _A, _SMALL_A, _SMALL_Z])
    self.assertEqual(labels['dev_test'], [_ZERO, _ZERO, _A, _SMALL_Z])
    self.assertEqual(labels['test'], [_ZERO, _ZERO, _A, _A, _SMALL_A, _SMALL_Z, _SMALL_Z])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for example in tfds.as_numpy(builder.as_dataset(split='test')):
      self.assertEqual(example['image'].shape, (8, 8, 3))  # RGB, grayscale fonts included.
      self.assertEqual(example['image'].dtype, np.uint8)


class LabelOfTest(absltest.TestCase):

  def test_sample_folder_is_the_label(self):
    self.assertEqual(chars74k.FNT.label_of('English/Fnt/Sample001/img001-00001.png'), 0)
    self.assertEqual(chars74k.HND.label_of('English/Hnd/Img/Sample011/img011-055.png'), 10)
    self.assertEqual(chars74k.IMG.label_of('English/Img/GoodImg/Bmp/Sample037/img037-00190.png'),
                     36)
    self.assertEqual(chars74k.IMG.label_of('English/Img/BadImag/Bmp/Sample062/img062-00001.png'),
                     61)

  def test_class_names_in_sample_order(self):
    self.assertLen(chars74k.CLASS_NAMES, 62)
    self.assertEqual(''.join(chars74k.CLASS_NAMES[:11]), '0123456789A')
    self.assertEqual(chars74k.CLASS_NAMES[36], 'a')
    self.assertEqual(chars74k.CLASS_NAMES[61], 'z')

  def test_masks_and_trajectories_are_not_images(self):
    self.assertIsNone(chars74k.IMG.label_of('English/Img/GoodImg/Msk/Sample001/img001-00001.png'))
    self.assertIsNone(chars74k.IMG.label_of('English/Img/BadImag/Msk/Sample001/img001-00001.png'))
    self.assertIsNone(chars74k.HND.label_of('English/Hnd/Trj/Sample001/img001-001.png'))

  def test_outside_the_layout(self):
    for category, member in (
        (chars74k.FNT, 'English/Fnt/img001-00001.png'),
        (chars74k.FNT, 'English/Fnt/Sample01/img001-00001.png'),
        (chars74k.FNT, 'English/Hnd/Img/Sample001/img001-001.png'),
        (chars74k.FNT, 'English/Fnt/Sample001/x/img001-00001.png'),
        (chars74k.HND, 'English/Hnd/Sample001/img001-001.png'),
        (chars74k.IMG, 'English/Img/GoodImg/Sample001/img001-00001.png'),
        (chars74k.IMG, 'English/Img/OkImg/Bmp/Sample001/img001-00001.png'),
    ):
      with self.assertRaisesRegex(ValueError, 'is not an image of the layout'):
        category.label_of(member)
    for member in ('English/Fnt/Sample000/img000-00001.png', 'English/Fnt/Sample063/a.png'):
      with self.assertRaisesRegex(ValueError, 'is not Sample001-Sample062'):
        chars74k.FNT.label_of(member)


class ListingTest(absltest.TestCase):
  """What `_examples` lists from the fake archives, extracted, without a TFDS build."""

  def _examples(self, extra_png: str | None = None) -> list[toolkit.Example]:
    sources = {path.name: testing.extracted_tar(path, self.create_tempdir().full_path)
               for path in _DUMMY_DATA.glob('*.tgz')}
    if extra_png:
      (sources['EnglishFnt.tgz'] / extra_png).parent.mkdir(parents=True, exist_ok=True)
      (sources['EnglishFnt.tgz'] / extra_png).write_bytes(b'')
    return testing.listed_examples(chars74k.Chars74k, sources, self.create_tempdir().full_path)

  def test_repeats_dropped_first_by_path_kept(self):
    examples = self._examples()
    keys = [e.key for e in examples]
    self.assertLen(keys, 31)
    self.assertEqual(keys, sorted(keys))
    for dropped in ('English/Fnt/Sample001/img001-00005.png',  # Same file as ...-00001.
                    'English/Hnd/Img/Sample037/img037-003.png',  # A font's pixels, in RGB.
                    'English/Img/GoodImg/Bmp/Sample062/img062-00003.png'):
      self.assertNotIn(dropped, keys)
    # The same pixels as a Sample001 font, but another label: kept.
    self.assertIn('English/Fnt/Sample011/img011-00005.png', keys)
    self.assertIn('English/Fnt/Sample001/img001-00001.png', keys)
    self.assertFalse([k for k in keys if '/Msk/' in k or '/Trj/' in k])
    self.assertTrue(all(e.source_split is None for e in examples))

  def test_png_outside_the_layout_stops_the_build(self):
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r"\[chars74k\] 'English/Fnt/Extra/a.png' is not an image .* "
                                'EnglishFnt.tgz does not have the expected content'):
      self._examples('English/Fnt/Extra/a.png')


if __name__ == '__main__':
  absltest.main()
