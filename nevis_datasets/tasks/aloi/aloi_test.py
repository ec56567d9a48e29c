"""aloi on fake aloi_red4_{col,view,ill}.tar (see dummy_data_generation.py), through Beam."""

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.aloi import aloi


class AloiTest(testing.TaskTestCase):
  """Runs on TaskBuilder's default Beam runner: the in-process FnApiRunner."""

  DATASET_CLASS = aloi.Aloi
  # Objects 1, 2, 1000: 2 col + 4 view images each, split by key hash; 1 ill image each (test).
  SPLITS = {'train': 13, 'dev': 3, 'dev_test': 2, 'test': 3}

  def check_labels(self, labels):
    # Object n -> id n - 1.
    self.assertEqual(labels['train'], [0, 0, 0, 0, 1, 1, 1, 1, 1, 999, 999, 999, 999])
    self.assertEqual(labels['dev'], [0, 0, 999])
    self.assertEqual(labels['dev_test'], [1, 999])
    self.assertEqual(labels['test'], [0, 1, 999])

  def test_stereo_tar_is_not_downloaded(self):
    self.assertNotIn('stereo', aloi.TARS)


class ObjectIdTest(absltest.TestCase):

  def test_second_path_component(self):
    self.assertEqual(aloi.object_id('png4/1/1_i110.png'), 0)
    self.assertEqual(aloi.object_id('png4/1000/1000_l8c3.png'), 999)

  def test_rejects_other_members(self):
    for member in ('png4/0/0_r0.png', 'png4/1001/x.png', 'png4/mask/x.png', 'README'):
      with self.assertRaisesRegex(ValueError, 'object folder'):
        aloi.object_id(member)


if __name__ == '__main__':
  absltest.main()
