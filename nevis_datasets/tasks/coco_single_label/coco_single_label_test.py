"""coco_single_label on fake COCO 2017 zips (see dummy_data_generation.py), through Beam."""

import io
import json
import pathlib
import shutil
import zipfile

from absl.testing import absltest
import numpy as np
from PIL import Image
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.coco_single_label import coco_single_label as coco
from nevis_datasets.tasks.coco_single_label import dummy_data_generation as generation
from nevis_datasets.toolkit import images

_DUMMY_DATA = pathlib.Path(__file__).parent / 'dummy_data'
_ZIPS = ('train2017.zip', 'val2017.zip', coco.ANNOTATIONS_ZIP)


def _instances(**changes) -> dict:
  """A small valid instances JSON, with `changes` to its top-level entries."""
  instances = {
      'images': [{'id': 7, 'file_name': '000000000007.jpg', 'width': 40, 'height': 30}],
      'annotations': [{'id': 70, 'image_id': 7, 'category_id': 90, 'bbox': [1, 2.5, 20, 16],
                       'iscrowd': 0, 'segmentation': [[1, 2, 3, 4, 5, 6]]}],
      'categories': [{'supercategory': 'indoor', 'id': 90, 'name': 'toothbrush'}],
  }
  instances.update(changes)
  return instances


class CocoSingleLabelTest(testing.TaskTestCase):
  """Runs on TaskBuilder's default Beam runner: the in-process FnApiRunner."""

  DATASET_CLASS = coco.CocoSingleLabel
  # 28 train annotations of 16x16 or more (2 smaller left out) hashed 0.7/0.15/0.15 into
  # 20/2/6, less the one whose image the zip lacks (train); 4 of 5 val annotations are test.
  SPLITS = {'train': 19, 'dev': 2, 'dev_test': 6, 'test': 4}

  def check_labels(self, labels):
    # category_id - 1: person 0, car 2, dog 17, bottle 43, chair 61, toothbrush 89.
    self.assertEqual(labels['train'], [0, 0, 2, 2, 17, 17, 17, 43, 43, 43, 61, 61, 61, 61,
                                       89, 89, 89, 89, 89])  # With the crowd (904, person).
    self.assertEqual(labels['dev'], [0, 2])
    self.assertEqual(labels['dev_test'], [0, 0, 0, 2, 17, 43])
    self.assertEqual(labels['test'], [0, 2, 17, 61])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    skipped = builder.info.metadata['skipped_images']
    self.assertEqual(skipped['train']['keys'], ['905'])  # Its image is not in the zip.
    self.assertEqual(sum(s['count'] for s in skipped.values()), 1)
    shapes = sorted(example['image'].shape
                    for example in tfds.as_numpy(builder.as_dataset(split='test')))
    # Boxes (0, 2, 18, 18), (19, 9, 40, 29), (9, 9, 32, 26), (19, 2, 39, 24).
    self.assertEqual(shapes, [(16, 18, 3), (17, 23, 3), (20, 21, 3), (22, 20, 3)])


