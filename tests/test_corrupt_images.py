"""Undecodable images: skipped, counted, recorded; the build fails above 1% of a split (and 1)."""

import pytest

from nevis_datasets import toolkit
from nevis_datasets.tasks.demo_shapes import demo_shapes
from nevis_datasets.toolkit import parallel
from nevis_datasets.toolkit import splits


def _builder_class(corrupt_train_keys: int, use_beam: bool, num_examples: int = 300):
  """demo_shapes with `corrupt_train_keys` train images replaced by garbage bytes."""

  class PartlyCorrupt(demo_shapes.DemoShapes):  # Inherits TASK: not registered again.
    NUM_EXAMPLES = num_examples
    USE_BEAM = use_beam

    def _examples(self, dl_manager):
      corrupt = 0
      for example in super()._examples(dl_manager):
        in_train = splits.assign_by_hash(self.TASK, example.key,
                                         splits.ALL_DATA_FRACTIONS) == 'train'
        if in_train and corrupt < corrupt_train_keys:
          corrupt += 1
          example = toolkit.Example(example.key, b'garbage', example.label)
        yield example

  return PartlyCorrupt


def _first_train_key():
  return next(f'{i:06d}' for i in range(300) if splits.assign_by_hash(
      'demo_shapes', f'{i:06d}', splits.ALL_DATA_FRACTIONS) == 'train')


_MODES = ['in_process', 'worker_processes', 'beam']


@pytest.fixture(params=_MODES)
def use_beam(request, monkeypatch):
  """Each path that encodes examples: in this process, in the worker pool, under Beam."""
  if request.param == 'worker_processes':
    monkeypatch.setattr(parallel, 'MIN_EXAMPLES_FOR_PROCESSES', 0)
  return request.param == 'beam'


def test_a_few_corrupt_images_are_skipped_and_recorded(tmp_path, use_beam):
  builder = _builder_class(1, use_beam)(data_dir=tmp_path)
  builder.download_and_prepare()
  report = builder.info.metadata['skipped_images']
  assert report['train']['count'] == 1
  assert report['train']['keys'] == [_first_train_key()]
  assert report['test']['count'] == 0
  assert builder.info.splits['train'].num_examples + 1 + sum(
      builder.info.splits[s].num_examples for s in ('dev', 'dev_test', 'test')) == 300
  # The report survives a reload from disk.
  reloaded = _builder_class(1, use_beam)(data_dir=tmp_path)
  assert reloaded.info.metadata['skipped_images']['train']['keys'] == [_first_train_key()]


def test_too_many_corrupt_images_fail_the_build_and_leave_nothing(tmp_path, use_beam):
  builder = _builder_class(5, use_beam)(data_dir=tmp_path)
  with pytest.raises(Exception, match=r"\[demo_shapes\] 5 of \d+ images of split 'train'"):
    builder.download_and_prepare()
  assert not (tmp_path / 'nevis' / 'demo_shapes' / '1.0.0').exists()
  leftovers = [p for p in (tmp_path / 'nevis' / 'demo_shapes').rglob('*') if p.is_file()]
  assert not leftovers


def test_a_small_split_tolerates_one_bad_image(tmp_path, use_beam):
  builder = _builder_class(1, use_beam, num_examples=80)(data_dir=tmp_path)  # ~45 train images.
  builder.download_and_prepare()
  report = builder.info.metadata['skipped_images']
  assert builder.info.splits['train'].num_examples < 100
  assert report['train']['count'] == 1 and report['train']['allowed'] == 1
  assert report['test'] == {'count': 0, 'keys': [], 'allowed': 1}


def test_a_small_split_with_two_bad_images_fails(tmp_path, use_beam):
  with pytest.raises(Exception, match=r"2 of \d+ images of split 'train'.*at most 1 may be"):
    _builder_class(2, use_beam, num_examples=80)(data_dir=tmp_path).download_and_prepare()


def test_large_splits_keep_the_one_percent_rule():
  builder = demo_shapes.DemoShapes(data_dir='/nonexistent')
  record = builder._record_skipped  # pylint: disable=protected-access
  record('train', 1980, [f'k{i}' for i in range(20)])
  assert builder.info.metadata['skipped_images']['train']['allowed'] == 20
  with pytest.raises(toolkit.CorruptDataError, match='21 of 2000'):
    record('train', 1979, [f'k{i}' for i in range(21)])
