"""PyTorch input pipeline over ArrayRecord data sources: no TensorFlow in the training process.

Examples come from `TrainingData.data_source(split)` (`tfds.data_source` over ArrayRecord files;
`nevis convert TASK` adds them to a built task). The preprocessing is the JAX baseline's
(`baselines_jax.input_pipeline`), in NumPy and PyTorch:

* train: Inception-style random crop (area 0.08-1, aspect ratio 3/4-4/3, at least 10% of the
  image, 10 attempts; when all fail, the central square), bilinear resize to `image_size`
  (half-pixel centres, as `tf.image.resize`), random horizontal flip, grayscale -> RGB,
  [0, 255] -> [-1, 1];
* eval: the largest central square, bilinear resize, same normalisation.

Randomness is per example: example `position` of the endless training stream is augmented with
`np.random.default_rng([seed, position])`, and every epoch's order is a seeded permutation, so a
run is reproducible whatever the number of workers. The crop windows come from
`nevis_bench.preprocessing` (the JAX baseline's Grain input samples the same ones); they have the
bounds of TF's sampler, not its draws, so tf.data and PyTorch runs see differently augmented images.

DataLoader workers start with `forkserver` (a source read before a fork crashes forked
workers) and read batches through the source's `__getitems__`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import torch
from torch.nn import functional as F

from nevis_bench import preprocessing

IMAGE_SIZE = 64
WORKER_CONTEXT = 'forkserver'


def to_tensor(image: np.ndarray, window: preprocessing.Window, image_size: int, flip: bool = False
              ) -> torch.Tensor:
  """uint8 [H, W, C] -> float32 [3, S, S] in [-1, 1]: crop `window`, resize, maybe flip."""
  top, left, h, w = window
  crop = preprocessing.to_rgb(np.asarray(image)[top:top + h, left:left + w])
  x = torch.from_numpy(np.array(crop)).permute(2, 0, 1)[None].float()  # A writable copy.
  x = F.interpolate(x, size=(image_size, image_size), mode='bilinear', align_corners=False)[0]
  if flip:
    x = x.flip(-1)
  return (x / 127.5 - 1.0).clamp_(-1.0, 1.0)


def _label(example: dict[str, Any], label_key: str) -> torch.Tensor:
  """int64 class id ('label'), or float32 multi-hot targets ('labels')."""
  if label_key == 'labels':
    return torch.as_tensor(np.array(example[label_key]), dtype=torch.float32)
  return torch.as_tensor(int(example[label_key]), dtype=torch.int64)


class TrainSet(torch.utils.data.Dataset):
  """Augmented examples, addressed by `(stream position, example index)` (see EpochSampler)."""

  def __init__(self, source: Sequence[dict[str, Any]], label_key: str, *, seed: int,
               image_size: int = IMAGE_SIZE):
    self.source, self.label_key, self.seed, self.image_size = source, label_key, seed, image_size

  def __len__(self) -> int:
    return len(self.source)

  def _augment(self, position: int, example: dict[str, Any]) -> tuple[torch.Tensor, torch.Tensor]:
    rng = np.random.default_rng([self.seed, position])
    image = example['image']
    window = preprocessing.random_window(image.shape[0], image.shape[1], rng)
    flip = bool(rng.integers(0, 2))
    return to_tensor(image, window, self.image_size, flip), _label(example, self.label_key)

  def __getitem__(self, item: tuple[int, int]) -> tuple[torch.Tensor, torch.Tensor]:
    position, index = item
    return self._augment(position, self.source[index])

  def __getitems__(self, items: Sequence[tuple[int, int]]) -> list[tuple[torch.Tensor, ...]]:
    examples = self.source.__getitems__([index for _, index in items])
    return [self._augment(position, ex) for (position, _), ex in zip(items, examples)]


class EvalSet(torch.utils.data.Dataset):
  """Eval-preprocessed examples in source order: images, plus labels when `label_key` is set."""

  def __init__(self, source: Sequence[dict[str, Any]], label_key: str | None, *,
               image_size: int = IMAGE_SIZE, indices: Sequence[int] | None = None):
    self.source, self.label_key, self.image_size = source, label_key, image_size
    self.indices = list(range(len(source))) if indices is None else list(indices)

  def __len__(self) -> int:
    return len(self.indices)

  def _prepare(self, example: dict[str, Any]) -> tuple[torch.Tensor, ...]:
    image = example['image']
    window = preprocessing.central_square(image.shape[0], image.shape[1])
    x = to_tensor(image, window, self.image_size)
    return (x,) if self.label_key is None else (x, _label(example, self.label_key))

  def __getitem__(self, i: int) -> tuple[torch.Tensor, ...]:
    return self._prepare(self.source[self.indices[i]])

  def __getitems__(self, items: Sequence[int]) -> list[tuple[torch.Tensor, ...]]:
    return [self._prepare(ex)
            for ex in self.source.__getitems__([self.indices[i] for i in items])]


class EpochSampler(torch.utils.data.Sampler):
  """Endless `(position, index)` pairs: a seeded permutation per epoch, sharded over ranks.

  Rank `r` of `world` takes the stream positions `r, r + world, ...`, so the ranks together see
  exactly the single-process stream.
  """

  def __init__(self, num_examples: int, *, seed: int, rank: int = 0, world: int = 1):
    super().__init__()
    if num_examples <= 0:
      raise ValueError('Nothing to sample from: the split is empty.')
    self.num_examples, self.seed, self.rank, self.world = num_examples, seed, rank, world

  def __iter__(self) -> Iterator[tuple[int, int]]:
    position = 0
    for epoch in itertools.count():
      order = np.random.default_rng([self.seed, epoch]).permutation(self.num_examples)
      for index in order:
        if position % self.world == self.rank:
          yield position, int(index)
        position += 1


def loader(dataset: torch.utils.data.Dataset, batch_size: int, *, num_workers: int,
           sampler: torch.utils.data.Sampler | None = None, drop_last: bool = False,
           persistent: bool = False) -> torch.utils.data.DataLoader:
  """A DataLoader whose workers (if any) start safely and stay for the loader's life."""
  workers = {}
  if num_workers > 0:
    workers = dict(num_workers=num_workers, multiprocessing_context=WORKER_CONTEXT,
                   persistent_workers=persistent, prefetch_factor=4)
  return torch.utils.data.DataLoader(dataset, batch_size=batch_size, sampler=sampler,
                                     drop_last=drop_last, pin_memory=torch.cuda.is_available(),
                                     **workers)


def sample_indices(num_examples: int, max_examples: int, seed: int) -> list[int]:
  """A uniform sample of up to `max_examples` indices, sorted (for the kNN choice)."""
  rng = np.random.default_rng(seed)
  count = min(num_examples, max_examples)
  return sorted(int(i) for i in rng.choice(num_examples, size=count, replace=False))
