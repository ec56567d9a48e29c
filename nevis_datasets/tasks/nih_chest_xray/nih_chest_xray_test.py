"""nih_chest_xray on a fake Kaggle data.zip (see dummy_data_generation.py), through Beam."""

import io
import os
import pathlib
import zipfile
from unittest import mock

from absl.testing import absltest
import numpy as np
from PIL import Image
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.nih_chest_xray import dummy_data_generation as generation
from nevis_datasets.tasks.nih_chest_xray import nih_chest_xray as nih
from nevis_datasets.toolkit import downloads
from nevis_datasets.toolkit import images

_DUMMY_DATA = pathlib.Path(__file__).parent / 'dummy_data'
_DUMMY_ZIP = _DUMMY_DATA / 'data.zip'
_REPO_ROOT = pathlib.Path(__file__).parents[3]
# 20 train_val_list images hashed 0.7/0.15/0.15; 6 test_list images; UNLISTED left out.
_SPLITS = {'train': 11, 'dev': 3, 'dev_test': 6, 'test': 6}


def _present(labels):
  """The present label ids of each multi-hot label, sorted."""
  return sorted(tuple(int(i) for i in np.flatnonzero(hot)) for hot in labels)


def _stored_pixels(member: str) -> np.ndarray:
  """What the build must store for a member of the fake zip: its 8-bit grayscale pixels."""
  with zipfile.ZipFile(_DUMMY_ZIP) as archive:
    return images.decoded_pixels(archive.read(member), grayscale=True)


def _listed_members() -> list[str]:
  with zipfile.ZipFile(_DUMMY_ZIP) as archive:
    return [name for name in archive.namelist()
            if name.endswith('.png') and not name.endswith(generation.UNLISTED)]


class NihChestXrayTest(testing.TaskTestCase):
  """Runs on TaskBuilder's default Beam runner: the in-process FnApiRunner.

  Kaggle credentials are hidden, so data.zip comes from the manual dir (dummy_data/).
  """

  DATASET_CLASS = nih.NihChestXray
  SPLITS = _SPLITS

  def check_labels(self, labels):
    # Atelectasis 0, Consolidation 1, Infiltration 2, Pneumothorax 3, Edema 4, Emphysema 5,
    # Fibrosis 6, Effusion 7, Pneumonia 8, Pleural_Thickening 9, Cardiomegaly 10, Nodule 11,
    # Mass 12, Hernia 13, No Finding 14.
    self.assertEqual({split: _present(hots) for split, hots in labels.items()}, {
        'train': [(0, 1, 2), (2, 7, 12), (3,), (4,), (8,), (10,), (11,), (14,), (14,), (14,),
                  (14,)],
        'dev': [(0,), (2,), (14,)],  # 00000006_002, 00000005_001, 00000002_000.
        'dev_test': [(3, 5), (5, 10), (6, 9), (7, 10), (11, 12), (13,)],
        'test': [(4, 10), (7,), (9, 13), (12,), (14,), (14,)],
    })
    for hots in labels.values():
      self.assertTrue(all(len(hot) == 15 for hot in hots))

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    self.assertEqual(builder.info.metadata['class_names'], list(nih.CLASS_NAMES))
    stored = []
    for split in self.SPLITS:
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (8, 8, 1))
        stored.append(example['image'][..., 0].tobytes())
    # Every listed image once, 8-bit grayscale: the RGB, RGBA and 16-bit PNGs converted.
    expected = [_stored_pixels(member).tobytes() for member in _listed_members()]
    self.assertEqual(sorted(stored), sorted(expected))


