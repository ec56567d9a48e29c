"""Image preprocessing that every learner needs, whatever its framework."""

from __future__ import annotations

from typing import Any

import numpy as np


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
