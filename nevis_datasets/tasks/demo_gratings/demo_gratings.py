"""Synthetic demo task: the orientation of a sinusoidal grating (0, 45, 90 or 135 degrees)."""

from __future__ import annotations

import numpy as np

from nevis_datasets import toolkit


class DemoGratings(toolkit.SyntheticTaskBuilder):
  """A grating of random frequency, phase and tint with noise. Not real data."""

  TASK = 'demo_gratings'
  CLASS_NAMES = ['0deg', '45deg', '90deg', '135deg']
  SEED = 2

  def _draw(self, rng: np.random.Generator, label: int) -> np.ndarray:
    n = self.IMAGE_SIZE
    angle = np.deg2rad(45 * label + rng.uniform(-8, 8))
    frequency = rng.uniform(2, 5) / n
    y, x = np.mgrid[:n, :n]
    wave = np.sin(2 * np.pi * frequency * (x * np.cos(angle) + y * np.sin(angle))
                  + rng.uniform(0, 2 * np.pi))
    tint = rng.uniform(0.5, 1.0, size=3)
    image = 127.5 + 100 * wave[..., None] * tint + rng.normal(0, 20, size=(n, n, 3))
    return np.clip(image, 0, 255).astype(np.uint8)
