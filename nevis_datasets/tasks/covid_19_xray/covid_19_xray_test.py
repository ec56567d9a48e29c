"""covid_19_xray on a fake covid19-radiography-database.zip, through the manual-dir path.

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
from nevis_datasets.tasks.covid_19_xray import covid_19_xray
from nevis_datasets.tasks.covid_19_xray import dummy_data_generation

_ROOT = covid_19_xray.ROOT


class Covid19XrayTest(testing.TaskTestCase):
  """Kaggle credentials are hidden, so the archive comes from the manual dir (dummy_data/)."""

  DATASET_CLASS = covid_19_xray.Covid19Xray
  # 21 PNGs, 2 copies within a class dropped (COVID-3, Normal-5), 19 hashed
  # 0.56/0.12/0.12/0.2; spreadsheets and read-me left out.
  SPLITS = {'train': 11, 'dev': 1, 'dev_test': 2, 'test': 5}

  def check_labels(self, labels):
    # COVID 0, Lung_Opacity 1, Normal 2, Viral Pneumonia 3.
    self.assertEqual(labels['train'], [0] + [1] * 4 + [2] * 3 + [3] * 3)
    self.assertEqual(labels['dev'], [2])  # Normal-4
    self.assertEqual(labels['dev_test'], [0, 0])  # COVID-2, COVID-5
    self.assertEqual(labels['test'], [0, 1, 2, 3, 3])

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for split in builder.info.splits:
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (6, 8, 1))  # Grayscale, RGB(A) ones too.


class ClassOfTest(absltest.TestCase):

  def test_class_folder_is_the_class(self):
    self.assertEqual(covid_19_xray.class_of(f'{_ROOT}/COVID/COVID-1.png'), 'COVID')
    self.assertEqual(covid_19_xray.class_of(f'{_ROOT}/Viral Pneumonia/images/Viral '
                                            'Pneumonia-1.png'), 'Viral Pneumonia')

  def test_masks_are_not_images(self):
    self.assertIsNone(covid_19_xray.class_of(f'{_ROOT}/Normal/masks/Normal-1.png'))

  def test_outside_a_class_folder(self):
    for member in (f'{_ROOT}/COVID-1.png', f'{_ROOT}/Lung Opacity/Lung Opacity-1.png',
                   f'{_ROOT}/COVID/other/COVID-1.png', f'{_ROOT}/COVID/images/a/COVID-1.png'):
      with self.assertRaisesRegex(ValueError, 'not in a class folder'):
        covid_19_xray.class_of(member)


class ListingTest(testing.KaggleListingTestCase):
  """What `_examples` lists from the extracted fake archive, without a TFDS build."""

  BUILDER_CLASS = covid_19_xray.Covid19Xray

  def _examples(self) -> dict[str, toolkit.Example]:
    return {e.key: e for e in self.listed()}

  def test_drops_copies_within_a_class_only(self):
    examples = self._examples()
    self.assertLen(examples, 19)
    for original in ('COVID/COVID-1.png', 'Normal/Normal-1.png', 'Normal/Normal-2.png'):
      self.assertIn(f'{_ROOT}/{original}', examples)
    self.assertNotIn(f'{_ROOT}/COVID/COVID-3.png', examples)  # Byte copy of COVID-1.
    self.assertNotIn(f'{_ROOT}/Normal/Normal-5.png', examples)  # RGB copy of Normal-2.
    self.assertIn(f'{_ROOT}/Viral Pneumonia/Viral Pneumonia-5.png', examples)  # Normal-1's.
    self.assertTrue(all(key.split('/')[1] == e.label for key, e in examples.items()))

  def test_reads_the_later_images_and_masks_layout(self):
    flat = self._examples()
    for label in covid_19_xray.CLASS_NAMES:
      folder = self.root / _ROOT / label
      (folder / 'images').mkdir()
      (folder / 'masks').mkdir()
      for path in sorted(folder.glob('*.png')):
        path.rename(folder / 'images' / path.name)
        mask = np.full((4, 4), 255 * (len(path.name) % 2), dtype=np.uint8)
        Image.fromarray(mask).save(folder / 'masks' / path.name)
    nested = self._examples()
    self.assertEqual(sorted(key.replace('/images/', '/') for key in nested), sorted(flat))
    self.assertFalse(any('/masks/' in key for key in nested))

  def test_image_conversions(self):
    examples = self._examples()

    def image(name: str) -> epath.Path:
      return examples[f'{_ROOT}/{name}'].image

    gray = image('COVID/COVID-1.png')
    self.assertEqual(toolkit.images.encode_image(gray, grayscale=True),
                     pathlib.Path(gray).read_bytes())  # 8-bit grayscale PNGs pass through.
    for name in (dummy_data_generation.RGB, dummy_data_generation.RGBA,
                 dummy_data_generation.GRAY16):
      pixels = toolkit.images.decoded_pixels(image(name), grayscale=True)
      self.assertEqual(pixels.shape, (6, 8))
      self.assertEqual(pixels.dtype, np.uint8)
    # 16-bit: rescaled by its peak, not clipped at 255.
    source = np.asarray(Image.open(image(dummy_data_generation.GRAY16)), dtype=np.float64)
    np.testing.assert_array_equal(
        toolkit.images.decoded_pixels(image(dummy_data_generation.GRAY16), grayscale=True),
        (source * (255.0 / source.max())).astype(np.uint8))

  def test_png_outside_the_class_folders_stops_the_build(self):
    (self.root / _ROOT / 'Lung_Opacity').rename(self.root / _ROOT / 'Lung Opacity')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[covid_19_xray\] .*Lung Opacity/Lung_Opacity-1.png.* is not '
                                r'in a class folder.*covid19-radiography-database.zip does not '
                                r'have'):
      self._examples()

  def test_missing_root_folder_stops_the_build(self):
    (self.root / _ROOT).rename(self.root / 'COVID-19 Radiography Database')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'COVID-19_Radiography_Dataset/ is missing'):
      self._examples()


if __name__ == '__main__':
  absltest.main()
