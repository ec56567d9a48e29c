"""sun_attributes on fake SUN Attribute archives (see dummy_data_generation.py)."""

import os

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.sun_attributes import dummy_data_generation as fake
from nevis_datasets.tasks.sun_attributes import sun_attributes

_DUMMY = os.path.join(os.path.dirname(__file__), 'dummy_data')


def _present(labels):
  """The present attribute ids of each multi-hot label."""
  return [tuple(int(i) for i in np.flatnonzero(hot)) for hot in labels]


class SunAttributesTest(testing.TaskTestCase):
  DATASET_CLASS = sun_attributes.SunAttributes
  # 16 of the 17 listed images (sun_missing... is not in the tar; sun_unlisted... is not
  # listed), split by member path hash.
  SPLITS = {'train': 5, 'dev': 3, 'dev_test': 5, 'test': 3}

  def check_labels(self, labels):
    # Listed image i has attributes i and 60 + i (value 1/3: present too), image 15 none.
    self.assertEqual({split: sorted(_present(hots)) for split, hots in labels.items()}, {
        'train': [(1, 61), (2, 62), (4, 64), (8, 68), (12, 72)],
        'dev': [(5, 65), (9, 69), (14, 74)],
        'dev_test': [(), (3, 63), (7, 67), (10, 70), (13, 73)],
        'test': [(0, 60), (6, 66), (11, 71)],
    })
    for hots in labels.values():
      self.assertTrue(all(len(hot) == 102 for hot in hots))

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    self.assertEqual(builder.info.metadata['class_names'], list(sun_attributes.CLASS_NAMES))
    for split in self.SPLITS:  # Grayscale, CMYK and PNG-named-.jpg images: all RGB now.
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (6, 8, 3))


def _cell(strings):
  cell = np.empty((len(strings), 1), dtype=object)
  for i, text in enumerate(strings):
    cell[i, 0] = np.array([text]) if text else np.zeros((0,), dtype='<U1')
  return cell


class ParseTest(absltest.TestCase):

  def test_reads_the_cell_arrays_of_a_mat_file(self):
    # What scipy.io.loadmat makes of MATLAB cell arrays of strings: (N, 1) object arrays of
    # 1-element string arrays.
    database = testing.extracted_tar(os.path.join(_DUMMY, sun_attributes.ATTRIBUTES_TAR),
                                     self.create_tempdir().full_path) / 'SUNAttributeDB'
    names = toolkit.matfiles.read_mat(database / sun_attributes.ATTRIBUTES_MAT)
    self.assertEqual(sun_attributes.parse_attribute_names(names),
                     list(sun_attributes.CLASS_NAMES))
    images = toolkit.matfiles.read_mat(database / sun_attributes.IMAGES_MAT)
    self.assertEqual(sun_attributes.cell_strings(images, 'images'), fake.listed_images())

  def test_cell_strings(self):
    mat = {'images': _cell(['a/abbey/sun_a.jpg', '']), 'number': np.zeros((2, 1))}
    self.assertEqual(sun_attributes.cell_strings(mat, 'images'), ['a/abbey/sun_a.jpg', ''])
    with self.assertRaisesRegex(ValueError, "no 'labels' variable"):
      sun_attributes.cell_strings(mat, 'labels')
    with self.assertRaisesRegex(ValueError, 'not a cell array'):
      sun_attributes.cell_strings(mat, 'number')
    with self.assertRaisesRegex(ValueError, 'entry 2 is not a string'):
      sun_attributes.cell_strings({'x': np.array([[np.array(['a'])], [np.zeros(1)]],
                                                 dtype=object)}, 'x')

  def test_attribute_names_must_be_the_known_ones(self):
    names = list(sun_attributes.CLASS_NAMES)
    self.assertEqual(sun_attributes.parse_attribute_names({'attributes': _cell(names)}), names)
    with self.assertRaisesRegex(ValueError, "name 2 is 'biking', not 'driving'"):
      sun_attributes.parse_attribute_names(
          {'attributes': _cell([names[0], names[2], names[1], *names[3:]])})
    with self.assertRaisesRegex(ValueError, '101 names instead of 102'):
      sun_attributes.parse_attribute_names({'attributes': _cell(names[:-1])})

  def test_parse_labels_present_iff_not_zero(self):
    labels = np.zeros((2, 102))
    labels[0, [0, 5]] = [1 / 3, 1.0]
    labels[1, 101] = 2 / 3
    self.assertEqual(
        sun_attributes.parse_labels({'images': _cell(['a/abbey/x.jpg', 'b/beach/y.jpg'])},
                                    {'labels_cv': labels}),
        [('images/a/abbey/x.jpg', (0, 5)), ('images/b/beach/y.jpg', (101,))])

  def test_parse_labels_rejects_bad_input(self):
    images = {'images': _cell(['a/x.jpg', 'b/y.jpg'])}
    cases = {
        "no 'labels_cv' variable": (images, {}),
        'not N x 102 numbers': (images, {'labels_cv': np.zeros((2, 101))}),
        'lists 2 images but labels_cv has 3 rows': (images, {'labels_cv': np.zeros((3, 102))}),
        r'row 2 \(b/y.jpg\) holds a non-finite value': (
            images, {'labels_cv': np.array([[0.0] * 102, [np.nan] * 102])}),
        'lists a/x.jpg twice': ({'images': _cell(['a/x.jpg', 'a/x.jpg'])},
                                {'labels_cv': np.zeros((2, 102))}),
        "'../x.jpg' is not a relative image path": ({'images': _cell(['a/y.jpg', '../x.jpg'])},
                                                    {'labels_cv': np.zeros((2, 102))}),
    }
    for message, (images_mat, labels_mat) in cases.items():
      with self.subTest(message), self.assertRaisesRegex(ValueError, message):
        sun_attributes.parse_labels(images_mat, labels_mat)


class ListingTest(absltest.TestCase):

  def _sources(self, images_members_dropped=()):
    root = self.create_tempdir().full_path
    database = testing.extracted_tar(os.path.join(_DUMMY, sun_attributes.ATTRIBUTES_TAR),
                                     os.path.join(root, 'db'))
    images = testing.extracted_tar(os.path.join(_DUMMY, sun_attributes.IMAGES_TAR),
                                   os.path.join(root, 'images'))
    for name in images_members_dropped:
      (images / 'images' / name).unlink()
    return {sun_attributes.ATTRIBUTES_TAR: database, sun_attributes.IMAGES_TAR: images}

  def test_one_missing_image_is_tolerated(self):
    examples = testing.listed_examples(sun_attributes.SunAttributes, self._sources(),
                                       self.create_tempdir().full_path)
    keys = [example.key for example in examples]
    self.assertLen(keys, 16)
    self.assertNotIn(f'images/{fake.MISSING}', keys)
    self.assertNotIn(f'images/{fake.UNLISTED}', keys)
    self.assertEqual(examples[0].label, [0, 60])

  def test_more_missing_images_stop_the_build(self):
    sources = self._sources(images_members_dropped=[fake.listed_images()[0]])
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                '2 of the 17 images .* are missing from SUNAttributeDB_Images'):
      testing.listed_examples(sun_attributes.SunAttributes, sources,
                              self.create_tempdir().full_path)


if __name__ == '__main__':
  absltest.main()
