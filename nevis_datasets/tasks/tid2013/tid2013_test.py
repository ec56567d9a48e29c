"""tid2013 on a fake tid2013.rar (see dummy_data_generation.py), with the table shrunk to match."""

from unittest import mock

from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets.tasks.tid2013 import dummy_data_generation
from nevis_datasets.tasks.tid2013 import tid2013


class Tid2013Test(testing.TaskTestCase):
  DATASET_CLASS = tid2013.Tid2013
  # 2 subjects x 3 types x 5 levels = 30 BMPs, a few named I.., split by lower-cased name hash.
  SPLITS = {'train': 16, 'dev': 3, 'dev_test': 6, 'test': 5}

  def setUp(self):
    super().setUp()
    patcher = mock.patch.object(tid2013.Tid2013, 'SOURCE', dummy_data_generation.SOURCE)
    patcher.start()
    self.addCleanup(patcher.stop)

  def check_labels(self, labels):
    # 30 values, M = 6; ties go to the lower bucket (the two 0.60s, 0.64s, 0.73s, 0.92s ...).
    self.assertEqual(labels['train'], [0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4])
    self.assertEqual(labels['dev'], [0, 1, 4])  # i01_03_1 0.60, i02_02_3 0.69, i02_01_1 0.96
    self.assertEqual(labels['dev_test'], [0, 0, 1, 1, 2, 4])
    self.assertEqual(labels['test'], [1, 2, 3, 3, 4])  # i01_01_4 (upper-case I01_01_4.bmp): 4

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for split in self.SPLITS:  # BMPs, stored as PNG RGB at their size.
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (3, 4, 3))
        self.assertEqual(example['image'].dtype, np.uint8)


class Tid2013SourceTest(absltest.TestCase):

  def test_table_name_and_size(self):
    self.assertEqual(tid2013.SOURCE.table, 'MSSIM.txt')  # Not TID2008's MSSIM.TXT.
    names = tid2013.SOURCE.image_names()
    self.assertLen(names, 3000)
    self.assertEqual(names[4:6], ['i01_01_5.bmp', 'i01_02_1.bmp'])
    self.assertEqual(names[-1], 'i25_24_5.bmp')


if __name__ == '__main__':
  absltest.main()
