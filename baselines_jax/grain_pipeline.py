"""A Grain input pipeline for the JAX baselines: `input_pipeline`'s batches, without TensorFlow.

For TensorFlow-free JAX programs (`examples/grain_jax.py`) and `bench.grain_throughput`; the
learners keep tf.data, which is faster on this machine (see Speed). Examples come from a
random-access source of `{'image': uint8 [H, W, C], 'label' | 'labels'}` dicts
(`tfds.data_source('nevis/<task>')` or `TrainingData.data_source(split)`: ArrayRecord files,
which `nevis convert TASK` adds to a built task). The preprocessing is `input_pipeline`'s, in
NumPy and OpenCV:

* train: Inception-style random crop (`preprocessing.random_window`, the PyTorch baseline's
  sampler: the reference's bounds, not TensorFlow's draws), bilinear resize, random horizontal
  flip, `normalize`;
* eval: the largest central square, bilinear resize, `normalize`: the values of
  `input_pipeline.preprocess_eval` up to float rounding (OpenCV's bilinear resize is
  `tf.image.resize`'s: half-pixel centres, no antialiasing).

Deterministic whatever the number of threads or worker processes: epoch `e` is a permutation
seeded by `(seed, e)`, and position `p` of the endless stream is augmented with
`np.random.default_rng([seed, p])`. Splits no larger than `SHUFFLE_BUFFER` are decoded once and
kept in memory, as `input_pipeline` caches them. Examples are read and preprocessed a batch at a
time (one `__getitems__` read, one `normalize`): per element, Grain's own bookkeeping cost as much
as the augmentation.

Speed (`python -m bench.grain_throughput --repeats 5`, 2 cores, batch 64 at 64 px, medians of
images/s over tf.data's, measured 2026-12-03): on demo_shapes (676 train images, held in
memory) training 0.72x in threads and 1.10x in 2 worker processes, eval 1.16x; on 5,696 JPEGs of
48-128 px (decoded every epoch) training 0.33x in threads and 0.49x in 2 processes, eval 0.72x.
tf.data decodes and augments in C++ on every core; here TFDS's NumPy decoding and the
augmentation are Python that holds the GIL, so threads overlap only the C parts (reading, JPEG
decoding, resizing) and processes pay for the batches' copies. Half the speed on the large tasks,
which take most of a stream's training, is why the learners keep tf.data.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import cv2
import grain
import numpy as np
from absl import flags

from nevis_bench import preprocessing

IMAGE_SIZE = 64
SHUFFLE_BUFFER = 5000  # As `input_pipeline`: smaller splits are held in memory.
# More threads do not help on 2 cores (the GIL; see the module's Speed).
READ_OPTIONS = grain.ReadOptions(num_threads=4, prefetch_buffer_size=8)
# Each worker process: the processes are the parallelism, so one thread each.
WORKER_READ_OPTIONS = grain.ReadOptions(num_threads=1, prefetch_buffer_size=2)

Batch = dict[str, np.ndarray]
Source = Sequence[dict[str, Any]]


def normalize(image: np.ndarray) -> np.ndarray:
  """float32 RGB values in [0, 255] -> [-1, 1], as `input_pipeline.normalize` (in place)."""
  image /= np.float32(127.5)
  image -= np.float32(1.0)
  return np.clip(image, -1.0, 1.0, out=image)


def _crop_and_resize(image: np.ndarray, window: preprocessing.Window,
                     image_size: int) -> np.ndarray:
  """float32 RGB [S, S, 3] of `window` of a uint8 [H, W, C] image, resized bilinearly."""
  top, left, height, width = window
  crop = preprocessing.to_rgb(np.asarray(image)[top:top + height, left:left + width])
  return cv2.resize(crop.astype(np.float32), (image_size, image_size),
                    interpolation=cv2.INTER_LINEAR)


def _central(image: np.ndarray, image_size: int) -> np.ndarray:
  """The eval crop before `normalize`: float32 [S, S, 3] values in [0, 255]."""
  window = preprocessing.central_square(image.shape[0], image.shape[1])
  return _crop_and_resize(image, window, image_size)


def _augmented(image: np.ndarray, rng: np.random.Generator, image_size: int) -> np.ndarray:
  """The train crop before `normalize`: random window, resize, random horizontal flip."""
  window = preprocessing.random_window(image.shape[0], image.shape[1], rng)
  image = _crop_and_resize(image, window, image_size)
  return image[:, ::-1] if rng.integers(2) else image


def preprocess_eval(image: np.ndarray, image_size: int = IMAGE_SIZE) -> np.ndarray:
  """uint8 [H, W, C] -> float32 [S, S, 3] in [-1, 1]: central square, resize, normalize."""
  return normalize(_central(image, image_size))


def preprocess_train(image: np.ndarray, rng: np.random.Generator,
                     image_size: int = IMAGE_SIZE) -> np.ndarray:
  """uint8 [H, W, C] -> float32 [S, S, 3]: random crop, resize, random flip, normalize."""
  return normalize(np.ascontiguousarray(_augmented(image, rng, image_size)))


def _images(crops: Iterator[np.ndarray], count: int, image_size: int) -> np.ndarray:
  """float32 [count, S, S, 3] in [-1, 1] of `count` crops (normalized once, as a batch)."""
  images = np.empty((count, image_size, image_size, 3), np.float32)
  for k, crop in enumerate(crops):
    images[k] = crop
  return normalize(images)


def _labels(examples: Sequence[dict[str, Any]], label_key: str) -> np.ndarray:
  """int32 class ids [B] ('label'), or float32 multi-hot targets [B, C] ('labels')."""
  if label_key == 'labels':
    return np.stack([np.asarray(ex[label_key], np.float32) for ex in examples])
  return np.array([ex[label_key] for ex in examples], np.int32)


def _read(source: Source, indices: Sequence[int]) -> Sequence[dict[str, Any]]:
  """The examples at `indices`: one read for an ArrayRecord source (`__getitems__`)."""
  if hasattr(source, '__getitems__'):
    return source.__getitems__(list(indices))
  return [source[i] for i in indices]


def _in_memory(source: Source, label_key: str) -> list[dict[str, Any]]:
  """Every example of `source` (image and label only), decoded by Grain's threads."""
  examples = grain.MapDataset.source(source).map(
      lambda ex: {'image': ex['image'], label_key: ex[label_key]})
  return list(examples.to_iter_dataset(READ_OPTIONS))


