"""The synthetic demo tasks: deterministic, and learnable far above chance."""

import numpy as np
import pytest
import tensorflow_datasets as tfds

from nevis_datasets import catalog


def _spectrum(images: np.ndarray) -> np.ndarray:
  """Translation- and phase-invariant features: the log amplitude spectrum."""
  x = images.astype(np.float32) / 255
  return np.log1p(np.abs(np.fft.fft2(x, axes=(1, 2)))).reshape(len(x), -1)


def _most_saturated_colour(images: np.ndarray) -> np.ndarray:
  x = images.astype(np.float32).reshape(len(images), -1, 3) / 255
  return x[np.arange(len(x)), (x.max(-1) - x.min(-1)).argmax(1)]


_FEATURES = {'demo_shapes': _spectrum, 'demo_gratings': _spectrum,
             'demo_colours': _most_saturated_colour}


@pytest.fixture(scope='module')
def data_dir(tmp_path_factory):
  path = tmp_path_factory.mktemp('demo')
  for task in _FEATURES:
    tfds.builder(f'nevis/{task}', data_dir=path).download_and_prepare()
  return path


def test_demo_tasks_are_the_synthetic_catalog_entries():
  assert sorted(_FEATURES) == sorted(t.task_id for t in catalog.TASKS.values()
                                     if t.source is catalog.SYNTHETIC)


@pytest.mark.parametrize('task', sorted(_FEATURES))
def test_nearest_centroid_learns_the_task(data_dir, task):
  data = {split: tfds.as_numpy(tfds.load(f'nevis/{task}', split=split, data_dir=data_dir,
                                         batch_size=-1))
          for split in ('train', 'test')}
  features = _FEATURES[task]
  train, test = features(data['train']['image']), features(data['test']['image'])
  mean, std = train.mean(0), train.std(0) + 1e-6
  train, test = (train - mean) / std, (test - mean) / std
  labels = data['train']['label']
  centroids = np.stack([train[labels == c].mean(0) for c in range(labels.max() + 1)])
  predicted = ((test[:, None] - centroids[None]) ** 2).sum(-1).argmin(1)
  accuracy = (predicted == data['test']['label']).mean()
  assert accuracy > 0.9, (task, accuracy)  # Chance is 0.25 or 0.2.


def test_demo_data_is_identical_on_every_build(data_dir, tmp_path):
  again = tfds.builder('nevis/demo_shapes', data_dir=tmp_path)
  again.download_and_prepare()
  first = tfds.builder('nevis/demo_shapes', data_dir=data_dir)
  for split in ('train', 'test'):
    def content(builder):
      return sorted((ex['label'], ex['image'].tobytes())
                    for ex in tfds.as_numpy(builder.as_dataset(split=split)))
    assert content(again) == content(first)
