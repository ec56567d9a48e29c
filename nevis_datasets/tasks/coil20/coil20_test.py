"""coil20 on a fake coil-20-proc.zip (see dummy_data_generation.py)."""

from nevis_datasets import testing
from nevis_datasets.tasks.coil20 import coil20


class Coil20Test(testing.TaskTestCase):
  DATASET_CLASS = coil20.Coil20
  DL_DOWNLOAD_RESULT = 'coil-20-proc.zip'
  SPLITS = {'train': 10, 'dev': 2, 'dev_test': 1, 'test': 5}  # 18 images, split by path hash.

  def check_labels(self, labels):
    # obj1 -> 0, obj2 -> 1, obj20 -> 19 (see the hash assignment of each file in the test doc).
    self.assertEqual(labels['train'], [0, 0, 0, 0, 1, 19, 19, 19, 19, 19])
    self.assertEqual(labels['dev'], [0, 1])
    self.assertEqual(labels['dev_test'], [1])
    self.assertEqual(labels['test'], [0, 1, 1, 1, 19])
