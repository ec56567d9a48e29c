"""Prepared tasks with planted duplicates, for the overlap audit's test and benchmark.

Distinct images are 1/f-noise colour images (the spectrum of natural images, so their hashes
are as spread as photos' are, not as clustered as flat synthetic shapes). Copies of training
images are planted in evaluation splits, of the same task and of a later one: exact copies (the
same bytes), re-encoded JPEGs, resized and slightly cropped copies. Needs TensorFlow (TFDS
writes the tasks).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
from collections.abc import Callable, Iterable, Mapping

from etils import epath
import numpy as np
from PIL import Image

from beam_pipelines import prepared

SIZE = 96


def natural_image(rng: np.random.Generator, size: int = SIZE) -> Image.Image:
  """A colour image with a 1/f^beta spectrum (beta in [1.6, 2.4], as photos have)."""
  beta = rng.uniform(1.6, 2.4)
  frequencies = np.fft.fftfreq(size)[:, None] ** 2 + np.fft.rfftfreq(size)[None, :] ** 2
  frequencies[0, 0] = 1.0
  channels = []
  for _ in range(3):
    spectrum = rng.normal(size=frequencies.shape) + 1j * rng.normal(size=frequencies.shape)
    channels.append(np.fft.irfft2(spectrum / frequencies ** (beta / 2), s=(size, size)))
  pixels = np.stack(channels, -1)
  pixels = (pixels - pixels.min()) / (pixels.max() - pixels.min()) * 255
  return Image.fromarray(pixels.astype(np.uint8), 'RGB')


def png(image: Image.Image) -> bytes:
  buffer = io.BytesIO()
  image.save(buffer, format='PNG')
  return buffer.getvalue()


def jpeg(image: Image.Image, quality: int = 75) -> bytes:
  buffer = io.BytesIO()
  image.save(buffer, format='JPEG', quality=quality)
  return buffer.getvalue()


def _resized(image: Image.Image, scale: float) -> Image.Image:
  return image.resize((round(image.width * scale), round(image.height * scale)),
                      Image.Resampling.BICUBIC)


def _cropped(image: Image.Image, fraction: float) -> Image.Image:
  dx, dy = round(image.width * fraction), round(image.height * fraction)
  return image.crop((dx, dy, image.width - dx, image.height - dy))


# How a planted copy is made from the original's PNG bytes and image.
VARIANTS: Mapping[str, Callable[[bytes, Image.Image], bytes]] = {
    'exact': lambda encoded, image: encoded,
    'jpeg': lambda encoded, image: jpeg(image, 70),
    'resized_half': lambda encoded, image: png(_resized(image, 0.5)),
    'resized_1.5x': lambda encoded, image: png(_resized(image, 1.5)),
    'cropped_3%': lambda encoded, image: png(_cropped(image, 0.03)),
}


@dataclasses.dataclass(frozen=True)
class Planted:
  """One planted copy: the evaluation image (by its bytes) and the training image it copies."""

  variant: str
  evaluation: tuple[str, str, str]  # task, split, digest of the copy's bytes.
  training: tuple[str, str, str]


def digest(encoded: bytes) -> str:
  return hashlib.blake2b(encoded, digest_size=16).hexdigest()


def write_task(data_dir: epath.PathLike, task: str,
               splits: Mapping[str, Iterable[bytes]]) -> None:
  """A prepared `nevis/<task>` of the given encoded images (labels: their index mod 10)."""
  import tensorflow_datasets as tfds  # pylint: disable=g-import-not-at-top
  features = tfds.features.FeaturesDict({
      'image': tfds.features.Image(shape=(None, None, 3)),
      'label': tfds.features.ClassLabel(num_classes=10)})
  tfds.dataset_builders.store_as_tfds_dataset(
      name='nevis', config=task, version='1.0.0', features=features, data_dir=data_dir,
      split_datasets={split: [(f'{split}-{i:06d}', {'image': image, 'label': i % 10})
                              for i, image in enumerate(images)]
                      for split, images in splits.items()},
      disable_shuffling=True)


def plant(data_dir: epath.PathLike, *, distinct: int, copies: int, seed: int = 0
          ) -> list[Planted]:
  """Writes tasks `planted_a` then `planted_b` and returns their planted copies.

  Each task has `distinct` distinct images over its four splits (60% train, 10% dev, 10%
  dev_test, 20% test). `copies` training images of each task get one copy of each variant:
  planted_a's in its own test split; planted_b's in its own dev_test split and planted_a's
  (others) in planted_b's test split.
  """
  rng = np.random.default_rng(seed)
  originals = {}
  splits: dict[str, dict[str, list[bytes]]] = {}
  for task in ('planted_a', 'planted_b'):
    images = [natural_image(rng) for _ in range(distinct)]
    cuts = np.cumsum([int(distinct * f) for f in (0.6, 0.1, 0.1)])
    parts = np.split(np.arange(distinct), cuts)
    splits[task] = {split: [png(images[i]) for i in part]
                    for split, part in zip(prepared.SPLITS, parts)}
    originals[task] = [(splits[task]['train'][k], images[parts[0][k]])
                       for k in range(min(2 * copies, len(parts[0])))]
  planted = []

  def add(source_task: str, originals_, target_task: str, target_split: str):
    for encoded, image in originals_:
      for variant, make in VARIANTS.items():
        copy = make(encoded, image)
        splits[target_task][target_split].append(copy)
        planted.append(Planted(variant, (target_task, target_split, digest(copy)),
                               (source_task, 'train', digest(encoded))))

  add('planted_a', originals['planted_a'][:copies], 'planted_a', 'test')
  add('planted_b', originals['planted_b'][:copies], 'planted_b', 'dev_test')
  add('planted_a', originals['planted_a'][copies:2 * copies], 'planted_b', 'test')
  for task, task_splits in splits.items():
    write_task(data_dir, task, task_splits)
  return planted


def score(findings: Iterable[Mapping], planted: Iterable[Planted],
          tasks: Iterable[prepared.PreparedTask]) -> dict[str, dict[str, float]]:
  """Recall per variant, and precision, of the audit's findings (`findings.jsonl`'s records).

  A near finding is true when its two images are a planted copy and its original; exact
  findings are scored on their own (`exact_recall`). Findings of other tasks are ignored.
  """
  digests = {}
  for task in tasks:
    for shard in task.shards:
      for record in prepared.read_shard(shard):
        digests[record.task, record.split, record.index] = digest(record.image)

  def pair(finding: Mapping) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    evaluation, training = tuple(finding['evaluation']), tuple(finding['training'])
    return (evaluation[:2] + (digests[evaluation],), training[:2] + (digests[training],))

  findings = [f for f in findings if tuple(f['evaluation']) in digests]
  near = {pair(f) for f in findings if not f['kind'].startswith('exact_')}
  exact = {pair(f) for f in findings if f['kind'].startswith('exact_')}
  planted = list(planted)
  scores: dict[str, dict[str, float]] = {}
  for variant in VARIANTS:
    pairs = [(p.evaluation, p.training) for p in planted if p.variant == variant]
    scores[variant] = {'planted': len(pairs),
                       'recall': sum(pair in near for pair in pairs) / len(pairs)}
  scores['exact']['exact_recall'] = (
      sum((p.evaluation, p.training) in exact for p in planted if p.variant == 'exact')
      / scores['exact']['planted'])
  expected = {(p.evaluation, p.training) for p in planted}
  scores['all'] = {'findings': len(near),
                   'precision': len(near & expected) / len(near) if near else 1.0}
  return scores
