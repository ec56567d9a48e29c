"""Image preprocessing that every learner needs, whatever its framework."""

from __future__ import annotations

import tensorflow as tf


def to_rgb(image: tf.Tensor) -> tf.Tensor:
  """[H, W, C] with C = 1 (grayscale), 3 or 4 (alpha dropped) -> [H, W, 3], same dtype.

  NEVIS mixes grayscale and colour tasks; learners with one input layer see them all as RGB.
  """
  channels = image.shape[-1]
  if channels == 1:
    return tf.tile(image, [1, 1, 3])
  if channels is None:  # Unknown statically: decide per image.
    return tf.cond(tf.shape(image)[-1] == 1, lambda: tf.tile(image[..., :1], [1, 1, 3]),
                   lambda: image[..., :3])
  return image[..., :3]