@functools.lru_cache(maxsize=8)  # A few pipelines, each straddling two epochs at most.
def _permutation(num_examples: int, seed: int, epoch: int) -> np.ndarray:
  return np.random.default_rng([seed, epoch]).permutation(num_examples)


class _EpochOrder(Sequence[tuple[int, int]]):
  """(stream position, example index) of an endless stream: epoch `e` is a permutation seeded by
  (seed, e).

  Grain's `shuffle` computes each position with `index_shuffle` (~70 us an element on a small
  split, as much as the augmentation); a cached NumPy permutation per epoch costs ~nothing.
  """

  def __init__(self, num_examples: int, seed: int):
    self._num_examples, self._seed = num_examples, seed

  def __len__(self) -> int:
    return sys.maxsize

  def __getitem__(self, position: int) -> tuple[int, int]:
    epoch, index = divmod(position, self._num_examples)
    return position, int(_permutation(self._num_examples, self._seed, epoch)[index])


def _train_batch(items: Sequence[tuple[int, int]], *, source: Source, seed: int, label_key: str,
                 image_size: int) -> Batch:
  """The augmented batch of `items`; stream position `p` is augmented from rng (seed, p)."""
  examples = _read(source, [index for _, index in items])
  crops = (_augmented(ex['image'], np.random.default_rng([seed, position]), image_size)
           for (position, _), ex in zip(items, examples))
  return {'image': _images(crops, len(items), image_size),
          label_key: _labels(examples, label_key)}


def _eval_batch(indices: Sequence[int], *, source: Source, label_key: str | None,
                image_size: int) -> Batch:
  examples = _read(source, indices)
  crops = (_central(ex['image'], image_size) for ex in examples)
  out = {'image': _images(crops, len(examples), image_size)}
  if label_key is not None:
    out[label_key] = _labels(examples, label_key)
  return out


def _iterate(ds: grain.MapDataset, workers: int) -> Iterator[Batch]:
  """Batches of `ds`, prepared in Grain's threads or, with `workers`, in that many processes."""
  if not workers:
    return iter(ds.to_iter_dataset(READ_OPTIONS))
  # Grain reads absl flags in its worker processes; a program that did not parse them (not run
  # by absl.app) would fail with UnparsedFlagAccessError. Their defaults are meant.
  if not flags.FLAGS.is_parsed():
    flags.FLAGS.mark_as_parsed()
  batches = ds.to_iter_dataset(WORKER_READ_OPTIONS).mp_prefetch(
      grain.MultiprocessingOptions(num_workers=workers, per_worker_buffer_size=2))
  return iter(batches)


def train_batches(source: Source, label_key: str, batch_size: int, *, seed: int,
                  image_size: int = IMAGE_SIZE, shuffle_buffer: int = SHUFFLE_BUFFER,
                  workers: int = 0) -> Iterator[Batch]:
  """Endless augmented training batches of `source`, the same ones for the same `seed`.

  Every epoch is a new permutation of the whole split; batches are full. Examples are read and
  augmented a batch at a time (one read per batch, none of Grain's per-element overhead); with
  `workers`, in that many processes (each holds its own copy of a split kept in memory).

  Yields:
    {'image': float32 [B, S, S, 3] in [-1, 1], 'label': int32 [B]}, or for multi-label tasks
    {'image': ..., 'labels': float32 [B, C]}.
  """
  if len(source) == 0:
    raise ValueError('Nothing to train on: the split is empty.')
  if len(source) <= shuffle_buffer:
    source = _in_memory(source, label_key)
  ds = grain.MapDataset.source(_EpochOrder(len(source), seed))
  ds = ds.batch(batch_size, drop_remainder=True, batch_fn=list)
  ds = ds.map(functools.partial(_train_batch, source=source, seed=seed, label_key=label_key,
                                image_size=image_size))
  return _iterate(ds, workers)


def eval_batches(source: Source, batch_size: int, *, image_size: int = IMAGE_SIZE,
                 label_key: str | None = None, workers: int = 0) -> Iterator[Batch]:
  """Eval-preprocessed batches of `source`, in its order (the last one may be smaller).

  Yields:
    {'image': float32 [B, S, S, 3]}, plus `label_key` (int32 [B] for 'label', float32 [B, C] for
    'labels') when given.
  """
  ds = grain.MapDataset.range(len(source)).batch(batch_size, batch_fn=list)
  ds = ds.map(functools.partial(_eval_batch, source=source, label_key=label_key,
                                image_size=image_size))
  return _iterate(ds, workers)