class ParsingTest(absltest.TestCase):

  def test_class_names_are_the_references(self):
    self.assertLen(set(nih.CLASS_NAMES), 15)
    self.assertEqual(nih.CLASS_NAMES[:3], ('Atelectasis', 'Consolidation', 'Infiltration'))
    self.assertEqual(nih.CLASS_NAMES[-2:], ('Hernia', 'No Finding'))

  def test_parse_findings(self):
    self.assertEqual(nih.parse_findings('Mass|Effusion|Mass'), ('Effusion', 'Mass'))
    self.assertEqual(nih.parse_findings('No Finding'), ('No Finding',))
    for text, message in (('', "finding ''"), ('Mass|', "finding ''"),
                          ('Pleural Thickening', "'Pleural Thickening' is not one of the 15"),
                          ('mass', "'mass'"), (' Mass', "' Mass'")):
      with self.assertRaisesRegex(ValueError, message):
        nih.parse_findings(text)

  def test_parse_labels(self):
    # The Kaggle header (trailing comma), a BOM, CRLF ends and a blank line.
    text = ('\ufeffImage Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,'
            'View Position,OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y],\r\n'
            '00000001_000.png,Cardiomegaly,0,1,58,M,PA,2682,2749,0.143,0.143\r\n\r\n'
            '00000001_001.png,Cardiomegaly|Emphysema,1,1,58,M,PA,2894,2729,0.143,0.143\r\n')
    self.assertEqual(nih.parse_labels(text), {
        '00000001_000.png': ('Cardiomegaly',),
        '00000001_001.png': ('Emphysema', 'Cardiomegaly')})
    # The 2020 file's header (no trailing comma) and a two-column table.
    self.assertEqual(nih.parse_labels('Image Index,Finding Labels\na.png,Mass\n'),
                     {'a.png': ('Mass',)})

  def test_malformed_labels(self):
    header = 'Image Index,Finding Labels,Follow-up #\n'
    for text, message in (
        ('', r'starts with None, not the header Image Index,Finding Labels'),
        ('Finding Labels,Image Index\n', "starts with \\['Finding Labels', 'Image Index'\\]"),
        ('00000001_000.png,Mass,0\n', 'not the header'),
        (header + '00000001_000.png\n', 'line 2: 1 field'),
        (header + 'a.png,Mass,0\nb.png,Tumour,0\n', "line 3: finding 'Tumour'"),
        (header + 'a.png,,0\n', "line 2: finding ''"),
        (header + 'a.jpg,Mass,0\n', "line 2: 'a.jpg' is not the file name of a PNG"),
        (header + 'images/a.png,Mass,0\n', 'is not the file name'),
        (header + 'a.png,Mass,0\na.png,Edema,1\n', 'line 3: a.png has two rows'),
    ):
      with self.subTest(text), self.assertRaisesRegex(ValueError, message):
        nih.parse_labels(text)
    with self.assertRaisesRegex(ValueError, f'^{nih.LABELS_CSV} line 2'):
      nih.parse_labels(header + 'a.png,Tumour,0\n')

  def test_parse_list(self):
    text = '\ufeffb.png\r\na.png\n\n b.png \nc.png'
    self.assertEqual(nih.parse_list(text, 'l.txt'), ['b.png', 'a.png', 'c.png'])
    with self.assertRaisesRegex(ValueError, "l.txt line 2: 'images_001/a.png' is not the file"):
      nih.parse_list('b.png\nimages_001/a.png\n', 'l.txt')

  def test_image_in_both_lists(self):
    with self.assertRaisesRegex(ValueError, r'1 image\(s\) are in both train_val_list.txt and '
                                            r'test_list.txt, e.g. b.png'):
      nih.source_splits({'train_val_list.txt': ['a.png', 'b.png'],
                         'test_list.txt': ['b.png', 'c.png']})
    self.assertEqual(nih.source_splits({'train_val_list.txt': ['a.png'],
                                        'test_list.txt': ['c.png']}),
                     {'a.png': 'train', 'c.png': 'test'})

  def test_image_files(self):
    files = [('Data_Entry_2017.csv', 'p0'), ('images_001/images/a.png', 'p1'),
             ('images_012/images/b.png', 'p2'), ('images_001/a.png', 'p3'),
             ('images_001/images/Thumbs.db', 'p4'), ('README_CHESTXRAY.pdf', 'p5')]
    self.assertEqual(nih.image_files(files), ({
        'a.png': ('images_001/images/a.png', 'p1'),
        'b.png': ('images_012/images/b.png', 'p2')}, 4))
    with self.assertRaisesRegex(ValueError, 'images_001/images/a.png and images_002/images/a.png '
                                            'have the same file name'):
      nih.image_files([('images_001/images/a.png', 'p1'), ('images_002/images/a.png', 'p2')])


