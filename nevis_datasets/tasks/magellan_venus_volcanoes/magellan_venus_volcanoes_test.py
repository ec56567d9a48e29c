"""magellan_venus_volcanoes on a fake volcanoes.tar.gz (see dummy_data_generation.py)."""

from unittest import mock

from absl.testing import absltest
import numpy as np

from nevis_datasets import testing
from nevis_datasets.tasks.magellan_venus_volcanoes import dummy_data_generation
from nevis_datasets.tasks.magellan_venus_volcanoes import magellan_venus_volcanoes as volcanoes


class MagellanVenusVolcanoesTest(testing.TaskTestCase):
  DATASET_CLASS = volcanoes.MagellanVenusVolcanoes
  DL_DOWNLOAD_RESULT = 'volcanoes.tar.gz'
  SPLITS = {'train': 4, 'dev': 2, 'dev_test': 1, 'test': 3}  # img1..img10, split by path hash.

  def setUp(self):
    super().setUp()
    # The fake rasters are 16x16 instead of 1024x1024.
    patcher = mock.patch.object(volcanoes, '_IMAGE_SIDE', dummy_data_generation.SIDE)
    patcher.start()
    self.addCleanup(patcher.stop)

  def check_labels(self, labels):
    # neg = 0, pos = 1 (see GROUND_TRUTHS in dummy_data_generation.py).
    self.assertEqual(labels['train'], [0, 0, 1, 1])  # img4 (no file), img5, img8, img9.
    self.assertEqual(labels['dev'], [0, 1])  # img2, img1.
    self.assertEqual(labels['dev_test'], [1])  # img10.
    self.assertEqual(labels['test'], [0, 0, 1])  # img3 (empty file), img6, img7.


class HelpersTest(absltest.TestCase):

  def test_definite_volcano_is_confidence_one_anywhere(self):
    self.assertTrue(volcanoes.has_definite_volcano(['3 1 2 3', '1 4 5 6']))
    self.assertFalse(volcanoes.has_definite_volcano(['2 1 2 3', '4 1 1 1', '']))
    self.assertFalse(volcanoes.has_definite_volcano([]))

  def test_raw_image_reshapes_exact_size_only(self):
    image = volcanoes.raw_image(bytes(range(16)), 4)
    self.assertEqual(image.shape, (4, 4))
    self.assertEqual(image.dtype, np.uint8)
    self.assertEqual(image[1, 0], 4)
    # A truncated file stays bytes, which the toolkit skips as undecodable.
    self.assertEqual(volcanoes.raw_image(b'\x00' * 15, 4), b'\x00' * 15)

  def test_missing_ground_truth_is_negative(self):
    self.assertEqual(volcanoes.label_of('img4.sdt', {'img1.sdt': 'pos'}), 'neg')
    self.assertEqual(volcanoes.label_of('img1.sdt', {'img1.sdt': 'pos'}), 'pos')


if __name__ == '__main__':
  absltest.main()
