"""stanford_cars on a fake car_ims.tgz and cars_annos.mat (see dummy_data_generation.py)."""

import pathlib

from absl.testing import absltest
import numpy as np
import scipy.io

from nevis_datasets import testing
from nevis_datasets.tasks.stanford_cars import stanford_cars


class StanfordCarsTest(testing.TaskTestCase):
  DATASET_CLASS = stanford_cars.StanfordCars
  # 5 images per class with test == 0, hashed into train/dev/dev_test; 2 per class with test == 1.
  SPLITS = {'train': 12, 'dev': 2, 'dev_test': 1, 'test': 6}

  def check_labels(self, labels):
    # class - 1: AM General Hummer SUV 2000 -> 0, Ram C/V Cargo Van Minivan 2012 -> 173,
    # smart fortwo Convertible 2012 -> 195.
    self.assertEqual(labels['train'], [0, 0, 0, 0, 0, 173, 173, 173, 173, 195, 195, 195])
    self.assertEqual(labels['dev'], [173, 195])
    self.assertEqual(labels['dev_test'], [195])
    self.assertEqual(labels['test'], [0, 0, 173, 173, 195, 195])


def _mat(**changes) -> dict:
  """A loadmat(squeeze_me=True)-like dict of two annotations, with `changes` to the first."""
  fields = ('relative_im_path', 'class', 'test')
  rows = np.zeros(2, dtype=[(field, 'O') for field in fields])
  rows[0] = ('car_ims/000001.jpg', np.uint8(1), np.uint8(0))
  rows[1] = ('car_ims/000002.jpg', np.uint8(196), np.uint8(1))
  for field, value in changes.items():
    rows[0][field] = value
  return {'annotations': rows, 'class_names': np.array(stanford_cars.CLASS_NAMES, dtype=object)}


class ParseAnnotationsTest(absltest.TestCase):

  def test_labels_and_splits(self):
    self.assertEqual(stanford_cars.parse_annotations(_mat()), [
        stanford_cars.Annotation('car_ims/000001.jpg', 0, 'train'),
        stanford_cars.Annotation('car_ims/000002.jpg', 195, 'test'),
    ])

  def test_malformed_annotations(self):
    for changes, message in (
        ({'relative_im_path': 'cars/000001.jpg'}, 'is not car_ims/<NNNNNN>.jpg'),
        ({'class': np.uint8(0)}, r'class 0 is outside 1\.\.196'),
        ({'class': np.uint8(197)}, r'class 197 is outside 1\.\.196'),
        ({'class': 1.5}, 'not an integer'),
        ({'class': 'A'}, 'not a number'),
        ({'test': np.uint8(2)}, 'test flag 2 is not 0 or 1'),
    ):
      with self.subTest(changes=changes):
        with self.assertRaisesRegex(ValueError, f'annotation 1: .*{message}'):
          stanford_cars.parse_annotations(_mat(**changes))

  def test_missing_variable_or_field(self):
    with self.assertRaisesRegex(ValueError, "no 'class_names' variable"):
      stanford_cars.parse_annotations({'annotations': _mat()['annotations']})
    rows = np.zeros(1, dtype=[('relative_im_path', 'O'), ('test', 'O')])
    with self.assertRaisesRegex(ValueError, 'no field.* class'):
      stanford_cars.parse_annotations({**_mat(), 'annotations': rows})

  def test_class_names_must_be_the_known_list(self):
    names = np.array([*stanford_cars.CLASS_NAMES[:195], 'Smart Fortwo Convertible 2012'])
    with self.assertRaisesRegex(ValueError, "name 196 is 'Smart Fortwo"):
      stanford_cars.parse_annotations({**_mat(), 'class_names': names})
    with self.assertRaisesRegex(ValueError, '195 names instead of 196'):
      stanford_cars.parse_annotations({**_mat(), 'class_names': names[:195]})

  def test_the_dummy_mat_reads_as_the_real_structure(self):
    path = pathlib.Path(__file__).parent / 'dummy_data' / 'cars_annos.mat'
    annotations = stanford_cars.parse_annotations(scipy.io.loadmat(path, squeeze_me=True))
    self.assertLen(annotations, 21)
    self.assertEqual(annotations[-1], stanford_cars.Annotation('car_ims/000021.jpg', 195,
                                                               'train'))


if __name__ == '__main__':
  absltest.main()
