"""food101 on a fake food-101.tar.gz (see dummy_data_generation.py), through Apache Beam."""

import os
import pathlib
from unittest import mock

import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets.tasks.food101 import food101
from nevis_datasets.toolkit import downloads

_DUMMY_ARCHIVE = pathlib.Path(__file__).parent / 'dummy_data' / 'food-101.tar.gz'
_REPO_ROOT = pathlib.Path(__file__).parents[3]
# train.txt lists 5 images per class, hashed into train/dev/dev_test; test.txt lists 2 per class.
_SPLITS = {'train': 12, 'dev': 1, 'dev_test': 2, 'test': 6}


class Food101Test(testing.TaskTestCase):
  """Runs on TaskBuilder's default Beam runner: the in-process FnApiRunner."""

  DATASET_CLASS = food101.Food101
  DL_DOWNLOAD_RESULT = 'food-101.tar.gz'
  SPLITS = _SPLITS

  def check_labels(self, labels):
    # apple_pie -> 0, cheese_plate -> 16 (sorted: before cheesecake), waffles -> 100.
    self.assertEqual(labels['train'], [0, 0, 0, 16, 16, 16, 16, 100, 100, 100, 100, 100])
    self.assertEqual(labels['dev'], [0])  # apple_pie/100003
    self.assertEqual(labels['dev_test'], [0, 16])  # apple_pie/100005, cheese_plate/100005
    self.assertEqual(labels['test'], [0, 0, 16, 16, 100, 100])

  def test_class_names_are_sorted(self):
    self.assertLen(food101.Food101.CLASS_NAMES, 101)
    self.assertEqual(list(food101.Food101.CLASS_NAMES), sorted(set(food101.Food101.CLASS_NAMES)))


def test_builds_with_multi_processing_beam_runner(tmp_path):
  """The documented local build: FnApiRunner with worker subprocesses.

  Same as `--beam_pipeline_options=runner=FnApiRunner,direct_num_workers=2,
  direct_running_mode=multi_processing`. The workers are fresh Python processes: they import
  nevis_datasets from PYTHONPATH and read the images from the extracted paths themselves.
  """
  beam = tfds.core.lazy_imports.apache_beam
  options = beam.options.pipeline_options.PipelineOptions([
      '--runner=FnApiRunner', '--direct_num_workers=2',
      '--direct_running_mode=multi_processing'])
  python_path = os.pathsep.join(filter(None, [str(_REPO_ROOT), os.environ.get('PYTHONPATH')]))
  with mock.patch.dict(os.environ, {downloads.SKIP_CHECKSUMS_ENV: '1',
                                    'PYTHONPATH': python_path}), \
      mock.patch.object(tfds.download.DownloadManager, 'download',
                        return_value=str(_DUMMY_ARCHIVE)):
    builder = food101.Food101(data_dir=str(tmp_path / 'data'))
    builder.download_and_prepare(
        download_dir=str(tmp_path / 'downloads'),
        download_config=tfds.download.DownloadConfig(
            beam_options=options, compute_stats=tfds.download.ComputeStatsMode.SKIP))
  assert {name: split.num_examples for name, split in builder.info.splits.items()} == _SPLITS
  assert builder.info.metadata['skipped_images'] == {
      split: {'count': 0, 'keys': [], 'allowed': 1} for split in _SPLITS}
  images = tfds.as_numpy(builder.as_dataset(split='test', batch_size=-1))['image']
  assert images.shape == (6, 8, 8, 3)
