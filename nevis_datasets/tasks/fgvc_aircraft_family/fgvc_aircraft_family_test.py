"""fgvc_aircraft_family on a fake fgvc-aircraft-2013b.tar.gz (see dummy_data_generation.py)."""

import pathlib

from absl.testing import absltest
from etils import epath

from nevis_datasets import testing
from nevis_datasets.tasks.fgvc_aircraft_family import fgvc_aircraft_family


class FgvcAircraftFamilyTest(testing.TaskTestCase):
  DATASET_CLASS = fgvc_aircraft_family.FgvcAircraftFamily
  # images_family_trainval.txt lists 5 images per family (20), hashed into train/dev/dev_test;
  # images_family_test.txt lists 2 per family.
  SPLITS = {'train': 15, 'dev': 4, 'dev_test': 1, 'test': 8}

  def check_labels(self, labels):
    # families.txt order: A300 -> 0, Boeing 737 -> 15, F/A-18 -> 45, Yak-42 -> 69.
    self.assertEqual(labels['train'], [0, 0, 0, 15, 15, 15, 15, 15, 45, 45, 45, 45, 45, 69, 69])
    self.assertEqual(labels['dev'], [0, 69, 69, 69])
    self.assertEqual(labels['dev_test'], [0])
    self.assertEqual(labels['test'], [0, 0, 15, 15, 45, 45, 69, 69])


class ClassNamesTest(absltest.TestCase):

  def test_families_txt_order_is_also_sorted(self):
    # So the source's order and the project's sorted rule give the same ids.
    names = fgvc_aircraft_family.CLASS_NAMES
    self.assertLen(names, 70)
    self.assertEqual(list(names), sorted(set(names)))

  def test_parse_families(self):
    self.assertEqual(fgvc_aircraft_family.parse_families('A300\nBAE 146\n\n'), ['A300', 'BAE 146'])


class ParseSplitLineTest(absltest.TestCase):

  def test_id_and_family(self):
    self.assertEqual(fgvc_aircraft_family.parse_split_line('0034309 Cessna Citation\n'),
                     ('0034309', 'Cessna Citation'))
    self.assertEqual(fgvc_aircraft_family.parse_split_line('1025794 F/A-18'),
                     ('1025794', 'F/A-18'))

  def test_malformed_lines(self):
    for line in ('Boeing 737', '1025794', 'x1025794 A300', '1025794\tA300', ' 1025794 A300'):
      with self.assertRaisesRegex(ValueError, 'is not "<image id> <family>"'):
        fgvc_aircraft_family.parse_split_line(line)

  def test_unknown_family(self):
    # A variant or manufacturer list read by mistake.
    with self.assertRaisesRegex(ValueError, "unknown family 'Boeing 737-700'"):
      fgvc_aircraft_family.parse_split_line('1025794 Boeing 737-700')


class ListedExamplesTest(absltest.TestCase):

  def _data(self, families: str, trainval: str) -> epath.Path:
    root = pathlib.Path(self.create_tempdir().full_path)
    data = root / 'fgvc-aircraft-2013b' / 'data'
    (data / 'images').mkdir(parents=True)
    (data / 'images' / '0034309.jpg').write_bytes(b'')
    (data / 'families.txt').write_text(families)
    (data / 'images_family_trainval.txt').write_text(trainval)
    (data / 'images_family_test.txt').write_text('')
    return epath.Path(root)

  def test_families_txt_must_be_the_known_list(self):
    names = list(fgvc_aircraft_family.CLASS_NAMES)
    names[1], names[2] = names[2], names[1]
    root = self._data('\n'.join(names), '0034309 A300\n')
    with self.assertRaisesRegex(ValueError, "line 2 is 'A320', not 'A310'"):
      list(fgvc_aircraft_family.listed_examples(root))

  def test_listed_image_must_exist(self):
    root = self._data('\n'.join(fgvc_aircraft_family.CLASS_NAMES), '0034309 A300\n1 A310\n')
    with self.assertRaisesRegex(ValueError, 'lists image 1, but .*/images/1.jpg is missing'):
      list(fgvc_aircraft_family.listed_examples(root))


if __name__ == '__main__':
  absltest.main()
