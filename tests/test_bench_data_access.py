"""What a learner can reach from its data: only the splits its event may read; no labels to predict.

A hostile learner walks every attribute path from the objects it receives and from everything
their public methods return, looking for a way to other splits or to the labels it must predict.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import os
import pickle
import types
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import tensorflow as tf
import tensorflow_datasets as tfds
from tensorflow_datasets.core.data_sources import base as data_sources_base

from nevis_bench import environment
from nevis_bench import learner as learner_lib
from nevis_datasets import cli as datasets_cli
from nevis_datasets import formats
from nevis_streams import events as events_lib
from nevis_streams import streams

_FORBIDDEN_TYPES = (tfds.core.DatasetBuilder, tfds.core.DatasetInfo, tfds.core.SplitInfo,
                    tfds.core.SplitDict, tfds.core.splits.SubSplitInfo,
                    data_sources_base.BaseDataSource)
_LEAVES = (str, bytes, int, float, bool, type(None), np.ndarray, np.generic)


@pytest.fixture(scope='module')
def data_dir(tmp_path_factory):
  path = str(tmp_path_factory.mktemp('data'))
  datasets_cli.build_demo_tasks(path)
  return path


@pytest.fixture(scope='module')
def sharded(tmp_path_factory) -> tfds.core.DatasetBuilder:
  """demo_gratings written in 3 shards per split, with ArrayRecord copies."""
  builder = tfds.builder('nevis/demo_gratings', data_dir=str(tmp_path_factory.mktemp('sharded')))
  builder.download_and_prepare(download_config=tfds.download.DownloadConfig(num_shards=3))
  formats.add_array_record(builder)
  assert builder.info.splits['dev_test'].num_shards == 3
  return builder


def _children(obj: Any) -> Iterator[tuple[str, Any]]:
  """(path step, object) for every reference a learner can follow from `obj`."""
  if isinstance(obj, dict):
    for key, value in obj.items():
      yield f'[{key!r}] (key)', key
      yield f'[{key!r}]', value
    return
  if isinstance(obj, (list, tuple, set, frozenset)):
    for i, value in enumerate(obj):
      yield f'[{i}]', value
    return
  if isinstance(obj, types.CellType):
    try:
      yield '.cell_contents', obj.cell_contents
    except ValueError:  # An empty cell.
      pass
    return
  if isinstance(obj, types.FunctionType):
    for i, cell in enumerate(obj.__closure__ or ()):
      yield f'.__closure__[{i}]', cell
    return
  if isinstance(obj, types.MethodType):
    yield '.__self__', obj.__self__
    yield '.__func__', obj.__func__
    return
  if isinstance(obj, functools.partial):
    yield '.func', obj.func
    yield '.args', obj.args
    yield '.keywords', obj.keywords
  if isinstance(getattr(obj, '__dict__', None), dict):
    for name, value in vars(obj).items():
      yield f'.{name}', value
  for cls in type(obj).__mro__:
    slots = cls.__dict__.get('__slots__', ())
    for name in (slots,) if isinstance(slots, str) else slots:
      if name not in ('__dict__', '__weakref__') and hasattr(obj, name):
        yield f'.{name}', getattr(obj, name)
  if dataclasses.is_dataclass(obj):
    for field in dataclasses.fields(obj):
      if hasattr(obj, field.name):
        yield f'.{field.name}', getattr(obj, field.name)
  if isinstance(obj, tf.data.Dataset):
    for name in ('_input_dataset', '_input_datasets'):
      if hasattr(obj, name):
        yield f'.{name}', getattr(obj, name)


def _reachable(root: Any, name: str) -> Iterator[tuple[str, Any]]:
  """Every object reachable from `root`, with one path to it; not into modules or classes."""
  seen, keep, stack = {id(root)}, [root], [(name, root)]
  while stack:
    path, obj = stack.pop()
    yield path, obj
    if isinstance(obj, (types.ModuleType, type) + _LEAVES):
      continue
    for step, child in _children(obj):
      if id(child) not in seen:
        seen.add(id(child))
        keep.append(child)  # Ids stay unique while the walk runs.
        stack.append((path + step, child))


def _spec_keys(spec: Any) -> set[str]:
  if isinstance(spec, dict):
    return set(spec).union(*(_spec_keys(v) for v in spec.values()))
  if isinstance(spec, (tuple, list)):
    return set().union(*(_spec_keys(v) for v in spec))
  return set()


def _strings(obj: Any) -> list[str]:
  if isinstance(obj, (str, os.PathLike)):
    return [os.fspath(obj)]
  if isinstance(obj, bytes):
    return [obj.decode(errors='replace')]
  if tf.is_tensor(obj) and obj.dtype == tf.string and hasattr(obj, 'numpy'):
    return [s.decode(errors='replace') for s in np.ravel(obj.numpy())]
  return []


def _other_split_files(task: str, data_dir: str, allowed: set[str]) -> set[str]:
  """The file names (TFRecord and ArrayRecord) of the splits of `task` outside `allowed`."""
  builder = tfds.builder(f'nevis/{task}', data_dir=data_dir)
  names = set()
  for split, info in builder.info.splits.items():
    if split not in allowed:
      for path in info.filepaths:
        names |= {path.name, path.name.replace('.tfrecord-', '.array_record-')}
  return names


def _violations(root: Any, name: str, other_files: set[str], label_key: str | None) -> list[str]:
  """Paths from `root` to a builder, dataset info, split info, TFDS data source, another split's
  file, or (label_key set) a tf.data dataset that yields labels."""
  found = []
  for path, obj in _reachable(root, name):
    if isinstance(obj, _FORBIDDEN_TYPES):
      found.append(f'{path}: {type(obj).__name__}')
    elif (label_key and isinstance(obj, tf.data.Dataset)
          and label_key in _spec_keys(obj.element_spec)):
      found.append(f'{path}: a tf.data dataset of {label_key!r}')
    found += [f'{path}: {text!r}' for text in _strings(obj)
              if any(file in text for file in other_files)]
  return found


def _public_results(obj: Any) -> dict[str, Any]:
  """What every public attribute of `obj` gives (callables called without arguments)."""
  results = {}
  for name in dir(obj):
    if name.startswith('_'):
      continue
    value = getattr(obj, name)
    results[name] = value() if callable(value) and not isinstance(value, type) else value
  return results


def _hostile_learner(findings: dict[str, list[str]], data_dir: str) -> learner_lib.Learner:

  def train(event, state, data, *, write_checkpoint, resume_from):
    other = _other_split_files(event.task, data_dir, set(events_lib.TRAINING_SPLITS))
    roots = {'data': data}
    for split in events_lib.TRAINING_SPLITS:
      roots[f'dataset({split!r})'] = data.dataset(split)
      roots[f'dataset({split!r}, shuffled)'] = data.dataset(split, shuffle_files=True, seed=1)
      roots[f'data_source({split!r})'] = data.data_source(split)
    for name, root in roots.items():
      findings[f'train {event.task}'] += _violations(root, name, other, None)
    return state, learner_lib.ResourceUsage()

  def predict(event, state, data):
    other = _other_split_files(event.task, data_dir, {event.split})
    label_key = data.info.label_key
    results = _public_results(data)
    source = results['data_source']
    assert set(results) == {'data_source', 'dataset', 'info', 'num_examples', 'split'}
    only_images = []
    for batch in tfds.as_numpy(results['dataset'].take(3)):
      only_images.append(set(batch))
    only_images += [set(source[i]) for i in (0, len(source) - 1)]
    only_images += [set(example) for example in source.__getitems__([1, 0, 2])]
    copy = pickle.loads(pickle.dumps(source))
    only_images += [set(example) for example in copy.__getitems__([0])]
    only_images.append(set(results['dataset'].element_spec))
    findings[f'predict {event.task}'] += [f'keys {keys}' for keys in only_images
                                          if keys != {'image'}]
    roots = {'data': data, **results, **{f'data_source().{k}': v
                                         for k, v in _public_results(source).items()}}
    for name, root in roots.items():
      findings[f'predict {event.task}'] += _violations(root, name, other, label_key)
    yield np.zeros((len(source), data.info.num_classes), np.float32)

  return learner_lib.Learner(init=dict, train=train, predict=predict)


def test_a_hostile_learner_reaches_no_other_split_and_no_labels_to_predict(data_dir, tmp_path):
  findings = collections.defaultdict(list)
  environment.run(streams.get_stream('demo'), _hostile_learner(findings, data_dir), tmp_path,
                  data_dir, show_progress=False)
  assert len(findings) == 6  # Training and prediction events of the 3 demo tasks.
  assert {k: v for k, v in findings.items() if v} == {}, '\n'.join(
      f'{k}: {p}' for k, v in findings.items() for p in v)


def test_prediction_data_follows_the_label_order_on_multi_shard_splits(sharded):
  info = environment.task_info(sharded)
  data = learner_lib.PredictionData(sharded, info, ('dev_test',),
                                    events_lib.PredictionEvent('demo_gratings', 'dev_test'))
  in_file_order = list(tfds.as_numpy(sharded.as_dataset(
      split='dev_test', read_config=tfds.ReadConfig(interleave_cycle_length=1))))
  labels = environment._labels(sharded, 'dev_test', 'label')  # pylint: disable=protected-access
  assert labels.tolist() == [int(ex['label']) for ex in in_file_order]
  expected = [ex['image'].tobytes() for ex in in_file_order]
  assert [ex['image'].tobytes() for ex in tfds.as_numpy(data.dataset())] == expected
  source = data.data_source()
  assert [source[i]['image'].tobytes() for i in range(len(source))] == expected
  assert data.num_examples() == len(source) == len(expected)


@pytest.mark.parametrize('split', ['train', 'train+dev'])
@pytest.mark.parametrize('shuffle_files, seed', [(False, None), (True, 3), (True, None)])
def test_training_data_reads_as_tfds_as_dataset_does(sharded, split, shuffle_files, seed):
  info = environment.task_info(sharded)
  data = learner_lib.TrainingData(sharded, info, events_lib.TRAINING_SPLITS,
                                  events_lib.TrainingEvent('demo_gratings'))
  read_config = tfds.ReadConfig(shuffle_seed=seed) if seed is not None else None
  reference = sharded.as_dataset(split=split, shuffle_files=shuffle_files, read_config=read_config)
  ours = data.dataset(split, shuffle_files=shuffle_files, seed=seed)
  assert ours.element_spec == reference.element_spec
  assert ours.cardinality() == reference.cardinality() == data.num_examples(split)

  def epochs(ds):
    return [[(ex['image'].tobytes(), int(ex['label'])) for ex in tfds.as_numpy(ds)]
            for _ in range(2)]

  if seed is None and shuffle_files:  # Unseeded: the same examples, in some order.
    assert sorted(epochs(ours)[0]) == sorted(epochs(reference)[0])
  else:
    assert epochs(ours) == epochs(reference)
  source = data.data_source(split)
  assert len(source) == data.num_examples(split)
  assert set(source[0]) == {'image', 'label'}
