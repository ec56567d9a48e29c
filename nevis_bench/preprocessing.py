"""Image preprocessing that every learner needs, whatever its framework.

The crop windows are NumPy, so that TensorFlow-free pipelines (the PyTorch baseline's
DataLoader, the JAX baseline's Grain input) sample the same augmentation.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

# The reference's Inception crop (`sample_distorted_bounding_box` arguments).
_AREA_RANGE = (0.08, 1.0)
_LOG_RATIO_RANGE = (math.log(3 / 4), math.log(4 / 3))
_MIN_OBJECT_COVERED = 0.1
_MAX_ATTEMPTS = 10

Window = tuple[int, int, int, int]  # (top, left, height, width)


def to_rgb(image: Any) -> Any:
  """[H, W, C] with C = 1 (grayscale), 3 or 4 (alpha dropped) -> [H, W, 3], same dtype.

  NEVIS mixes grayscale and colour tasks; learners with one input layer see them all as RGB.
  Takes a NumPy array (no TensorFlow import) or a `tf.Tensor`.
  """
  if isinstance(image, np.ndarray):
    if image.ndim == 2:
      image = image[..., None]
    return np.repeat(image, 3, axis=-1) if image.shape[-1] == 1 else image[..., :3]
  import tensorflow as tf  # pylint: disable=g-import-not-at-top

  channels = image.shape[-1]
  if channels == 1:
    return tf.tile(image, [1, 1, 3])
  if channels is None:  # Unknown statically: decide per image.
    return tf.cond(tf.shape(image)[-1] == 1, lambda: tf.tile(image[..., :1], [1, 1, 3]),
                   lambda: image[..., :3])
  return image[..., :3]


def central_square(height: int, width: int) -> Window:
  """The largest central square: the eval crop, and the train crop when sampling fails."""
  side = min(height, width)
  return (height - side) // 2, (width - side) // 2, side, side


def random_window(height: int, width: int, rng: np.random.Generator) -> Window:
  """An Inception-style crop window of an image; the central square when sampling fails.

  The reference's constraints (area 0.08-1, aspect ratio 3/4-4/3, at least 10% of the image,
  10 attempts), drawn as torchvision's `RandomResizedCrop` draws them (log-uniform ratio), not
  with TensorFlow's sampler: the tf.data pipeline's crops have the same bounds, not the same law.
  """
  area = height * width
  for _ in range(_MAX_ATTEMPTS):
    target = area * rng.uniform(*_AREA_RANGE)
    ratio = math.exp(rng.uniform(*_LOG_RATIO_RANGE))
    h = int(round(math.sqrt(target / ratio)))
    w = int(round(math.sqrt(target * ratio)))
    if 0 < h <= height and 0 < w <= width and h * w >= _MIN_OBJECT_COVERED * area:
      return int(rng.integers(0, height - h + 1)), int(rng.integers(0, width - w + 1)), h, w
  return central_square(height, width)
