"""sketch on a fake sketches_png.zip (see dummy_data_generation.py)."""

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets.tasks.sketch import sketch


class SketchTest(testing.TaskTestCase):
  DATASET_CLASS = sketch.Sketch
  # 24 PNGs (8 in each of 3 classes) split by member path hash; png/filelist.txt is not used.
  SPLITS = {'train': 10, 'dev': 2, 'dev_test': 3, 'test': 9}

  def check_labels(self, labels):
    # Sorted class names: airplane 0, bear (animal) 15, zebra 249.
    self.assertEqual(labels['train'], [0, 0, 0, 0, 15, 15, 15, 249, 249, 249])
    self.assertEqual(labels['dev'], [15, 249])  # bear (animal)/1205, zebra/19928
    self.assertEqual(labels['dev_test'], [0, 15, 249])  # airplane/2, bear/1208, zebra/19923
    self.assertEqual(labels['test'], [0, 0, 0, 15, 15, 15, 249, 249, 249])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for example in tfds.as_numpy(builder.as_dataset(split='dev')):
      self.assertEqual(example['image'].shape, (32, 32, 1))  # Grayscale, source size.
      self.assertEqual(example['image'].dtype, np.uint8)


class ClassOfTest(absltest.TestCase):

  def test_folder_is_the_class(self):
    self.assertEqual(sketch.class_of('png/airplane/1.png'), 'airplane')
    self.assertEqual(sketch.class_of('png/bear (animal)/1201.png'), 'bear (animal)')

  def test_file_list_is_not_an_image(self):
    self.assertIsNone(sketch.class_of('png/filelist.txt'))

  def test_members_outside_the_layout(self):
    for member in ('airplane/1.png', 'png/airplane/1.jpg', 'png/airplane/x/1.png',
                   'png/airplane/one.png', 'png/readme.txt', 'png/sketches/airplane/1.png'):
      with self.assertRaisesRegex(ValueError, 'not png/<class>/<number>.png'):
        sketch.class_of(member)

  def test_unknown_class(self):
    with self.assertRaisesRegex(ValueError, "'aeroplane', which is not one of the 250"):
      sketch.class_of('png/aeroplane/1.png')


def test_class_names_are_the_sorted_reference_folders():
  names = sketch.Sketch.CLASS_NAMES
  assert len(names) == 250 and list(names) == sorted(set(names))
  assert {'crane (machine)', 'pipe (for smoking)', 'sponge bob', 't-shirt'} <= set(names)


if __name__ == '__main__':
  absltest.main()