class CropBoxTest(absltest.TestCase):

  def test_rounds_as_pil_rounds_the_reference_float_box(self):
    self.assertEqual(coco.crop_box((2.5, 3.5, 20.0, 16.0), 40, 30), (2, 4, 22, 20))
    self.assertEqual(coco.crop_box((0.5, 1.5, 17.5, 16.5), 40, 30), (0, 2, 18, 18))
    self.assertEqual(coco.crop_box((1.49, 1.51, 16.0, 16.0), 40, 30), (1, 2, 17, 18))
    pixels = np.random.default_rng(0).integers(0, 256, (30, 40, 3), dtype=np.uint8)
    image = Image.fromarray(pixels)
    for bbox in ((2.5, 3.5, 20.0, 16.0), (0.5, 1.5, 17.5, 16.5), (7.3, 2.61, 16.2, 20.49)):
      x, y, w, h = bbox
      reference = image.crop((x, y, min(40, x + w), min(30, y + h)))  # The reference's crop.
      ours = image.crop(coco.crop_box(bbox, 40, 30))
      np.testing.assert_array_equal(np.asarray(ours), np.asarray(reference))

  def test_clips_to_the_image(self):
    self.assertEqual(coco.crop_box((30.0, 20.0, 20.0, 16.0), 40, 30), (30, 20, 40, 30))
    self.assertEqual(coco.crop_box((0, 0, 40, 30), 40, 30), (0, 0, 40, 30))

  def test_small_boxes_are_left_out(self):
    self.assertIsNone(coco.crop_box((1.0, 1.0, 15.99, 20.0), 40, 30))
    self.assertIsNone(coco.crop_box((1.0, 1.0, 20.0, 15.0), 40, 30))
    self.assertEqual(coco.crop_box((1.0, 1.0, 16.0, 16.0), 40, 30), (1, 1, 17, 17))

  def test_empty_crop_is_an_error(self):
    with self.assertRaisesRegex(ValueError, r'leaves nothing of a 40x30 image'):
      coco.crop_box((40.0, 2.0, 20.0, 20.0), 40, 30)
    with self.assertRaisesRegex(ValueError, 'leaves nothing'):
      coco.crop_box((39.7, 2.0, 20.0, 20.0), 40, 30)  # Rounds to (40, 2, 40, 22).


class ParseInstancesTest(absltest.TestCase):

  def test_keeps_ids_boxes_and_sizes(self):
    instances = coco.parse_instances(json.dumps(_instances()).encode(), 'i.json')
    self.assertEqual(instances.images, {7: coco.Image(7, '000000000007.jpg', 40, 30)})
    self.assertEqual(instances.annotations, [coco.Annotation(70, 7, 90, (1, 2.5, 20, 16))])

  def test_class_names(self):
    self.assertLen(coco.CATEGORIES, 80)
    self.assertLen(coco.CLASS_NAMES, 90)
    self.assertEqual(coco.CLASS_NAMES[0], 'person')
    self.assertEqual(coco.CLASS_NAMES[11], 'unused_12')
    self.assertEqual(coco.CLASS_NAMES[89], 'toothbrush')
    self.assertEqual([n for n in coco.CLASS_NAMES if n.startswith('unused_')],
                     [f'unused_{i}' for i in (12, 26, 29, 30, 45, 66, 68, 69, 71, 83)])

  def test_bad_instances(self):
    image = _instances()['images'][0]
    annotation = _instances()['annotations'][0]
    for data, message in (
        (b'{"images": [', 'i.json is not valid JSON'),
        (json.dumps({'images': []}).encode(), 'no images, annotations and categories'),
        (json.dumps(_instances(images=[image, image])).encode(), 'image id 7 is listed twice'),
        (json.dumps(_instances(images=[{**image, 'width': 0}])).encode(), 'positive sizes'),
        (json.dumps(_instances(images=[{**image, 'id': '7'}])).encode(), 'without an id'),
        (json.dumps(_instances(annotations=[{**annotation, 'bbox': [1, 2, 3]}])).encode(),
         'bbox of 4 numbers'),
        (json.dumps(_instances(annotations=[{**annotation, 'bbox': [1, 2, 3, None]}])).encode(),
         'bbox of 4 numbers'),
        (json.dumps(_instances(annotations=[{**annotation, 'id': None}])).encode(),
         'without an id'),
        (json.dumps(_instances(annotations=[{**annotation, 'image_id': 8}])).encode(),
         'annotation 70 is of image 8, which is not listed'),
        (json.dumps(_instances(annotations=[{**annotation, 'category_id': 1}])).encode(),
         'annotation 70 has category 1, which is not listed'),
        (json.dumps(_instances(categories=[{'id': 90, 'name': 'hair brush'}])).encode(),
         "category 90 is 'hair brush', not COCO's 'toothbrush'"),
        (json.dumps(_instances(categories=[{'id': 12, 'name': 'street sign'}])).encode(),
         "category 12 is 'street sign', not COCO's None"),
    ):
      with self.assertRaisesRegex(ValueError, message):
        coco.parse_instances(data, 'i.json')


