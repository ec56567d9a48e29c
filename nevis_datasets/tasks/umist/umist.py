"""UMIST (Sheffield) face database: 564 grayscale face images of 20 people, from profile to frontal.

Label = the subject folder the image lies in (`1a` ... `1t`), with ids in the reference's fixed
order of the 20 folder names. The source has no split: images are divided by a hash of their
member path.

Differences from the reference (see README.md): splits by a hash of the member path instead of
a seeded draw in archive order; the subject is the image's parent folder name, so a folder
prefix in the archive does not matter, and a file outside a subject folder stops the build with
a message instead of a `KeyError`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from nevis_datasets import toolkit
from nevis_datasets.toolkit import trees

_URL = 'http://eprints.lincoln.ac.uk/id/eprint/16081/1/face.tar.gz'

# The reference's `labels` list, in its id order (kept so that ids match the reference).
CLASS_NAMES = (
    '1s', '1r', '1n', '1i', '1d', '1e', '1q', '1c', '1k', '1l', '1h', '1o', '1a', '1b', '1t',
    '1m', '1g', '1f', '1p', '1j',
)


def subject(key: str) -> str:
  """The subject folder of archive member `key` (`1a/face01.pgm` -> `1a`).

  Raises:
    ValueError: the member does not lie in one of the 20 subject folders.
  """
  folder = posixpath.basename(posixpath.dirname(key))
  if folder not in CLASS_NAMES:
    raise ValueError(f'{key!r} is not in a subject folder ({", ".join(sorted(CLASS_NAMES))})')
  return folder


class Umist(toolkit.TaskBuilder):
  """UMIST; PGM images from the extracted face.tar.gz, label from the subject folder."""

  TASK = 'umist'
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download(dl_manager, _URL, extract=True)
    yield from self.labelled_images(trees.extracted_files(root), 'face.tar.gz', subject)
