"""A Beam task builds through Beam only when asked; its local pool build is the same dataset.

Without a runner or Beam options (`nevis build food101`), a USE_BEAM task takes the toolkit's
process-pool path and pays none of Beam's local overhead; with them (`--beam_pipeline_options=
runner=...`), Beam runs. Both builds of the same fake source must hold the same examples: the
same serialized records (keys decide the order, so byte-identical files), split by split.
"""

import os
import pathlib
import shutil
from unittest import mock

import pytest
import tensorflow as tf
import tensorflow_datasets as tfds

import nevis_datasets  # pylint: disable=unused-import  # Registers the nevis builder.
from nevis_datasets import registry
from nevis_datasets.toolkit import downloads

_TASKS = pathlib.Path(nevis_datasets.__file__).parent / 'tasks'


class _CasiaSixClasses(registry.builder_class('casia_hwdb')):
  """casia_hwdb's dummy data holds 6 of its 3926 classes (inherits TASK: not registered)."""

  NUM_CLASSES = 6


_BUILDERS = {'casia_hwdb': _CasiaSixClasses}


def _build(task: str, tmp_path: pathlib.Path, name: str, beam: bool):
  manual = tmp_path / 'manual'
  if not manual.exists():
    shutil.copytree(_TASKS / task / 'dummy_data', manual)
  options = None
  if beam:
    beam_lib = tfds.core.lazy_imports.apache_beam
    options = beam_lib.options.pipeline_options.PipelineOptions(['--runner=FnApiRunner'])
  builder_class = _BUILDERS.get(task) or registry.builder_class(task)
  builder = builder_class(data_dir=tmp_path / name)
  with mock.patch.dict(os.environ, {downloads.SKIP_CHECKSUMS_ENV: '1', 'KAGGLE_USERNAME': '',
                                    'KAGGLE_KEY': '', 'KAGGLE_API_TOKEN': '',
                                    'KAGGLE_CONFIG_DIR': str(tmp_path / 'no-kaggle')}):
    builder.download_and_prepare(download_config=tfds.download.DownloadConfig(
        manual_dir=manual, beam_options=options))
  return builder


def _records(builder) -> dict[str, list[bytes]]:
  files = sorted(pathlib.Path(builder.data_dir).glob('*.tfrecord-*'))
  by_split: dict[str, list[bytes]] = {}
  for file in files:
    split = file.name.split('-')[1].split('.')[0]
    by_split.setdefault(split, []).extend(
        r.numpy() for r in tf.data.TFRecordDataset(str(file)))
  return by_split


@pytest.mark.parametrize('task', ['food101', 'awa2', 'casia_hwdb', 'coco_single_label'])
def test_the_pool_build_of_a_beam_task_equals_its_beam_build(task, tmp_path, monkeypatch):
  assert registry.builder_class(task).USE_BEAM
  beam = tfds.core.lazy_imports.apache_beam
  runs = []
  real_run = beam.Pipeline.run
  monkeypatch.setattr(beam.Pipeline, 'run', lambda self, *a, **k: (runs.append(1),
                                                                  real_run(self, *a, **k))[1])
  pool = _records(_build(task, tmp_path, 'pool', beam=False))
  assert not runs, 'no runner, no Beam options: no Beam pipeline'
  with_beam = _records(_build(task, tmp_path, 'beam', beam=True))
  assert runs, 'Beam options given: a Beam pipeline'
  assert pool.keys() == with_beam.keys() == {'train', 'dev', 'dev_test', 'test'}
  for split in pool:
    assert sorted(pool[split]) == sorted(with_beam[split]), split
    assert pool[split], split
