"""notMNIST (small): the letters A-J rendered in many fonts, 28x28 grayscale."""

from __future__ import annotations

from collections.abc import Iterator

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
    yield from toolkit.dedup.unique_examples(self._all_examples(root), grayscale=True)

  def _all_examples(self, root) -> Iterator[toolkit.Example]:
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
        yield toolkit.Example(key=key, image=path.read_bytes(), label=letter)
