"""Test helpers for task builders (imported by tests only: it needs `dill` and TensorFlow)."""

from __future__ import annotations

import os
from unittest import mock

import tensorflow_datasets as tfds

from nevis_datasets.toolkit import downloads


class TaskTestCase(tfds.testing.DatasetBuilderTestCase):
  """`DatasetBuilderTestCase` for one NEVIS task, on the fake archive in its `dummy_data/`.

  Subclasses set `DATASET_CLASS`, `SPLITS` and the `DL_*` results, and implement
  `check_labels`, which receives every label of every split of the dummy build. Checksums are
  not verified: fake archives cannot match the catalog's md5s (the md5 check has its own
  toolkit tests). Kaggle credentials are hidden, so Kaggle tasks take the manual-dir path.
  """

  SKIP_CHECKSUMS = True

  @classmethod
  def setUpClass(cls):
    cls.BUILDER_CONFIG_NAMES_TO_TEST = [cls.DATASET_CLASS.TASK]
    super().setUpClass()

  def setUp(self):
    super().setUp()
    hidden = {var: '' for var in ('KAGGLE_API_TOKEN', 'KAGGLE_USERNAME', 'KAGGLE_KEY')}
    patcher = mock.patch.dict(os.environ, {
        downloads.SKIP_CHECKSUMS_ENV: '1',
        'KAGGLE_CONFIG_DIR': os.path.join(self.tmp_dir, 'no-kaggle'),
        **hidden,
    })
    patcher.start()
    self.addCleanup(patcher.stop)

  def check_labels(self, labels: dict[str, list]) -> None:
    """Asserts the labels of the dummy build: split -> labels (ids, or multi-hot lists)."""
    raise NotImplementedError(f'{type(self).__name__} must check its labels.')

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    key = builder.label_key
    labels = {
        split: sorted(ex[key].tolist() if key == 'labels' else int(ex[key])
                      for ex in tfds.as_numpy(builder.as_dataset(split=split)))
        for split in builder.info.splits
    }
    self.check_labels(labels)
