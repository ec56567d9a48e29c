"""Test helpers for task builders (imported by tests only: it needs `dill` and TensorFlow)."""

from __future__ import annotations

import importlib
import os
import pathlib
import sys
import tarfile
import zipfile
from collections.abc import Mapping
from unittest import mock

from absl.testing import absltest
from etils import epath

import tensorflow_datasets as tfds

from nevis_datasets import catalog
from nevis_datasets.toolkit import downloads
from nevis_datasets.toolkit import tfds_derived


class TaskTestCase(tfds.testing.DatasetBuilderTestCase):
  """`DatasetBuilderTestCase` for one NEVIS task, on the fake archive in its `dummy_data/`.

  Subclasses set `DATASET_CLASS` and `SPLITS`, and implement `check_labels`, which receives
  every label of every split of the dummy build. Each download resolves to
  `dummy_data/<its catalog file name>` (the name a user would place in the manual dir) unless a
  subclass sets the `DL_*` results. Checksums are
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

  def _get_dl_download_result(self, url):
    if self.DL_DOWNLOAD_RESULT is not None or self.DL_EXTRACT_RESULT is not None:
      return super()._get_dl_download_result(url)
    self._add_url(url)
    return self.dummy_data / catalog_file_name(self.DATASET_CLASS.TASK, url)

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


def task_test_case(task_id: str) -> type[TaskTestCase]:
  """The builder test of `task_id` (`tasks/<task>/<task>_test.py`): its fake data and patches."""
  module = importlib.import_module(f'nevis_datasets.tasks.{task_id}.{task_id}_test')
  cases = [value for value in vars(module).values()
           if isinstance(value, type) and issubclass(value, TaskTestCase)
           and value.__module__ == module.__name__
           and getattr(value, 'DATASET_CLASS', None) is not None
           and value.DATASET_CLASS.TASK == task_id]
  if not cases:
    raise LookupError(f'[{task_id}] {module.__name__} has no TaskTestCase of the task.')
  return cases[0]


def build_from_fake_data(task_id: str, data_dir: os.PathLike) -> None:
  """Builds `task_id` into `data_dir` from its test's fake data, under its test's patches.

  For the smoke run of a whole stream. A downloaded task reads its dummy archives through the
  manual dir, as a user's placed files; a TFDS-derived task is built as its test builds it
  (fake upstream examples, or TFDS's own mocked downloads of the upstream's dummy files).
  """
  case_class = task_test_case(task_id)
  case_class.setUpClass()
  case = case_class('test_download_and_prepare_as_dataset')
  try:
    case.setUp()
    case.tmp_dir = os.fspath(data_dir)  # Everything the test reads back, from this data dir.
    builder = case.DATASET_CLASS(data_dir=case.tmp_dir)
    if isinstance(builder, tfds_derived.TfdsDerivedTaskBuilder):
      case._download_and_prepare_as_dataset(builder)  # pylint: disable=protected-access
    else:
      builder.download_and_prepare(download_config=tfds.download.DownloadConfig(
          manual_dir=os.fspath(case.dummy_data),
          compute_stats=tfds.download.ComputeStatsMode.SKIP))
  finally:
    case.doCleanups()
    case_class.tearDownClass()


def catalog_file_name(task: str, url: str) -> str:
  """The catalog file name of `url` (original or mirrored) among `task`'s downloads."""
  for download in catalog.get(task).downloads:
    if url in (download.url, downloads.mirrored_url(download.url, download.file_name)):
      return download.file_name
  raise AssertionError(f'[{task}] {url} is not among the catalog downloads of the task.')


def extracted_tar(archive: os.PathLike, into: os.PathLike) -> epath.Path:
  """`archive` (a fake tar or tar.gz) extracted into the dir `into`, as the build would."""
  with tarfile.open(archive) as tar:
    tar.extractall(into, filter='data')
  return epath.Path(into)


def listed_examples(builder_class, sources: Mapping[str, os.PathLike],
                    data_dir: os.PathLike) -> list:
  """What `builder_class._examples` lists, without a TFDS build (for listing-rule tests).

  Each catalog download of the task resolves to `sources[<its catalog file name>]`: the
  archive itself, or what its extraction would be (the builder's `extract` is not run).
  """
  task = builder_class.TASK

  def download(self, dl_manager, url, *, extract=False):
    del self, dl_manager, extract
    return epath.Path(sources[catalog_file_name(task, url)])

  with mock.patch.object(builder_class, 'download', download):
    return list(builder_class(data_dir=os.fspath(data_dir))._examples(dl_manager=None))


class KaggleListingTestCase(absltest.TestCase):
  """What a Kaggle task's `_examples` lists from its fake archive, without a TFDS build.

  The archive (`dummy_data/<catalog file name>` beside the builder module) is extracted into
  `self.root`, as the toolkit's Kaggle path extracts it; a test edits `self.root` to check what
  stops the build. Subclasses set BUILDER_CLASS.
  """

  BUILDER_CLASS: type

  def setUp(self):
    super().setUp()
    module = pathlib.Path(sys.modules[self.BUILDER_CLASS.__module__].__file__)
    download = catalog.get(self.BUILDER_CLASS.TASK).downloads[0]
    self.root = pathlib.Path(self.create_tempdir().full_path)
    with zipfile.ZipFile(module.parent / 'dummy_data' / download.file_name) as archive:
      archive.extractall(self.root)
    self.builder = self.BUILDER_CLASS(data_dir=self.create_tempdir().full_path)

  def listed(self) -> list:
    with mock.patch.object(self.BUILDER_CLASS, 'download_kaggle',
                           return_value=epath.Path(self.root)):
      return list(self.builder._examples(dl_manager=None))  # pylint: disable=protected-access
