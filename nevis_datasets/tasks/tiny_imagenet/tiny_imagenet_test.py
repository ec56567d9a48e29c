"""tiny_imagenet on a fake tiny-imagenet-200.zip (see dummy_data_generation.py), through Beam."""

import pathlib
import zipfile

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.tiny_imagenet import dummy_data_generation as generation
from nevis_datasets.tasks.tiny_imagenet import tiny_imagenet

_DUMMY_ZIP = pathlib.Path(__file__).parent / 'dummy_data' / tiny_imagenet.ARCHIVE
_ROOT = tiny_imagenet.ROOT


class TinyImagenetTest(testing.TaskTestCase):
  """Runs on TaskBuilder's default Beam runner: the in-process FnApiRunner."""

  DATASET_CLASS = tiny_imagenet.TinyImagenet
  # 21 train images hashed 0.7/0.15/0.15; the 6 annotated val images are test; the 2 test/
  # images (unlabelled) are not used.
  SPLITS = {'train': 16, 'dev': 3, 'dev_test': 2, 'test': 6}

  def check_labels(self, labels):
    # Sorted wnids: n01443537 0, n02124075 32, n12267677 199.
    self.assertEqual(labels['train'], [0] * 6 + [32] * 7 + [199] * 3)
    self.assertEqual(labels['dev'], [199] * 3)  # n12267677_{0,1,2}
    self.assertEqual(labels['dev_test'], [0, 199])  # n01443537_6, n12267677_4
    self.assertEqual(labels['test'], [0, 0, 32, 199, 199, 199])  # From val_annotations.txt.

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    self.assertEqual(builder.info.features['label'].names, list(tiny_imagenet.CLASS_NAMES))
    for split in self.SPLITS:  # The grayscale JPEGs (train, test) are stored as RGB.
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (8, 8, 3))


class ParsingTest(absltest.TestCase):

  def test_class_names_are_the_sorted_200_wnids(self):
    self.assertLen(set(tiny_imagenet.CLASS_NAMES), 200)
    self.assertEqual(list(tiny_imagenet.CLASS_NAMES), sorted(tiny_imagenet.CLASS_NAMES))
    self.assertEqual(tiny_imagenet.CLASS_NAMES[0], 'n01443537')
    self.assertEqual(tiny_imagenet.CLASS_NAMES.index('n02124075'), 32)
    self.assertEqual(tiny_imagenet.CLASS_NAMES[-1], 'n12267677')

  def test_check_wnids(self):
    names = list(reversed(tiny_imagenet.CLASS_NAMES))
    tiny_imagenet.check_wnids('\r\n'.join(names) + '\r\n\r\n')
    for text, message in (
        ('\n'.join(names[1:]), r'lacks 1 of the 200 classes, e.g. n12267677'),
        ('\n'.join(names + ['n00000001']), r"line 201: 'n00000001' is not one of the 200"),
        ('\n'.join(names + names[:1]), r'line 201: n12267677 is listed twice'),
    ):
      with self.assertRaisesRegex(ValueError, message):
        tiny_imagenet.check_wnids(text)

  def test_parse_val_annotations(self):
    text = 'val_0.JPEG\tn01443537\t0\t1\t62\t63\r\n\r\nval_1.JPEG\tn12267677\n'
    self.assertEqual(tiny_imagenet.parse_val_annotations(text),
                     {'val_0.JPEG': 'n01443537', 'val_1.JPEG': 'n12267677'})
    for text, message in (
        ('val_0.JPEG n01443537 0 1 62 63\n', r'line 1 is not <file>\\t<wnid>'),
        ('\tn01443537\n', r'line 1 is not <file>'),
        ('val_0.JPEG\tn01443537\nval_1.JPEG\tn99999999\n', r"line 2: 'n99999999' is not one"),
        ('val_0.JPEG\tn01443537\nval_0.JPEG\tn01443537\n', r'line 2: val_0.JPEG is listed twice'),
    ):
      with self.assertRaisesRegex(ValueError, message):
        tiny_imagenet.parse_val_annotations(text)

  def test_image_of(self):
    image_of = tiny_imagenet.image_of
    self.assertEqual(image_of(f'{_ROOT}train/n01443537/images/n01443537_12.JPEG'),
                     ('train', 'n01443537'))
    self.assertEqual(image_of(f'{_ROOT}val/images/val_9.JPEG'), ('test', 'val_9.JPEG'))
    for unused in ('wnids.txt', 'words.txt', 'train/n01443537/n01443537_boxes.txt',
                   'val/val_annotations.txt', 'test/images/test_0.JPEG', 'README.md'):
      self.assertIsNone(image_of(_ROOT + unused), unused)
    for member, message in (
        ('other/train/n01443537/images/n01443537_1.JPEG', 'is outside tiny-imagenet-200/'),
        (f'{_ROOT}train/n01443537/images/n01629819_1.JPEG', 'is not train/<wnid>/images'),
        (f'{_ROOT}train/n00000001/images/n00000001_1.JPEG', 'is not train/<wnid>/images'),
        (f'{_ROOT}train/n01443537/n01443537_1.JPEG', 'is not train/<wnid>/images'),
        (f'{_ROOT}train/n01443537/images/n01443537_1.png', 'is not train/<wnid>/images'),
        (f'{_ROOT}val/val_0.JPEG', r'is not val/images/<file>.JPEG'),
        (f'{_ROOT}val/images/sub/val_0.JPEG', r'is not val/images/<file>.JPEG'),
    ):
      with self.assertRaisesRegex(ValueError, message):
        image_of(member)


