"""uiuc_cars on a fake uiuc.tar.gz (see dummy_data_generation.py)."""

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.uiuc_cars import uiuc_cars


class UiucCarsTest(testing.TaskTestCase):
  DATASET_CLASS = uiuc_cars.UiucCars
  DL_DOWNLOAD_RESULT = 'uiuc.tar.gz'
  # 9 neg + 11 pos training windows, split by path hash; the 6 test scenes are left out.
  SPLITS = {'train': 10, 'dev': 1, 'dev_test': 4, 'test': 5}

  def check_labels(self, labels):
    # neg -> 0, pos -> 1.
    self.assertEqual(labels['train'], [0, 0, 0, 0, 1, 1, 1, 1, 1, 1])
    self.assertEqual(labels['dev'], [0])
    self.assertEqual(labels['dev_test'], [0, 0, 0, 1])
    self.assertEqual(labels['test'], [0, 1, 1, 1, 1])


class LabelOfTest(absltest.TestCase):

  def test_training_windows(self):
    self.assertEqual(uiuc_cars.label_of('CarData/TrainImages/pos-12.pgm'), 'pos')
    self.assertEqual(uiuc_cars.label_of('CarData/TrainImages/neg-0.pgm'), 'neg')

  def test_test_scenes_and_text_files_are_left_out(self):
    # The reference labelled TestImages/test-*.pgm 'neg' (no 'pos' in the path): a bug.
    self.assertIsNone(uiuc_cars.label_of('CarData/TestImages/test-0.pgm'))
    self.assertIsNone(uiuc_cars.label_of('CarData/TestImages_Scale/test-0.pgm'))
    self.assertIsNone(uiuc_cars.label_of('CarData/trueLocations.txt'))

  def test_unknown_training_file_is_an_error(self):
    with self.assertRaisesRegex(ValueError, 'neither'):
      uiuc_cars.label_of('CarData/TrainImages/other-1.pgm')


if __name__ == '__main__':
  absltest.main()
