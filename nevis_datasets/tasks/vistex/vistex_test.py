"""vistex on a fake VisTex.tar.gz (see dummy_data_generation.py)."""

import pathlib
import tarfile

from absl.testing import absltest
import ncompress
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.vistex import vistex

_DUMMY_ARCHIVE = pathlib.Path(__file__).parent / 'dummy_data' / 'VisTex.tar.gz'


class VistexTest(testing.TaskTestCase):
  DATASET_CLASS = vistex.Vistex
  # 11 Reference textures (links in part A to PPMs in parts B and C), split by path hash; the
  # scene image and the README are not used.
  SPLITS = {'train': 7, 'dev': 1, 'dev_test': 1, 'test': 2}

  def check_labels(self, labels):
    # Bark 0, Fabric 4, WheresWaldo 17 (sorted category names).
    self.assertEqual(labels['train'], [0, 0, 4, 4, 4, 17, 17])
    self.assertEqual(labels['dev'], [0])  # Bark/Bark.0000.ppm
    self.assertEqual(labels['dev_test'], [17])  # WheresWaldo/WheresWaldo.0000.ppm
    self.assertEqual(labels['test'], [0, 4])  # Bark/Bark.0003.ppm, Fabric/Fabric.0002.ppm

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for example in tfds.as_numpy(builder.as_dataset(split='test')):
      self.assertEqual(example['image'].shape, (8, 8, 3))  # Whole PPMs (no random crop).


class ExamplesTest(absltest.TestCase):
  """`_examples` on the extracted dummy archive, as is or with a damaged part."""

  def _extracted(self) -> pathlib.Path:
    return testing.extracted_tar(_DUMMY_ARCHIVE, self.create_tempdir().full_path)

  def _examples(self, root: pathlib.Path) -> dict[str, toolkit.Example]:
    examples = testing.listed_examples(vistex.Vistex, {'VisTex.tar.gz': root},
                                       self.create_tempdir().full_path)
    return {e.key: e for e in examples}

  def test_links_resolve_across_parts(self):
    examples = self._examples(self._extracted())
    self.assertLen(examples, 11)
    bark = examples['VisTex/Images/Reference/Bark/Bark.0002.ppm']  # Image in part B.
    fabric = examples['VisTex/Images/Reference/Fabric/Fabric.0001.ppm']  # Image in part C.
    self.assertEqual((bark.label, fabric.label), ('Bark', 'Fabric'))
    self.assertTrue(bark.image.startswith(b'P6\n# SRC'))
    self.assertLen(fabric.image, len(b'P6\n# SRC photo josh\n8 8\n255\n') + 8 * 8 * 3)

  def test_a_corrupt_part_is_named(self):
    for data in (b'\x1f\x9d\x90garbage', b'not compressed at all'):
      root = self._extracted()
      (root / 'VisionTexture/vistex1.0a.B.tar.Z').write_bytes(data)
      with self.assertRaisesRegex(
          toolkit.CorruptDataError,
          r'\[vistex\] VisionTexture/vistex1.0a.B.tar.Z cannot be decompressed'):
        self._examples(root)

  def test_a_part_that_is_not_a_tar_is_named(self):
    root = self._extracted()
    (root / 'VisionTexture/vistex1.0a.C.tar.Z').write_bytes(ncompress.compress(b'x' * 600))
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                'vistex1.0a.C.tar.Z is not a readable tar once decompressed'):
      self._examples(root)

  def test_a_missing_part_breaks_links(self):
    root = self._extracted()
    (root / 'VisionTexture/vistex1.0a.C.tar.Z').unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError, 'Fabric.0000.ppm.* in no part'):
      self._examples(root)

  def test_no_parts(self):
    root = pathlib.Path(self.create_tempdir().full_path)
    with self.assertRaisesRegex(toolkit.CorruptDataError, r'has no VisionTexture/\*.tar.Z'):
      self._examples(root)


class CategoryOfTest(absltest.TestCase):

  def test_reference_folder_is_the_category(self):
    self.assertEqual(vistex.category_of('VisTex/Images/Reference/Paintings/Paintings.11.0001.ppm'),
                     'Paintings')

  def test_other_paths_are_not_reference_textures(self):
    for path in ('VisTex/Images/Scenes/GrassPlantsSky/context1.ppm',
                 'VisTex/FLAT/512x512/Bark.0000.ppm', 'VisTex/README',
                 'VisTex/Images/Reference/Bark/README'):
      self.assertIsNone(vistex.category_of(path))

  def test_unknown_or_nested_category(self):
    for path in ('VisTex/Images/Reference/Sky/Sky.0000.ppm',
                 'VisTex/Images/Reference/Bark/128x128/Bark.0000.ppm'):
      with self.assertRaisesRegex(ValueError, 'not in a Reference category folder'):
        vistex.category_of(path)

  def test_class_names_are_sorted(self):
    self.assertEqual(list(vistex.CLASS_NAMES), sorted(set(vistex.CLASS_NAMES)))


class LinksTest(absltest.TestCase):

  def _link(self, name: str, target: str, kind: bytes = tarfile.SYMTYPE) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info

  def test_symbolic_links_are_relative_to_their_folder(self):
    link = self._link('VisTex/Images/Reference/Bark/Bark.0000.ppm',
                      '../../../FLAT/512x512/Bark.0000.ppm')
    self.assertEqual(vistex.link_target(link), 'VisTex/FLAT/512x512/Bark.0000.ppm')

  def test_hard_links_name_their_target_from_the_root(self):
    link = self._link('VisTex/Images/Reference/Bark/Bark.0000.ppm',
                      'VisTex/FLAT/512x512/Bark.0000.ppm', tarfile.LNKTYPE)
    self.assertEqual(vistex.link_target(link), 'VisTex/FLAT/512x512/Bark.0000.ppm')

  def test_links_out_of_the_tree(self):
    with self.assertRaisesRegex(ValueError, 'absolute link'):
      vistex.link_target(self._link('VisTex/a.ppm', '/mas/vision/FLAT/a.ppm'))
    with self.assertRaisesRegex(ValueError, 'out of the VisTex tree'):
      vistex.link_target(self._link('VisTex/a.ppm', '../../a.ppm'))

  def test_resolve(self):
    files = {'VisTex/FLAT/a.ppm': 'vistex1.0a.B.tar.Z'}
    links = {'r/a.ppm': 's/a.ppm', 's/a.ppm': 'VisTex/FLAT/a.ppm', 'r/b.ppm': 'VisTex/FLAT/b.ppm',
             'r/c.ppm': 'r/d.ppm', 'r/d.ppm': 'r/c.ppm'}
    self.assertEqual(vistex.resolve('r/a.ppm', files, links), 'VisTex/FLAT/a.ppm')
    self.assertEqual(vistex.resolve('VisTex/FLAT/a.ppm', files, links), 'VisTex/FLAT/a.ppm')
    with self.assertRaisesRegex(ValueError, "'VisTex/FLAT/b.ppm' is in no part"):
      vistex.resolve('r/b.ppm', files, links)
    with self.assertRaisesRegex(ValueError, 'loop'):
      vistex.resolve('r/c.ppm', files, links)


class DecompressPartTest(absltest.TestCase):

  def test_round_trip(self):
    self.assertEqual(vistex.decompress_part(ncompress.compress(b'tar' * 100), 'p.tar.Z'),
                     b'tar' * 100)

  def test_not_lzw(self):
    with self.assertRaisesRegex(ValueError, 'p.tar.Z cannot be decompressed'):
      vistex.decompress_part(b'PK\x03\x04', 'p.tar.Z')


if __name__ == '__main__':
  absltest.main()
