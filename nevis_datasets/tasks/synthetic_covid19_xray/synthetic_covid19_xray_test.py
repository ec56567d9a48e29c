"""synthetic_covid19_xray on fake G_NC.zip and G_PC.zip (see dummy_data_generation.py)."""

import pathlib
import zipfile

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.synthetic_covid19_xray import dummy_data_generation as generation
from nevis_datasets.tasks.synthetic_covid19_xray import synthetic_covid19_xray as covid
from nevis_datasets.toolkit import images

_DUMMY_DATA = pathlib.Path(__file__).parent / 'dummy_data'


class SyntheticCovid19XrayTest(testing.TaskTestCase):
  DATASET_CLASS = covid.SyntheticCovid19Xray
  # 14 + 14 images hashed 0.56/0.12/0.12/0.2; the Thumbs.db members are not images.
  SPLITS = {'train': 16, 'dev': 6, 'dev_test': 1, 'test': 5}

  def check_labels(self, labels):
    # Normal (G1) 0, Pneumonia (G2) 1.
    self.assertEqual(labels, {'train': [0] * 7 + [1] * 9, 'dev': [0] * 3 + [1] * 3,
                              'dev_test': [1], 'test': [0] * 4 + [1]})

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    self.assertEqual(builder.info.features['label'].names, ['Normal', 'Pneumonia'])
    for split in self.SPLITS:  # The grayscale JPEG (train) is converted to RGB.
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (8, 8, 3))


class LabelOfTest(absltest.TestCase):

  def test_folders(self):
    self.assertEqual(covid.label_of('G1/1.jpg'), 'Normal')
    self.assertEqual(covid.label_of('G2/1_g2.jpg'), 'Pneumonia')
    self.assertEqual([covid.CLASS_NAMES.index(covid.label_of(m)) for m in ('G1/a', 'G2/a')],
                     [0, 1])

  def test_other_members(self):
    for member in ('1.jpg', 'G3/1.jpg', 'g1/1.jpg', 'G1/', 'G1/sub/1.jpg', 'x/G1/1.jpg',
                   '__MACOSX/G1/._1.jpg'):
      with self.subTest(member), self.assertRaisesRegex(ValueError, 'not G1/<file> or G2/'):
        covid.label_of(member)


class ListingTest(absltest.TestCase):
  """What `_examples` lists from the fake zips, without a TFDS build."""

  def _examples(self, data: pathlib.Path) -> list[toolkit.Example]:
    return testing.listed_examples(covid.SyntheticCovid19Xray,
                                   {name: data / name for name in covid.ARCHIVES},
                                   self.create_tempdir().full_path)

  def test_lists_the_images_of_both_zips_in_place(self):
    examples = self._examples(_DUMMY_DATA)
    self.assertLen(examples, 28)
    self.assertEqual(sorted(e.key for e in examples),
                     sorted(generation.members('G_NC.zip') + generation.members('G_PC.zip')))
    self.assertTrue(all(e.label == ('Normal' if e.key.startswith('G1/') else 'Pneumonia')
                        for e in examples))
    self.assertTrue(all(isinstance(e.image, toolkit.archives.ZipMember) for e in examples))
    self.assertTrue(all(e.source_split is None for e in examples))

  def test_rgb_jpegs_pass_through_grayscale_is_converted(self):
    by_key = {e.key: e.image for e in self._examples(_DUMMY_DATA)}
    with zipfile.ZipFile(_DUMMY_DATA / 'G_NC.zip') as archive:
      original = archive.read('G1/1.jpg')
    self.assertEqual(images.encode_image(by_key['G1/1.jpg'], grayscale=False), original)
    pixels = images.decoded_pixels(by_key[generation.GRAYSCALE], grayscale=False)
    self.assertEqual(pixels.shape, (8, 8, 3))
    np.testing.assert_array_equal(pixels[..., 0], pixels[..., 2])

  def test_unknown_member_stops_the_build(self):
    data = pathlib.Path(self.create_tempdir().full_path)
    (data / 'G_NC.zip').write_bytes((_DUMMY_DATA / 'G_NC.zip').read_bytes())
    with zipfile.ZipFile(data / 'G_PC.zip', 'w') as archive:
      archive.writestr('G2/1_g2.jpg', b'')
      archive.writestr('G3/1_g3.jpg', b'')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r"\[synthetic_covid19_xray\] 'G3/1_g3.jpg' is not G1/<file> or "
                                r'G2/<file>. G_PC.zip does not have the expected content'):
      self._examples(data)


if __name__ == '__main__':
  absltest.main()
