"""pacs on 12 fake HDF5 files (see dummy_data_generation.py): downloads by id, and real names."""

import io
import os
import pathlib
import pickle
import shutil
from unittest import mock

from absl.testing import absltest
import h5py
import numpy as np
from PIL import Image
import pytest
import tensorflow_datasets as tfds

from nevis_datasets import catalog
from nevis_datasets import testing
from nevis_datasets.tasks.pacs import dummy_data_generation
from nevis_datasets.tasks.pacs import pacs
from nevis_datasets.toolkit import downloads

_DUMMY = pathlib.Path(__file__).parent / 'dummy_data'
# 50 rows in 12 files: 17 photo/art/cartoon images once de-duplicated (the test files repeat
# train and val; cartoon repeats a photo), hashed 0.8/0.2 into train/dev; 8 sketches, 0.5/0.5
# into dev_test/test. The art painting repeated with another label is kept twice (5 and 6).
_SPLITS = {'train': 16, 'dev': 1, 'dev_test': 4, 'test': 4}
_LABELS = {
    'train': [0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5, 5, 6, 6],
    'dev': [0],  # An art painting dog.
    'dev_test': [1, 5, 6, 6],  # Sketches: the two of sketch_val (person) among them.
    'test': [0, 2, 3, 4],
}


class PacsTest(testing.TaskTestCase):
  """Each download resolves to dummy_data/<file id>.hdf5: the domain comes from the pixels."""

  DATASET_CLASS = pacs.Pacs
  SPLITS = _SPLITS

  def check_labels(self, labels):
    self.assertEqual(labels, _LABELS)

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for example in tfds.as_numpy(builder.as_dataset(split='test')):
      self.assertEqual(example['image'].shape, (12, 12, 3))
      self.assertEqual(example['image'].dtype, np.uint8)


def _real_named_dir(root: pathlib.Path, names=None) -> pathlib.Path:
  """A manual dir holding the fake files under the real names they play."""
  manual = root / 'manual'
  manual.mkdir()
  for file_name, real_name in dummy_data_generation.FAKE_REAL_NAMES.items():
    if names is None or real_name in names:
      shutil.copy(_DUMMY / file_name, manual / real_name)
  return manual


def _build(tmp_path: pathlib.Path, manual: pathlib.Path) -> tfds.core.DatasetBuilder:
  builder = pacs.Pacs(data_dir=str(tmp_path / 'data'))
  no_network = mock.patch.object(tfds.download.DownloadManager, 'download',
                                 side_effect=AssertionError('nothing may be downloaded'))
  with no_network:
    builder.download_and_prepare(
        download_dir=str(tmp_path / 'downloads'),
        download_config=tfds.download.DownloadConfig(
            manual_dir=str(manual), compute_stats=tfds.download.ComputeStatsMode.SKIP))
  return builder


def _labels(builder) -> dict[str, list[int]]:
  return {split: sorted(int(ex['label']) for ex in tfds.as_numpy(builder.as_dataset(split=split)))
          for split in builder.info.splits}


def test_builds_from_real_names_without_checksums(tmp_path):
  with mock.patch.dict(os.environ, {downloads.SKIP_CHECKSUMS_ENV: '1'}):
    builder = _build(tmp_path, _real_named_dir(tmp_path))
  assert {name: split.num_examples for name, split in builder.info.splits.items()} == _SPLITS
  assert _labels(builder) == _LABELS


def test_builds_from_md5_matched_real_names_and_catalog_names(tmp_path):
  """Half placed under real names, half under catalog names; the md5s are faked."""
  real_names = {'photo_test.hdf5', 'sketch_val.hdf5', 'cartoon_val.hdf5', 'sketch_test.hdf5',
                'photo_val.hdf5', 'art_painting_val.hdf5'}
  manual = _real_named_dir(tmp_path, real_names)
  md5 = {}
  for download in catalog.get('pacs').downloads:
    real_name = dummy_data_generation.FAKE_REAL_NAMES[download.file_name]
    md5[real_name] = md5[download.file_name] = download.md5
    if real_name not in real_names:
      shutil.copy(_DUMMY / download.file_name, manual / download.file_name)
  with mock.patch.dict(os.environ, {downloads.SKIP_CHECKSUMS_ENV: ''}), \
      mock.patch.object(downloads, 'md5_of', side_effect=lambda path: md5[pathlib.Path(path).name]):
    builder = _build(tmp_path, manual)
  assert _labels(builder) == _LABELS


