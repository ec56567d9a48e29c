"""Base class of the synthetic `demo_*` tasks: images drawn from a seed, no network."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

import numpy as np

from nevis_datasets.toolkit.builder import Example
from nevis_datasets.toolkit.builder import TaskBuilder


class SyntheticTaskBuilder(TaskBuilder):
  """Draws `NUM_EXAMPLES` images; example `i` has label `i % num_classes`.

  Each image comes from its own generator seeded with `(SEED, i)`, so an example is the same in
  any order and any process, and the data is identical on every machine.
  """

  NUM_EXAMPLES: ClassVar[int] = 1200
  IMAGE_SIZE: ClassVar[int] = 32
  SEED: ClassVar[int] = 0

  def _draw(self, rng: np.random.Generator, label: int) -> np.ndarray:
    """An `IMAGE_SIZE` x `IMAGE_SIZE` x 3 uint8 image of class `label`."""
    raise NotImplementedError

  def _examples(self, dl_manager) -> Iterable[Example]:
    del dl_manager  # Nothing to download.
    for i in range(self.NUM_EXAMPLES):
      label = i % len(self.CLASS_NAMES)
      rng = np.random.default_rng([self.SEED, i])
      yield Example(key=f'{i:06d}', image=self._draw(rng, label), label=label)