class ListingTest(testing.KaggleListingTestCase):
  """What `_examples` lists from the extracted fake archive, without a TFDS build."""

  BUILDER_CLASS = nih.NihChestXray

  def _examples(self) -> list[toolkit.Example]:
    return self.listed()

  def _replace_in(self, name: str, old: str, new: str) -> None:
    path = self.root / name
    text = path.read_text()
    self.assertIn(old, text)
    path.write_text(text.replace(old, new))

  def test_lists_the_listed_images_as_paths(self):
    examples = self._examples()
    self.assertLen(examples, 26)  # UNLISTED (in the CSV, in no list) is left out.
    self.assertEqual([e.source_split for e in examples], ['train'] * 20 + ['test'] * 6)
    first = examples[0]
    self.assertEqual(first.key, 'images_001/images/00000001_000.png')
    self.assertEqual(first.label, ('Cardiomegaly',))
    self.assertIsInstance(first.image, str)  # Read by the workers, not held in the listing.
    self.assertEqual(first.image, os.fspath(self.root / first.key))
    self.assertNotIn(generation.UNLISTED, [e.key.rsplit('/', 1)[-1] for e in examples])

  def test_grayscale_pngs_pass_through_others_are_converted(self):
    by_name = {e.key.rsplit('/', 1)[-1]: e.image for e in self._examples()}
    gray = by_name['00000001_000.png']
    self.assertEqual(images.encode_image(gray, grayscale=True),
                     pathlib.Path(gray).read_bytes())
    for name in (generation.RGB, generation.RGBA, generation.SIXTEEN_BIT):
      original = pathlib.Path(by_name[name]).read_bytes()
      stored = images.encode_image(by_name[name], grayscale=True)
      self.assertNotEqual(stored, original)
      with Image.open(io.BytesIO(stored)) as image:
        self.assertEqual((image.format, image.mode, image.size), ('PNG', 'L', (8, 8)))
      with Image.open(io.BytesIO(original)) as image:
        if name == generation.SIXTEEN_BIT:  # Rescaled by its peak, not clipped at 255.
          wide = np.asarray(image, dtype=np.float64)
          expected = (wide * (255.0 / wide.max())).astype(np.uint8)
        else:  # Opaque RGBA: the same as RGB.
          expected = np.asarray(image.convert('RGB').convert('L'))
      np.testing.assert_array_equal(images.decoded_pixels(stored, grayscale=True), expected)

  def test_missing_file_stops_the_build(self):
    for name in ('Data_Entry_2017.csv', 'train_val_list.txt', 'test_list.txt'):
      with self.subTest(name):
        (self.root / name).rename(self.root / f'{name}.moved')
        with self.assertRaisesRegex(toolkit.CorruptDataError,
                                    rf'\[nih_chest_xray\] {name} is missing. data.zip'):
          self._examples()
        (self.root / f'{name}.moved').rename(self.root / name)

  def test_listed_image_missing_from_the_archive_stops_the_build(self):
    (self.root / 'images_002/images/00000005_001.png').unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[nih_chest_xray\] 1 listed image\(s\) are not in any '
                                r'images_<NNN>/images/ folder, e.g. 00000005_001.png. data.zip '
                                r'\(Kaggle nih-chest-xrays/data\) does not have the expected'):
      self._examples()

  def test_listed_image_without_a_csv_row_stops_the_build(self):
    self._replace_in('Data_Entry_2017.csv', '00000009_001.png,', '00000010_001.png,')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'1 listed image\(s\) have no row in Data_Entry_2017.csv, '
                                r'e.g. 00000009_001.png'):
      self._examples()

  def test_image_in_both_lists_stops_the_build(self):
    with (self.root / 'test_list.txt').open('a') as f:
      f.write('00000001_000.png\n')
    with self.assertRaisesRegex(toolkit.CorruptDataError, r'in both .* e.g. 00000001_000.png'):
      self._examples()

  def test_unknown_finding_stops_the_build(self):
    self._replace_in('Data_Entry_2017.csv', '00000002_002.png,Hernia,',
                     '00000002_002.png,Hernia|Fracture,')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r"Data_Entry_2017.csv line 7: finding 'Fracture' is not one"):
      self._examples()

  def test_changed_csv_header_stops_the_build(self):
    self._replace_in('Data_Entry_2017.csv', 'Image Index,Finding Labels,', 'Image,Labels,')
    with self.assertRaisesRegex(toolkit.CorruptDataError, 'not the header Image Index,Finding'):
      self._examples()

  def test_image_in_two_folders_stops_the_build(self):
    copy = self.root / 'images_002/images/00000001_000.png'
    copy.write_bytes((self.root / 'images_001/images/00000001_000.png').read_bytes())
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                'images_001/images/00000001_000.png and images_002/images/'
                                '00000001_000.png have the same file name'):
      self._examples()


def test_builds_with_multi_processing_beam_runner(tmp_path):
  """The documented local build: FnApiRunner with worker subprocesses.

  Same as `--beam_pipeline_options=runner=FnApiRunner,direct_num_workers=2,
  direct_running_mode=multi_processing`, with data.zip placed in the manual dir. The workers are
  fresh Python processes: they import nevis_datasets from PYTHONPATH and read the PNGs from the
  extraction themselves.
  """
  beam = tfds.core.lazy_imports.apache_beam
  options = beam.options.pipeline_options.PipelineOptions([
      '--runner=FnApiRunner', '--direct_num_workers=2',
      '--direct_running_mode=multi_processing'])
  python_path = os.pathsep.join(filter(None, [str(_REPO_ROOT), os.environ.get('PYTHONPATH')]))
  hidden = {var: '' for var in ('KAGGLE_API_TOKEN', 'KAGGLE_USERNAME', 'KAGGLE_KEY')}
  with mock.patch.dict(os.environ, {downloads.SKIP_CHECKSUMS_ENV: '1', 'PYTHONPATH': python_path,
                                    'KAGGLE_CONFIG_DIR': str(tmp_path / 'no-kaggle'), **hidden}):
    builder = nih.NihChestXray(data_dir=str(tmp_path / 'data'))
    builder.download_and_prepare(
        download_dir=str(tmp_path / 'downloads'),
        download_config=tfds.download.DownloadConfig(
            manual_dir=str(_DUMMY_DATA), beam_options=options,
            compute_stats=tfds.download.ComputeStatsMode.SKIP))
  assert {name: split.num_examples for name, split in builder.info.splits.items()} == _SPLITS
  assert builder.info.metadata['skipped_images'] == {
      split: {'count': 0, 'keys': [], 'allowed': 1} for split in _SPLITS}
  test = tfds.as_numpy(builder.as_dataset(split='test', batch_size=-1))
  assert test['image'].shape == (6, 8, 8, 1)
  assert test['labels'].shape == (6, 15)


if __name__ == '__main__':
  absltest.main()