def _examples(tmp_path, manual: pathlib.Path) -> list:
  builder = pacs.Pacs(data_dir=str(tmp_path / 'data'))
  dl_manager = mock.Mock(manual_dir=manual)
  dl_manager.download.side_effect = AssertionError('nothing may be downloaded')
  return list(builder._examples(dl_manager))


def test_an_incomplete_set_of_real_names_without_checksums(tmp_path):
  manual = _real_named_dir(tmp_path, set(pacs.REAL_NAMES) - {'cartoon_val.hdf5'})
  with mock.patch.dict(os.environ, {downloads.SKIP_CHECKSUMS_ENV: '1'}), \
      pytest.raises(downloads.DownloadError, match=r'\[pacs\] .* but not cartoon_val.hdf5'):
    _examples(tmp_path, manual)


def test_a_real_name_with_an_unknown_md5(tmp_path):
  manual = _real_named_dir(tmp_path, {'photo_val.hdf5'})
  with mock.patch.dict(os.environ, {downloads.SKIP_CHECKSUMS_ENV: ''}), \
      pytest.raises(downloads.DownloadError, match=r'photo_val.hdf5 in the manual dir do not'):
    _examples(tmp_path, manual)


def test_a_real_name_that_contradicts_the_pixels(tmp_path):
  manual = _real_named_dir(tmp_path)
  (manual / 'photo_val.hdf5').rename(manual / 'swap')
  (manual / 'sketch_val.hdf5').rename(manual / 'photo_val.hdf5')
  (manual / 'swap').rename(manual / 'sketch_val.hdf5')
  with mock.patch.dict(os.environ, {downloads.SKIP_CHECKSUMS_ENV: '1'}), \
      pytest.raises(pacs.toolkit.CorruptDataError,
                    match=r'photo_val.hdf5 is named as a photo file, but its images are '
                          r'grayscale'):
    _examples(tmp_path, manual)


def test_four_sketch_files_by_content(tmp_path):
  manual = tmp_path / 'manual'
  shutil.copytree(_DUMMY, manual)
  by_real_name = {real: name for name, real in dummy_data_generation.FAKE_REAL_NAMES.items()}
  shutil.copy(manual / by_real_name['sketch_val.hdf5'], manual / by_real_name['photo_val.hdf5'])
  with mock.patch.dict(os.environ, {downloads.SKIP_CHECKSUMS_ENV: '1'}), \
      pytest.raises(pacs.toolkit.CorruptDataError, match=r'4 of the 12 files hold grayscale'):
    _examples(tmp_path, manual)


def test_copies_are_dropped_by_content_key(tmp_path):
  examples = _examples_from_catalog_names(tmp_path)
  assert len(examples) == 25 and len({e.key for e in examples}) == 25
  assert {e.source_split for e in examples} == {pacs.SKETCH, pacs.PHOTO_ART_CARTOON}
  assert sum(e.source_split == pacs.SKETCH for e in examples) == 8
  for example in examples:
    group, rest = example.key.split('/')
    assert group == example.source_split and rest.endswith(f'_{example.label}')


def _examples_from_catalog_names(tmp_path) -> list:
  with mock.patch.dict(os.environ, {downloads.SKIP_CHECKSUMS_ENV: '1'}):
    return _examples(tmp_path, _DUMMY)


def test_rows_are_read_as_rgb_when_encoded_and_pickle():
  path = _DUMMY / next(iter(dummy_data_generation.FAKE_REAL_NAMES))
  source = pickle.loads(pickle.dumps(
      pacs.toolkit.images.ArrayRow(str(path), 'images', 1, pacs.to_rgb)))
  encoded = pacs.toolkit.images.encode_image(source, grayscale=False)
  with Image.open(io.BytesIO(encoded)) as image:
    assert image.format == 'PNG' and image.mode == 'RGB'
    decoded = np.asarray(image)
  with h5py.File(path, 'r') as f:
    np.testing.assert_array_equal(decoded, f['images'][1][..., ::-1])


def test_a_damaged_row_is_a_corrupt_image():
  row = pacs.toolkit.images.ArrayRow(
      str(_DUMMY / next(iter(dummy_data_generation.FAKE_REAL_NAMES))), 'images', 99, pacs.to_rgb)
  with pytest.raises(pacs.toolkit.images.CorruptImageError, match='row 99 of images'):
    pacs.toolkit.images.encode_image(row, grayscale=False)


