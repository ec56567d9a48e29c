"""tf.data input pipelines of the JAX baselines: the reference preprocessing, made deterministic.

The preprocessing follows the NEVIS'22 reference (`experiments_jax/training/augmentations.py`):

* train: Inception-style random crop (`sample_distorted_bounding_box`: area 0.08-1, aspect ratio
  3/4-4/3, min object covered 0.1, 10 attempts; when it fails, the central square), bilinear resize
  to `image_size`, random horizontal flip, `normalize`;
* eval: the largest central square, bilinear resize, `normalize`;
* `normalize`: grayscale -> RGB, then [0, 255] -> [-1, 1].

Differences from the reference, on purpose:

* Randomness is stateless: example `i` of the (repeated) stream is augmented with seeds derived
  from `(seed, i)`, and every shuffle is seeded, so `train_batches` gives the same batches for the
  same seed, whatever the number of parallel map calls.
* `normalize` does not cast the resized image back to uint8 first (the reference truncates the
  interpolated values to integers); it scales the float values directly.

TensorFlow is hidden from accelerators when this module is imported (the reference does the same
inside each training run) so that it does not reserve the GPU memory that JAX needs.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import tensorflow as tf

from nevis_bench import learner as learner_lib
from nevis_bench import preprocessing

IMAGE_SIZE = 64
# The reference shuffles with a 5000-example buffer and caches datasets smaller than that.
SHUFFLE_BUFFER = 5000

_AREA_RANGE = (0.08, 1.0)
_ASPECT_RATIO_RANGE = (3 / 4, 4 / 3)
_MIN_OBJECT_COVERED = 0.1
_MAX_ATTEMPTS = 10

Batch = dict[str, np.ndarray]


def _hide_accelerators_from_tf() -> None:
  """TF only reads and decodes images; the GPU belongs to JAX."""
  try:
    tf.config.set_visible_devices([], 'GPU')
  except (RuntimeError, ValueError):  # TF already initialised its devices; nothing to undo.
    pass


_hide_accelerators_from_tf()


def normalize(image: tf.Tensor) -> tf.Tensor:
  """Image with 1 or 3 (or more) channels, values in [0, 255] -> float32 RGB in [-1, 1]."""
  image = tf.cast(preprocessing.to_rgb(image), tf.float32) / 127.5 - 1.0
  # Bilinear interpolation stays within the input range up to rounding; make [-1, 1] exact.
  return tf.clip_by_value(image, -1.0, 1.0)


def _central_crop_window(image_shape: tf.Tensor) -> tuple[tf.Tensor, ...]:
  """(offset_y, offset_x, height, width) of the largest central square."""
  height, width = image_shape[0], image_shape[1]
  side = tf.minimum(height, width)
  return (height - side) // 2, (width - side) // 2, side, side


def _random_crop_window(image_shape: tf.Tensor, seed: tf.Tensor) -> tuple[tf.Tensor, ...]:
  """An Inception-style crop window; the central square when sampling fails.

  `sample_distorted_bounding_box` returns the whole image when none of its attempts meets the
  constraints; like the reference, a whole-image window is replaced by the central square.
  """
  begin, size, _ = tf.image.stateless_sample_distorted_bounding_box(
      image_shape,
      bounding_boxes=tf.constant([0.0, 0.0, 1.0, 1.0], tf.float32, shape=[1, 1, 4]),
      seed=seed,
      min_object_covered=_MIN_OBJECT_COVERED,
      aspect_ratio_range=_ASPECT_RATIO_RANGE,
      area_range=_AREA_RANGE,
      max_attempts=_MAX_ATTEMPTS,
      use_image_if_no_bounding_boxes=True)
  sampled = (begin[0], begin[1], size[0], size[1])
  failed = tf.reduce_all(tf.equal(size[:2], image_shape[:2]))
  central = _central_crop_window(image_shape)
  return tuple(tf.where(failed, c, s) for c, s in zip(central, sampled))


def preprocess_eval(image: tf.Tensor, image_size: int = IMAGE_SIZE) -> tf.Tensor:
  """uint8 [H, W, C] -> float32 [S, S, 3] in [-1, 1]: central square, resize, normalize."""
  window = _central_crop_window(tf.shape(image))
  image = tf.image.crop_to_bounding_box(image, *window)
  return normalize(tf.image.resize(image, [image_size, image_size]))


def preprocess_train(image: tf.Tensor, seed: tf.Tensor, image_size: int = IMAGE_SIZE) -> tf.Tensor:
  """uint8 [H, W, C] -> float32 [S, S, 3]: random crop, resize, random flip, normalize.

  `seed` is a stateless seed (int64 [2]); the same seed gives the same augmentation.
  """
  crop_seed, flip_seed = tf.unstack(tf.random.experimental.stateless_split(seed, num=2))
  window = _random_crop_window(tf.shape(image), crop_seed)
  image = tf.image.crop_to_bounding_box(image, *window)
  image = tf.image.resize(image, [image_size, image_size])
  image = tf.image.stateless_random_flip_left_right(image, flip_seed)
  return normalize(image)


def _label(example: dict[str, tf.Tensor], label_key: str) -> tf.Tensor:
  """int32 class ids ('label'), or float32 multi-hot targets ('labels')."""
  if label_key == 'labels':
    return tf.cast(example[label_key], tf.float32)
  return tf.cast(example[label_key], tf.int32)


def _options() -> tf.data.Options:
  options = tf.data.Options()
  options.deterministic = True
  return options


def _as_int64_seed(seed: int) -> int:
  """Any Python int -> a non-negative int64, as tf.data and stateless ops need."""
  return int(seed) % (2**63)


def train_batches(data: learner_lib.TrainingData, split: str, batch_size: int, *, seed: int,
                  image_size: int = IMAGE_SIZE,
                  shuffle_buffer: int = SHUFFLE_BUFFER) -> Iterator[Batch]:
  """Endless augmented training batches of `split`, the same ones for the same `seed`.

  Files and examples are shuffled (a `shuffle_buffer`-example buffer, reshuffled every epoch);
  splits no larger than the buffer are cached in memory after the first epoch, as in the
  reference. Batches are full (`drop_remainder`).

  Yields:
    {'image': float32 [B, S, S, 3] in [-1, 1], 'label': int32 [B]}, or for multi-label tasks
    {'image': ..., 'labels': float32 [B, C]}.
  """
  label_key = data.info.label_key
  num_examples = data.num_examples(split)
  if num_examples <= 0:
    raise ValueError(f'{data.info.task_id!r} has no {split!r} examples to train on.')
  seed = _as_int64_seed(seed)
  ds = data.dataset(split, shuffle_files=True, seed=seed)
  ds = ds.map(lambda ex: {'image': ex['image'], label_key: ex[label_key]})
  if num_examples <= shuffle_buffer:
    ds = ds.cache()
  ds = ds.shuffle(min(num_examples, shuffle_buffer), seed=seed, reshuffle_each_iteration=True)
  ds = ds.repeat().enumerate()

  def augment(index: tf.Tensor, example: dict[str, tf.Tensor]) -> dict[str, tf.Tensor]:
    example_seed = tf.stack([tf.constant(seed, tf.int64), index])
    return {'image': preprocess_train(example['image'], example_seed, image_size),
            label_key: _label(example, label_key)}

  ds = ds.map(augment, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
  ds = ds.batch(batch_size, drop_remainder=True).prefetch(tf.data.AUTOTUNE)
  return ds.with_options(_options()).as_numpy_iterator()


def _eval_dataset(dataset: tf.data.Dataset, image_size: int,
                  label_key: str | None) -> tf.data.Dataset:
  """Eval-preprocessed examples, in the order of `dataset`."""

  def fn(example: dict[str, tf.Tensor]) -> dict[str, tf.Tensor]:
    out = {'image': preprocess_eval(example['image'], image_size)}
    if label_key is not None:
      out[label_key] = _label(example, label_key)
    return out

  return dataset.map(fn, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)


def _pad(array: np.ndarray, size: int) -> np.ndarray:
  """Zero rows appended up to `size` rows."""
  padding = [(0, size - len(array))] + [(0, 0)] * (array.ndim - 1)
  return np.pad(array, padding)


def eval_batches(dataset: tf.data.Dataset, batch_size: int, *, image_size: int = IMAGE_SIZE,
                 label_key: str | None = None, pad_to_multiple_of: int = 1) -> Iterator[Batch]:
  """Eval-preprocessed batches of `dataset`, in its order, each with a validity mask.

  A batch whose size is not a multiple of `pad_to_multiple_of` (only the last one, if
  `batch_size` is a multiple) is padded with zero rows so that it can be split evenly over
  devices; `mask` is False on those rows.

  Yields:
    {'image': float32 [B, S, S, 3], 'mask': bool [B]}, plus `label_key` (int32 [B] for 'label',
    float32 [B, C] for 'labels') when given.
  """
  ds = _eval_dataset(dataset, image_size, label_key)
  ds = ds.batch(batch_size).prefetch(tf.data.AUTOTUNE).with_options(_options())
  for batch in ds.as_numpy_iterator():
    size = len(batch['image'])
    padded = -(-size // pad_to_multiple_of) * pad_to_multiple_of
    out = {k: _pad(v, padded) for k, v in batch.items()}
    out['mask'] = np.arange(padded) < size
    yield out


def sample(dataset: tf.data.Dataset, max_examples: int, *, seed: int,
           image_size: int = IMAGE_SIZE, label_key: str) -> Batch:
  """Up to `max_examples` shuffled, eval-preprocessed examples of `dataset` (for kNN).

  The shuffle buffer holds `max_examples` preprocessed examples, so a dataset no larger than that
  is sampled uniformly; from a larger one the sample is drawn from its first ~2 * max_examples
  examples. Pass a file-shuffled dataset (`data.dataset(split, shuffle_files=True, seed=...)`)
  to spread it over a large split.

  Returns:
    {'image': float32 [n, S, S, 3], label_key: int32 [n] or float32 [n, C]}, n <= max_examples.
  """
  seed = _as_int64_seed(seed)
  ds = _eval_dataset(dataset, image_size, label_key)
  ds = ds.shuffle(max(1, max_examples), seed=seed).take(max_examples)
  ds = ds.batch(256).with_options(_options())
  batches = list(ds.as_numpy_iterator())
  if batches:
    return {k: np.concatenate([b[k] for b in batches]) for k in batches[0]}
  return {k: np.zeros((0, *spec.shape[1:]), spec.dtype.as_numpy_dtype)
          for k, spec in ds.element_spec.items()}
