"""Dropping duplicate images within a task, as the reference's `deduplicate_data_generator` does.

The reference keeps the first example of each `(md5 of the decoded pixels, label)` pair in the
order its generator yields them, so which copy survives depends on that order. Here the caller
passes examples in a stable order (sorted keys), so the survivor is the same in any process.
Digests decode the image: deduplication is the one place where listing reads pixels.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from absl import logging
import numpy as np

from nevis_datasets.toolkit import builder
from nevis_datasets.toolkit import images


def pixel_digest(source: images.ImageSource, *, grayscale: bool = False) -> str | None:
  """md5 of the image's pixels in the task's mode; None if it cannot be decoded.

  Two files holding the same pixels (the same image re-encoded, or stored twice) get the same
  digest; so do an array and the PNG the toolkit would store for it.
  """
  channels_ok = (lambda a: a.ndim == 2) if grayscale else (
      lambda a: a.ndim == 3 and a.shape[-1] == 3)
  if isinstance(source, np.ndarray) and source.dtype == np.uint8 and channels_ok(source):
    pixels = source  # Already what would be stored: no need to encode it.
  else:
    try:
      pixels = images.decoded_pixels(source, grayscale=grayscale)
    except images.CorruptImageError:
      return None
  return hashlib.md5(f'{pixels.shape}'.encode() + np.ascontiguousarray(pixels).tobytes()
                     ).hexdigest()


def unique_examples(examples: Iterable[builder.Example], *,
                    grayscale: bool = False) -> Iterator[builder.Example]:
  """`examples` without those whose (pixels, label) an earlier example had.

  Undecodable images are passed on (the build skips and counts them); multi-label labels are
  compared as sets. Each dropped copy is logged with the key it repeats.
  """
  kept: dict[tuple[str, object], str] = {}  # (digest, label) -> the key kept.
  for example in examples:
    digest = pixel_digest(example.image, grayscale=grayscale)
    if digest is not None:
      label = example.label
      label = frozenset(label) if isinstance(label, (list, tuple, set, frozenset)) else label
      if (digest, label) in kept:
        logging.info('%s has the pixels and label of %s: not used.', example.key,
                     kept[digest, label])
        continue
      kept[digest, label] = example.key
    yield example
