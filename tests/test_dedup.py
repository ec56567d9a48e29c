"""toolkit.dedup: the reference's (pixels, label) deduplication, order-stable."""

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets import toolkit
from nevis_datasets.toolkit import dedup

_PIXELS = np.arange(4 * 5 * 3, dtype=np.uint8).reshape(4, 5, 3)


def _example(key, image, label=0):
  return toolkit.Example(key=key, image=image, label=label)


def test_same_pixels_in_any_encoding_have_one_digest():
  png = fake_archives.image_bytes(_PIXELS, 'PNG')
  bmp = fake_archives.image_bytes(_PIXELS, 'BMP')
  assert dedup.pixel_digest(_PIXELS) == dedup.pixel_digest(png) == dedup.pixel_digest(bmp)
  other = _PIXELS.copy()
  other[0, 0, 0] += 1
  assert dedup.pixel_digest(other) != dedup.pixel_digest(_PIXELS)
  # The shape counts: the same bytes in another shape are another image.
  assert dedup.pixel_digest(_PIXELS.reshape(5, 4, 3)) != dedup.pixel_digest(_PIXELS)


def test_grayscale_digest_is_of_the_stored_grayscale_pixels():
  gray = np.full((3, 3), 7, np.uint8)
  rgb = np.repeat(gray[..., None], 3, axis=-1)
  assert dedup.pixel_digest(gray, grayscale=True) == dedup.pixel_digest(
      fake_archives.image_bytes(rgb, 'PNG'), grayscale=True)


def test_unique_examples_keeps_the_first_of_each_pixels_and_label_pair():
  png = fake_archives.image_bytes(_PIXELS, 'PNG')
  examples = [
      _example('a', png, 0),
      _example('b', _PIXELS, 0),  # Same pixels, same label: dropped.
      _example('c', _PIXELS, 1),  # Same pixels, another label: kept.
      _example('d', b'not an image', 0),  # Undecodable: passed on (the build counts it).
      _example('e', b'not an image', 0),
      _example('f', _PIXELS, [1, 0]),  # Multi-label: compared as a set.
      _example('g', _PIXELS, [0, 1]),
  ]
  kept = [e.key for e in dedup.unique_examples(examples)]
  assert kept == ['a', 'c', 'd', 'e', 'f']
