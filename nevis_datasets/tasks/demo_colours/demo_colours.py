"""Synthetic demo task: the hue of a blob (red, yellow, green, blue, magenta)."""

from __future__ import annotations

import colorsys

import numpy as np

from nevis_datasets import toolkit


class DemoColours(toolkit.SyntheticTaskBuilder):
  """A soft blob whose hue names the class, on a gray noisy background. Not real data."""

  TASK = 'demo_colours'
  CLASS_NAMES = ['red', 'yellow', 'green', 'blue', 'magenta']
  SEED = 3
  _HUES = (0.0, 1 / 6, 1 / 3, 2 / 3, 5 / 6)

  def _draw(self, rng: np.random.Generator, label: int) -> np.ndarray:
    n = self.IMAGE_SIZE
    hue = (self._HUES[label] + rng.uniform(-0.04, 0.04)) % 1.0
    colour = np.array(colorsys.hsv_to_rgb(hue, rng.uniform(0.6, 1), rng.uniform(0.6, 1))) * 255
    cy, cx = rng.uniform(0.3 * n, 0.7 * n, size=2)
    y, x = np.mgrid[:n, :n]
    weight = np.exp(-((y - cy)**2 + (x - cx)**2) / (2 * (rng.uniform(0.15, 0.3) * n)**2))
    background = rng.uniform(60, 180) + rng.normal(0, 15, size=(n, n, 3))
    image = background * (1 - weight[..., None]) + colour * weight[..., None]
    return np.clip(image, 0, 255).astype(np.uint8)
