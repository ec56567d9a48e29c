"""notMNIST (small): the letters A-J rendered in many fonts, 28x28 grayscale."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator

from PIL import Image

from nevis_datasets import toolkit

# Only the small set is used, like the reference; the archive's notMNIST_large is ignored.
_ROOT = 'notMNIST_small/notMNIST_small'
_LETTERS = tuple('ABCDEFGHIJ')
# Known-undecodable members that the reference ignores by name: listed here so that they are
# not reported as skipped images (any other undecodable file is skipped and counted as usual).
_KNOWN_CORRUPT = frozenset({
    f'{_ROOT}/A/RGVtb2NyYXRpY2FCb2xkT2xkc3R5bGUgQm9sZC50dGY=.png',
    f'{_ROOT}/F/Q3Jvc3NvdmVyIEJvbGRPYmxpcXVlLnR0Zg==.png',
})


def _pixel_md5(data: bytes) -> str | None:
  """md5 of the decoded grayscale pixels (the reference's dedup key), None if undecodable."""
  try:
    with Image.open(io.BytesIO(data)) as image:
      return hashlib.md5(image.convert('L').tobytes()).hexdigest()
  except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
    return None


class NotMnist(toolkit.TaskBuilder):
  """notMNIST small; label = the letter folder A..J, duplicates within a letter dropped."""

  TASK = 'not_mnist'
  CLASS_NAMES = _LETTERS
  GRAYSCALE = True

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download_kaggle(dl_manager) / _ROOT
    if not root.is_dir():
      raise toolkit.downloads.DownloadError(
          f'[{self.TASK}] {root} does not exist: the Kaggle archive does not have the expected '
          f'layout ({_ROOT}/<letter>/*.png). Delete the download (or the manual notmnist.zip) '
          'and build again.')
    seen: set[tuple[str, str]] = set()
    for letter in _LETTERS:
      folder = root / letter
      if not folder.is_dir():
        raise toolkit.downloads.DownloadError(
            f'[{self.TASK}] {folder} is missing: the archive is incomplete. Delete it and '
            'build again.')
      # Sorted, so the first of a group of duplicates is kept, as in the reference.
      for path in sorted(folder.iterdir(), key=lambda p: p.name):
        key = f'{_ROOT}/{letter}/{path.name}'
        if path.suffix != '.png' or key in _KNOWN_CORRUPT:
          continue
        data = path.read_bytes()
        digest = _pixel_md5(data)
        if digest is not None:  # Undecodable files go on, to be skipped and counted.
          if (digest, letter) in seen:
            continue
          seen.add((digest, letter))
        yield toolkit.Example(key=key, image=data, label=letter)
