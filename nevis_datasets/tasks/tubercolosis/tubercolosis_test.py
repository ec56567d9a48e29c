"""tubercolosis on a fake tuberculosis-tb-chest-xray-dataset.zip, through the manual-dir path.

See dummy_data_generation.py for what the fake archive holds.
"""

import pathlib

from absl.testing import absltest
from etils import epath
import numpy as np
from PIL import Image
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.tubercolosis import dummy_data_generation
from nevis_datasets.tasks.tubercolosis import tubercolosis

_ROOT = tubercolosis.ROOT


class TubercolosisTest(testing.TaskTestCase):
  """Kaggle credentials are hidden, so the archive comes from the manual dir (dummy_data/)."""

  DATASET_CLASS = tubercolosis.Tubercolosis
  # 20 PNGs (14 Normal, 6 Tuberculosis) hashed 0.56/0.12/0.12/0.2; spreadsheets and read-me
  # left out.
  SPLITS = {'train': 11, 'dev': 1, 'dev_test': 5, 'test': 3}

  def check_labels(self, labels):
    # Normal 0, Tuberculosis 1.
    self.assertEqual(labels['train'], [0] * 7 + [1] * 4)
    self.assertEqual(labels['dev'], [1])  # Tuberculosis-6
    self.assertEqual(labels['dev_test'], [0, 0, 0, 0, 1])  # Normal-1, -11, -2, -3, TB-5
    self.assertEqual(labels['test'], [0, 0, 0])  # Normal-10, -5, -9

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for split in builder.info.splits:
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (6, 8, 3))  # RGB, grayscale ones too.


class ClassOfTest(absltest.TestCase):

  def test_class_folder_is_the_class(self):
    self.assertEqual(tubercolosis.class_of(f'{_ROOT}/Normal/Normal-1.png'), 'Normal')
    self.assertEqual(tubercolosis.class_of(f'{_ROOT}/Tuberculosis/Tuberculosis-9.png'),
                     'Tuberculosis')

  def test_outside_a_class_folder(self):
    for member in (f'{_ROOT}/Normal-1.png', f'{_ROOT}/TB/TB-1.png',
                   f'{_ROOT}/Normal/masks/Normal-1.png'):
      with self.assertRaisesRegex(ValueError, 'not in a class folder'):
        tubercolosis.class_of(member)


class ListingTest(testing.KaggleListingTestCase):
  """What `_examples` lists from the extracted fake archive, without a TFDS build."""

  BUILDER_CLASS = tubercolosis.Tubercolosis

  def _examples(self) -> dict[str, toolkit.Example]:
    return {e.key: e for e in self.listed()}

  def test_lists_the_pngs_only(self):
    examples = self._examples()
    self.assertLen(examples, 20)
    self.assertTrue(all(key.endswith('.png') for key in examples))
    self.assertTrue(all(key.split('/')[1] == e.label for key, e in examples.items()))
    self.assertTrue(all(e.source_split is None for e in examples.values()))

  def test_image_conversions(self):
    examples = self._examples()

    def image(name: str) -> epath.Path:
      return examples[f'{_ROOT}/{name}'].image

    rgb = image('Normal/Normal-1.png')
    self.assertEqual(toolkit.images.encode_image(rgb, grayscale=False),
                     pathlib.Path(rgb).read_bytes())  # RGB PNGs pass through.
    for name in (dummy_data_generation.GRAY, dummy_data_generation.GRAY16,
                 dummy_data_generation.RGBA):
      pixels = toolkit.images.decoded_pixels(image(name), grayscale=False)
      self.assertEqual(pixels.shape, (6, 8, 3))
      self.assertEqual(pixels.dtype, np.uint8)
    # 16-bit: rescaled by its peak, not clipped at 255.
    source = np.asarray(Image.open(image(dummy_data_generation.GRAY16)), dtype=np.float64)
    pixels = toolkit.images.decoded_pixels(image(dummy_data_generation.GRAY16), grayscale=False)
    np.testing.assert_array_equal(pixels[..., 0],
                                  (source * (255.0 / source.max())).astype(np.uint8))

  def test_png_outside_the_class_folders_stops_the_build(self):
    (self.root / _ROOT / 'Normal/Normal-4.png').rename(self.root / _ROOT / 'Normal-4.png')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[tubercolosis\] .*Normal-4.png.* is not in a class folder.*'
                                r'tuberculosis-tb-chest-xray-dataset.zip does not have'):
      self._examples()

  def test_missing_root_folder_stops_the_build(self):
    (self.root / _ROOT).rename(self.root / 'TB_Chest_Radiography')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'TB_Chest_Radiography_Database/ is missing'):
      self._examples()


if __name__ == '__main__':
  absltest.main()