class ListingTest(absltest.TestCase):
  """What `_examples` lists from the fake downloads, without a TFDS build."""

  def _examples(self, data: pathlib.Path) -> list[toolkit.Example]:
    return testing.listed_examples(coco.CocoSingleLabel, {name: data / name for name in _ZIPS},
                                   self.create_tempdir().full_path)

  def test_lists_lazy_crops_of_zip_members(self):
    examples = self._examples(_DUMMY_DATA)
    self.assertLen(examples, 32)  # 28 train + 4 val annotations of 16x16 or more.
    by_key = {e.key: e for e in examples}
    self.assertNotIn('902', by_key)  # Under 16 wide.
    first = by_key['900']
    self.assertEqual((first.label, first.source_split), (0, 'train'))
    self.assertEqual(first.image.box, (2, 4, 22, 20))
    self.assertEqual(first.image.source.name, 'train2017/000000000009.jpg')
    self.assertIs(first.image.source, by_key['901'].image.source)  # One per image.
    self.assertEqual(by_key['950'].source_split, 'test')
    with zipfile.ZipFile(_DUMMY_DATA / 'train2017.zip') as archive:
      original = Image.open(io.BytesIO(archive.read('train2017/000000000009.jpg')))
      expected = np.asarray(original.crop((2, 4, 22, 20)))
    encoded = images.encode_image(first.image, grayscale=False)
    np.testing.assert_array_equal(np.asarray(Image.open(io.BytesIO(encoded))), expected)

  def test_crop_of_a_missing_image_fails_to_encode(self):
    missing = next(e for e in self._examples(_DUMMY_DATA) if e.key == '905')
    self.assertEqual(missing.image.source.name,
                     f'train2017/{generation.MISSING_IMAGE:012d}.jpg')
    with self.assertRaisesRegex(images.CorruptImageError, 'KeyError'):
      images.encode_image(missing.image, grayscale=False)

  def _with_instances(self, part: str, instances: dict) -> pathlib.Path:
    data = pathlib.Path(self.create_tempdir().full_path)
    shutil.copytree(_DUMMY_DATA, data, dirs_exist_ok=True)
    with zipfile.ZipFile(_DUMMY_DATA / coco.ANNOTATIONS_ZIP) as original, \
        zipfile.ZipFile(data / coco.ANNOTATIONS_ZIP, 'w') as changed:
      for name in original.namelist():
        if name == f'annotations/instances_{part}.json':
          changed.writestr(name, json.dumps(instances))
        else:
          changed.writestr(name, original.read(name))
    return data

  def test_changed_category_stops_the_build(self):
    data = self._with_instances(
        'val2017', _instances(categories=[{'id': 90, 'name': 'tooth brush'}]))
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r"\[coco_single_label\] annotations/instances_val2017.json: "
                                r"category 90 is 'tooth brush'.*annotations_trainval2017.zip "
                                'does not have the expected content'):
      self._examples(data)

  def test_empty_box_stops_the_build(self):
    annotation = {**_instances()['annotations'][0], 'bbox': [45, 0, 20, 20]}
    data = self._with_instances('val2017', _instances(annotations=[annotation]))
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                'instances_val2017.json: annotation 70: bbox .* leaves nothing'):
      self._examples(data)

  def test_missing_instances_stop_the_build(self):
    data = pathlib.Path(self.create_tempdir().full_path)
    shutil.copytree(_DUMMY_DATA, data, dirs_exist_ok=True)
    with zipfile.ZipFile(data / coco.ANNOTATIONS_ZIP, 'w') as archive:
      archive.writestr('annotations/captions_train2017.json', '{}')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                'annotations/instances_train2017.json is missing'):
      self._examples(data)


if __name__ == '__main__':
  absltest.main()
