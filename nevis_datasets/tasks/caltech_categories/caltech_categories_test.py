"""caltech_categories on fake Cars_1999, Cars_2001, motorbikes_side zips (see dummy_data)."""

import os
import shutil

from nevis_datasets import catalog
from nevis_datasets import testing
from nevis_datasets.tasks.caltech_categories import caltech_categories


class CaltechCategoriesTest(testing.TaskTestCase):
  DATASET_CLASS = caltech_categories.CaltechCategories
  # 9 JPEGs in each of the 3 inner tars (README and .mat members ignored), split by the hash of
  # '<category>/<member>'.
  SPLITS = {'train': 21, 'dev': 1, 'dev_test': 4, 'test': 1}

  def _get_dl_download_result(self, url):
    # Three downloads: each URL gets its own fake zip (the base class returns one for all),
    # under a name like the one TFDS gives it ('...Cars_2001.zipdownload=1'), from which the
    # archive type cannot be guessed.
    self._add_url(url)
    name = catalog.url_file_name(url)
    path = os.path.join(self.tmp_dir, f'data.caltech.edu_{name}download=1')
    shutil.copyfile(self.dummy_data / name, path)
    return path

  def check_labels(self, labels):
    # cars_1999 and cars_2001 -> car (0), motorcycles_2001 -> motorcycle (1).
    self.assertEqual(labels['train'], [0] * 14 + [1] * 7)
    self.assertEqual(labels['dev'], [0])
    self.assertEqual(labels['dev_test'], [0, 0, 1, 1])
    self.assertEqual(labels['test'], [0])