class DomainTest(absltest.TestCase):

  def setUp(self):
    super().setUp()
    self.rng = np.random.default_rng(0)

  def _colour(self, count):
    return self.rng.integers(0, 256, (count, 16, 16, 3)).astype(np.uint16)

  def _gray(self, count, noise=0):
    gray = self.rng.integers(0, 256, (count, 16, 16, 1))
    jitter = self.rng.integers(-noise, noise + 1, (count, 16, 16, 3)) if noise else 0
    return np.clip(np.repeat(gray, 3, axis=-1) + jitter, 0, 255).astype(np.float32)

  def test_gray_and_colour_files(self):
    self.assertTrue(pacs.is_sketch_file(self._gray(40)))
    self.assertTrue(pacs.is_sketch_file(self._gray(5, noise=6)))  # JPEG-like chroma noise.
    self.assertFalse(pacs.is_sketch_file(self._colour(40)))
    self.assertFalse(pacs.is_sketch_file(self._colour(1)))

  def test_a_few_gray_images_in_a_colour_file(self):
    images = self._colour(100)
    images[::10] = self._gray(10)  # Black-and-white photos.
    self.assertFalse(pacs.is_sketch_file(images))

  def test_a_few_coloured_pixels_keep_an_image_gray(self):
    image = self._gray(1)[0]
    image[0, :2] = [255, 0, 0]  # 2 of 256 pixels.
    self.assertTrue(pacs.is_gray(image))
    image[1, :3] = [255, 0, 0]  # 5 of 256: more than 1%.
    self.assertFalse(pacs.is_gray(image))

  def test_empty_file(self):
    with self.assertRaisesRegex(ValueError, 'no images'):
      pacs.is_sketch_file(np.zeros((0, 4, 4, 3)))

  def test_domain_of_name(self):
    self.assertEqual(pacs.domain_of_name('art_painting_test.hdf5'), 'art_painting')
    self.assertEqual(pacs.domain_of_name('sketch_val.hdf5'), 'sketch')
    for name in ('1e2WfiUmpv25FzRHYrA_8rooqEWicwbGA.hdf5', 'photo_train.h5', 'kfold_train.hdf5',
                 'photo_dev.hdf5'):
      self.assertIsNone(pacs.domain_of_name(name))
    self.assertLen(set(pacs.REAL_NAMES), 12)


class ConversionTest(absltest.TestCase):

  def test_bgr_becomes_rgb_uint8(self):
    bgr = np.zeros((2, 3, 3), dtype=np.uint16)
    bgr[..., 0] = 200  # Blue.
    rgb = pacs.to_rgb(bgr)
    self.assertEqual(rgb.dtype, np.uint8)
    np.testing.assert_array_equal(rgb[0, 0], [0, 0, 200])
    np.testing.assert_array_equal(pacs.to_rgb(np.full((1, 1, 3), 254.7)), [[[254, 254, 254]]])

  def test_bad_images(self):
    with self.assertRaisesRegex(ValueError, 'outside 0..255'):
      pacs.to_rgb(np.full((2, 2, 3), 256, dtype=np.uint16))
    with self.assertRaisesRegex(ValueError, 'outside 0..255'):
      pacs.to_rgb(np.full((2, 2, 3), -1.0))
    with self.assertRaisesRegex(ValueError, 'not height x width x 3'):
      pacs.to_rgb(np.zeros((2, 2), dtype=np.uint8))

  def test_labels(self):
    np.testing.assert_array_equal(pacs.label_ids(np.array([1, 7, 3], np.uint16), 3), [0, 6, 2])
    np.testing.assert_array_equal(pacs.label_ids(np.array([[2.0], [5.0]]), 2), [1, 4])
    for labels, message in (([0, 1], 'outside 1..7'), ([1, 8], 'outside 1..7'),
                            ([1.5, 2], 'outside 1..7'), ([1, 2, 3], 'shape')):
      with self.assertRaisesRegex(ValueError, message):
        pacs.label_ids(np.array(labels), 2)


class MatchByMd5Test(absltest.TestCase):

  def test_matches_and_leftovers(self):
    matched, unmatched = pacs.match_by_md5(
        {'photo_val.hdf5': 'a', 'sketch_test.hdf5': 'b', 'cartoon_val.hdf5': 'x',
         'photo_test.hdf5': 'a'},
        {'url1': 'a', 'url2': 'b', 'url3': 'c'})
    self.assertEqual(matched, {'url1': 'photo_test.hdf5', 'url2': 'sketch_test.hdf5'})
    self.assertEqual(unmatched, ['cartoon_val.hdf5', 'photo_val.hdf5'])  # Unknown; a copy.


if __name__ == '__main__':
  absltest.main()