class ListingTest(absltest.TestCase):
  """What `_examples` lists from the fake zip, without a TFDS build."""

  def _examples(self, archive: pathlib.Path = _DUMMY_ZIP) -> list[toolkit.Example]:
    return testing.listed_examples(tiny_imagenet.TinyImagenet,
                                   {tiny_imagenet.ARCHIVE: archive}, self.create_tempdir())

  def _changed(self, replace: dict[str, bytes | None]) -> pathlib.Path:
    """A copy of the fake zip with the members of `replace` replaced (None: left out)."""
    path = pathlib.Path(self.create_tempdir().full_path) / tiny_imagenet.ARCHIVE
    with zipfile.ZipFile(_DUMMY_ZIP) as source, zipfile.ZipFile(path, 'w') as target:
      for info in source.infolist():
        if info.filename not in replace:
          target.writestr(info, source.read(info))
      for name, data in replace.items():
        if data is not None:
          target.writestr(name, data)
    return path

  def test_lists_train_and_val_images_as_zip_members(self):
    examples = self._examples()
    self.assertLen(examples, 27)  # 21 train + 6 val; test/ images and text files not used.
    self.assertEqual([e.source_split for e in examples], ['train'] * 21 + ['test'] * 6)
    self.assertTrue(all(isinstance(e.image, toolkit.archives.ZipMember) for e in examples))
    self.assertTrue(all(e.key == e.image.name for e in examples))
    self.assertNotIn('test/images', ' '.join(e.key for e in examples))
    labels = {e.key.removeprefix(_ROOT): e.label for e in examples}
    self.assertEqual(labels['train/n12267677/images/n12267677_6.JPEG'], 'n12267677')
    self.assertEqual({name: labels[f'val/images/{name}'] for name in generation.VAL_LABELS},
                     generation.VAL_LABELS)

  def test_rgb_jpegs_pass_through_and_grayscale_ones_become_rgb(self):
    examples = {e.key.removeprefix(_ROOT): e for e in self._examples()}
    rgb = 'train/n01443537/images/n01443537_0.JPEG'
    with zipfile.ZipFile(_DUMMY_ZIP) as archive:
      original = archive.read(_ROOT + rgb)
    self.assertEqual(toolkit.images.encode_image(examples[rgb].image, grayscale=False), original)
    for gray in (generation.GRAY_TRAIN, generation.GRAY_VAL):
      encoded = toolkit.images.encode_image(examples[gray].image, grayscale=False)
      self.assertTrue(encoded.startswith(b'\x89PNG'))
      pixels = toolkit.images.decoded_pixels(examples[gray].image, grayscale=False)
      self.assertEqual(pixels.shape, (8, 8, 3))
      np.testing.assert_array_equal(pixels[..., 0], pixels[..., 2])

  def test_missing_list_stops_the_build(self):
    for name in (tiny_imagenet.WNIDS, tiny_imagenet.VAL_ANNOTATIONS):
      with self.assertRaisesRegex(toolkit.CorruptDataError,
                                  rf'\[tiny_imagenet\] {name} is missing. tiny-imagenet-200.zip '
                                  'does not have the expected content'):
        self._examples(self._changed({name: None}))

  def test_wnids_txt_of_other_classes_stops_the_build(self):
    archive = self._changed({tiny_imagenet.WNIDS: b'n01443537\nn02124075\n'})
    with self.assertRaisesRegex(toolkit.CorruptDataError, 'wnids.txt lacks 198 of the 200'):
      self._examples(archive)

  def test_val_image_without_annotation_stops_the_build(self):
    archive = self._changed({f'{_ROOT}val/images/val_6.JPEG': b'not read'})
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                'val_6.JPEG has no line in val_annotations.txt'):
      self._examples(archive)

  def test_member_outside_the_layout_stops_the_build(self):
    archive = self._changed({f'{_ROOT}train/n01443537/images/n02124075_9.JPEG': b'not read'})
    with self.assertRaisesRegex(toolkit.CorruptDataError, r"n02124075_9.JPEG' is not train/"):
      self._examples(archive)

  def test_annotated_val_images_missing_from_the_zip(self):
    # One of 6 is tolerated (at least one may be) and left out ...
    examples = self._examples(self._changed({f'{_ROOT}val/images/val_1.JPEG': None}))
    self.assertLen([e for e in examples if e.source_split == 'test'], 5)
    # ... two are not.
    archive = self._changed({f'{_ROOT}val/images/val_1.JPEG': None,
                             f'{_ROOT}val/images/val_2.JPEG': None})
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'2 of the 6 images listed in val_annotations.txt are missing '
                                r'from tiny-imagenet-200.zip'):
      self._examples(archive)


if __name__ == '__main__':
  absltest.main()
