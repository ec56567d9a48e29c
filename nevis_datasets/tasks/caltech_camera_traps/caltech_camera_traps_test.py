"""caltech_camera_traps on fake ECCV'18 archives (see dummy_data_generation.py), through Beam."""

import json
import os

from absl.testing import absltest
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.caltech_camera_traps import caltech_camera_traps as cct
from nevis_datasets.tasks.caltech_camera_traps import dummy_data_generation as fake

_DUMMY = os.path.join(os.path.dirname(__file__), 'dummy_data')


class CaltechCameraTrapsTest(testing.TaskTestCase):
  """Runs on TaskBuilder's default Beam runner: the in-process FnApiRunner."""

  DATASET_CLASS = cct.CaltechCameraTraps
  # train: 12 listed, 9 used (coyote+dog left out, the rabbit missing from the tar, one not
  # annotated), divided train/dev by member path hash; trans_val, trans_test: 3 each.
  SPLITS = {'train': 6, 'dev': 3, 'dev_test': 3, 'test': 3}

  def check_labels(self, labels):
    # Ids in the reference's order: bobcat 0, opossum 1, empty 2, coyote 3, raccoon 4, bird 5,
    # dog 6 (two dog annotations: one image), cat 7, squirrel 8, skunk 10, rodent 11, badger 12,
    # deer 13, car 14, fox 15.
    self.assertEqual(labels, {'train': [0, 1, 2, 3, 4, 8], 'dev': [5, 6, 7],
                              'dev_test': [10, 11, 12], 'test': [13, 14, 15]})

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for split in self.SPLITS:  # The grayscale one (empty, train) is converted to RGB.
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (6, 8, 3))


def _data(annotations, categories=({'id': 1, 'name': 'dog'}, {'id': 2, 'name': 'empty'})):
  return {'images': [], 'annotations': list(annotations), 'categories': list(categories)}


class ParseAnnotationsTest(absltest.TestCase):

  def test_label_and_ambiguous_images(self):
    labels, ambiguous = cct.parse_annotations(_data([
        {'image_id': 'a', 'category_id': 1}, {'image_id': 'a', 'category_id': 1},
        {'image_id': 'b', 'category_id': 2},
        {'image_id': 'c', 'category_id': 1}, {'image_id': 'c', 'category_id': 2},
    ]))
    self.assertEqual(labels, {'a': 'dog', 'b': 'empty'})
    self.assertEqual(ambiguous, ['c'])

  def test_class_names_are_the_reference_order(self):
    self.assertLen(set(cct.CLASS_NAMES), 16)
    self.assertEqual(cct.CLASS_NAMES[:3], ('bobcat', 'opossum', 'empty'))
    self.assertEqual(cct.CLASS_NAMES[-1], 'fox')

  def test_rejects_bad_input(self):
    cases = {
        'not a JSON object': [],
        "no 'annotations' list": {'categories': []},
        "no 'categories' list": {'annotations': []},
        'has no id and name': _data([], categories=[{'id': 1}]),
        'has no image_id string': _data([{'image_id': 7, 'category_id': 1}]),
        'has category_id 3, not a listed category': _data([{'image_id': 'a', 'category_id': 3}]),
        "annotated 'lizard', not one of the 16 known": _data(
            [{'image_id': 'a', 'category_id': 1}], categories=[{'id': 1, 'name': 'lizard'}]),
    }
    for message, data in cases.items():
      with self.subTest(message), self.assertRaisesRegex(ValueError, message):
        cct.parse_annotations(data)


class ImageFilesTest(absltest.TestCase):

  def test_id_is_the_file_stem(self):
    self.assertEqual(
        cct.image_files([('eccv_18_all_images_sm/abc-1.jpg', 'p1'), ('x/readme.txt', 'p2')]),
        {'abc-1': ('eccv_18_all_images_sm/abc-1.jpg', 'p1')})

  def test_rejects_repeated_ids(self):
    with self.assertRaisesRegex(ValueError, 'a/x.jpg and b/x.jpg have the same image id'):
      cct.image_files([('a/x.jpg', 'p1'), ('b/x.jpg', 'p2')])


class ListingTest(absltest.TestCase):

  def _sources(self, drop=(), edit=None):
    root = self.create_tempdir().full_path
    annotations = testing.extracted_tar(os.path.join(_DUMMY, cct.ANNOTATIONS_TAR),
                                        os.path.join(root, 'annotations'))
    images = testing.extracted_tar(os.path.join(_DUMMY, cct.IMAGES_TAR),
                                   os.path.join(root, 'images'))
    for file, index in drop:
      (images / 'eccv_18_all_images_sm' / f'{fake.image_id(file, index)}.jpg').unlink()
    if edit:
      path = annotations / cct.annotation_file(edit[0])
      path.write_text(json.dumps(edit[1](json.loads(path.read_text()))))
    return {cct.ANNOTATIONS_TAR: annotations, cct.IMAGES_TAR: images}

  def _list(self, sources):
    return testing.listed_examples(cct.CaltechCameraTraps, sources,
                                   self.create_tempdir().full_path)

  def test_listing(self):
    examples = self._list(self._sources())
    self.assertLen(examples, 15)
    self.assertEqual(examples[0].key, f'eccv_18_all_images_sm/{fake.image_id("train", 0)}.jpg')
    self.assertEqual((examples[0].label, examples[0].source_split), ('bobcat', 'train'))
    self.assertEqual(sorted({e.source_split for e in examples}),
                     ['train', 'trans_test', 'trans_val'])

  def test_more_missing_images_stop_the_build(self):
    with self.assertRaisesRegex(toolkit.CorruptDataError, '2 of the 10 images listed in '
                                'eccv_18_annotation_files/train_annotations.json are missing'):
      self._list(self._sources(drop=[('train', 0)]))
    with self.assertRaisesRegex(toolkit.CorruptDataError, '2 of the 3 images listed in '
                                'eccv_18_annotation_files/trans_val_annotations.json'):
      self._list(self._sources(drop=[('trans_val', 0), ('trans_val', 1)]))

  def test_image_annotated_in_two_files(self):
    def add_train_image(data):
      data['annotations'].append({'image_id': fake.image_id('train', 0),
                                  'category_id': data['categories'][0]['id']})
      return data
    with self.assertRaisesRegex(toolkit.CorruptDataError, 'annotated in both .*train_anno'
                                '.*trans_test_annotations.json'):
      self._list(self._sources(edit=('trans_test', add_train_image)))

  def test_missing_annotation_file(self):
    sources = self._sources()
    (sources[cct.ANNOTATIONS_TAR] / cct.annotation_file('trans_val')).unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                'trans_val_annotations.json is missing. eccv_18_annotations'):
      self._list(sources)

  def test_corrupt_json(self):
    sources = self._sources()
    (sources[cct.ANNOTATIONS_TAR] / cct.annotation_file('train')).write_text('{"images": [')
    with self.assertRaisesRegex(toolkit.CorruptDataError, 'eccv_18_annotations.tar.gz does not '
                                'have the expected content'):
      self._list(sources)


if __name__ == '__main__':
  absltest.main()
