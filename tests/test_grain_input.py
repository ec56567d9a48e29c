"""The Grain input of the JAX baselines: tf.data's preprocessing, deterministic, without TF.

The example (`examples/grain_jax.py`) runs in a fresh process, which must never import
TensorFlow; this one may (it compares the batches with tf.data's).
"""

import pathlib
import subprocess
import sys

import grain
import numpy as np
import pytest
import tensorflow as tf
import tensorflow_datasets as tfds

from baselines_jax import grain_pipeline
from baselines_jax import input_pipeline
from nevis_bench import environment
from nevis_bench import learner as learner_lib
from nevis_datasets import cli as datasets_cli
from nevis_streams import events as events_lib

_ROOT = pathlib.Path(__file__).resolve().parents[1]
_SIZE = 16


@pytest.fixture(scope='module')
def data_dir(tmp_path_factory) -> str:
  path = str(tmp_path_factory.mktemp('data'))
  datasets_cli.build_demo_tasks(path)  # TFRecord and ArrayRecord files.
  return path


@pytest.fixture(scope='module')
def data(data_dir) -> learner_lib.TrainingData:
  builder = tfds.builder('nevis/demo_shapes', data_dir=data_dir)
  info = environment.task_info(builder)
  return learner_lib.TrainingData(builder, info, events_lib.TRAINING_SPLITS,
                                  events_lib.TrainingEvent('demo_shapes'))


def _batches(source, seed: int, count: int = 3, workers: int = 0) -> list[dict[str, np.ndarray]]:
  iterator = grain_pipeline.train_batches(source, 'label', 8, seed=seed, image_size=_SIZE,
                                          workers=workers)
  return [next(iterator) for _ in range(count)]


def test_the_example_trains_from_tfds_data_source_without_tensorflow(data_dir):
  out = subprocess.run(
      [sys.executable, 'examples/grain_jax.py', '--data_dir', data_dir, '--steps', '3',
       '--batch', '8', '--image_size', str(_SIZE)],
      capture_output=True, text=True, timeout=600, check=False, cwd=_ROOT)
  assert out.returncode == 0, out.stderr[-3000:]
  assert 'step 3: loss' in out.stdout and 'images/s' in out.stdout, out.stdout
  assert 'tensorflow imported: False' in out.stdout, out.stdout


def test_train_batches_are_deterministic_per_seed_whatever_the_threads_or_processes(
    data, monkeypatch):
  source = data.data_source('train')
  first, again, other = _batches(source, 3), _batches(source, 3), _batches(source, 4)
  in_processes = _batches(source, 3, workers=2)
  monkeypatch.setattr(grain_pipeline, 'READ_OPTIONS',
                      grain.ReadOptions(num_threads=0, prefetch_buffer_size=0))
  unthreaded = _batches(source, 3)
  for a, b, c, d in zip(first, again, unthreaded, in_processes):
    for key in a:
      np.testing.assert_array_equal(a[key], b[key])
      np.testing.assert_array_equal(a[key], c[key])
      np.testing.assert_array_equal(a[key], d[key])
  assert not all(np.array_equal(a['image'], b['image']) for a, b in zip(first, other))


def test_every_epoch_is_a_new_permutation():
  order = grain_pipeline._EpochOrder(7, seed=5)  # pylint: disable=protected-access
  epochs = [[order[e * 7 + i] for i in range(7)] for e in range(3)]
  assert [position for epoch in epochs for position, _ in epoch] == list(range(21))
  epochs = [[index for _, index in epoch] for epoch in epochs]
  assert all(sorted(epoch) == list(range(7)) for epoch in epochs)
  assert len({tuple(epoch) for epoch in epochs}) == 3
  assert [order[i][1] for i in range(7)] == epochs[0]  # Random access: the same again.


def test_an_epoch_of_batches_covers_the_split_once():
  source = [{'image': np.full((6, 6, 3), i, np.uint8), 'label': i} for i in range(12)]
  batches = grain_pipeline.train_batches(source, 'label', 4, seed=1, image_size=4)
  epoch = np.concatenate([next(batches)['label'] for _ in range(3)])
  assert sorted(epoch.tolist()) == list(range(12))
  for batch in (next(batches) for _ in range(3)):  # Images and labels stay paired.
    for image, label in zip(batch['image'], batch['label']):
      np.testing.assert_allclose(image, label / 127.5 - 1.0, atol=1e-6)


def test_empty_split_is_an_error():
  with pytest.raises(ValueError, match='Nothing to train on'):
    grain_pipeline.train_batches([], 'label', 4, seed=0)


def test_multi_label_and_grayscale_examples():
  rng = np.random.default_rng(0)
  source = [{'image': rng.integers(0, 256, (20, 30, 1), np.uint8),
             'labels': np.array([i % 2, 1, 0], np.int32)} for i in range(10)]
  batch = next(grain_pipeline.train_batches(source, 'labels', 4, seed=0, image_size=8))
  assert batch['image'].shape == (4, 8, 8, 3) and batch['labels'].shape == (4, 3)
  assert batch['labels'].dtype == np.float32
  np.testing.assert_array_equal(batch['image'][..., 0], batch['image'][..., 2])  # Gray as RGB.


def test_eval_preprocessing_equals_tf_data():
  rng = np.random.default_rng(1)
  for shape in ((32, 32, 3), (40, 25, 3), (17, 50, 1), (64, 64, 4)):
    image = rng.integers(0, 256, shape, np.uint8)
    for size in (8, 32, 48):
      np.testing.assert_allclose(grain_pipeline.preprocess_eval(image, size),
                                 input_pipeline.preprocess_eval(tf.constant(image), size).numpy(),
                                 atol=1e-5)  # Float rounding.


def test_eval_batches_equal_tf_data_in_order(data):
  theirs = list(input_pipeline.eval_batches(data.dataset('dev'), 32, image_size=_SIZE,
                                            label_key='label'))
  mine = list(grain_pipeline.eval_batches(data.data_source('dev'), 32, image_size=_SIZE,
                                          label_key='label'))
  assert len(mine) == len(theirs) == 5  # 137 = 4 * 32 + 9.
  for a, b in zip(mine, theirs):
    assert set(a) == {'image', 'label'} and b['mask'].all()
    np.testing.assert_allclose(a['image'], b['image'], atol=1e-5)
    np.testing.assert_array_equal(a['label'], b['label'])


def test_the_example_names_the_build_command_for_a_task_not_built(tmp_path):
  out = subprocess.run(
      [sys.executable, 'examples/grain_jax.py', '--data_dir', str(tmp_path), '--steps', '1'],
      capture_output=True, text=True, timeout=600, check=False, cwd=_ROOT)
  assert out.returncode == 2, out.stderr[-3000:]
  assert (f'nevis build demo_shapes --data_dir {tmp_path} --file_format array_record'
          in out.stderr), out.stderr[-3000:]
  assert 'Traceback' not in out.stderr
  assert not list(tmp_path.iterdir())  # Nothing built or half-written.
