"""Synthetic demo task: which shape is drawn (circle, square, triangle, cross)."""

from __future__ import annotations

import numpy as np

from nevis_datasets import toolkit


class DemoShapes(toolkit.SyntheticTaskBuilder):
  """A shape of random size, position and colour on a noisy background. Not real data."""

  TASK = 'demo_shapes'
  CLASS_NAMES = ['circle', 'square', 'triangle', 'cross']
  SEED = 1

  def _draw(self, rng: np.random.Generator, label: int) -> np.ndarray:
    n = self.IMAGE_SIZE
    image = rng.integers(0, 80, size=(n, n, 3)).astype(np.float64)
    radius = rng.uniform(0.2, 0.35) * n
    cy, cx = rng.uniform(radius, n - radius, size=2)
    y, x = np.mgrid[:n, :n] + 0.5
    dy, dx = (y - cy) / radius, (x - cx) / radius
    if label == 0:
      mask = dy**2 + dx**2 <= 1
    elif label == 1:
      mask = (abs(dy) <= 0.8) & (abs(dx) <= 0.8)
    elif label == 2:
      mask = (dy <= 0.8) & (abs(dx) <= (dy + 1) / 2)
    else:
      mask = ((abs(dy) <= 0.25) | (abs(dx) <= 0.25)) & (abs(dy) <= 1) & (abs(dx) <= 1)
    image[mask] = rng.integers(120, 256, size=3)
    return image.astype(np.uint8)
