"""The ORL (Olivetti) faces: 400 grayscale 92x112 photos of 40 people, from Kaggle.

The Kaggle copy (`tavarez/the-orl-database-for-training-and-testing`) names each image
`<image number>_<subject>.jpg`; label = subject - 1, as in the reference. The reference declares
41 classes although ORL has 40 subjects: the 41 ids are kept and the last, `s41`, never
receives an image.

Differences from the reference (see README.md): splits by a hash of the image path instead of
a seeded draw in archive order; non-image files are ignored and malformed names stop the build.
"""

from __future__ import annotations

from collections.abc import Iterator

from etils import epath

from nevis_datasets import toolkit

_IMAGE_SUFFIXES = ('.jpg', '.jpeg', '.png', '.pgm', '.bmp')
_NUM_CLASSES = 41

CLASS_NAMES = tuple(f's{subject}' for subject in range(1, _NUM_CLASSES + 1))


def subject_id(file_name: str) -> int:
  """Label id of an image file `<n>_<subject>.<ext>`: subject - 1 (the reference's rule).

  Raises:
    ValueError: the name has no `_<subject>` part, or the subject is outside 1..41.
  """
  parts = file_name.split('.')[0].split('_')
  if len(parts) < 2 or not parts[1].isdigit():
    raise ValueError(f'{file_name!r} is not named <n>_<subject>.<ext>')
  label = int(parts[1]) - 1
  if not 0 <= label < _NUM_CLASSES:
    raise ValueError(f'{file_name!r}: subject {parts[1]} outside 1..{_NUM_CLASSES}')
  return label


class OlivettiFace(toolkit.TaskBuilder):
  """ORL faces; every image of the Kaggle archive, label from the file name."""

  TASK = 'olivetti_face'
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = epath.Path(self.download_kaggle(dl_manager))
    paths = sorted(folder / name for folder, _, names in root.walk() for name in names
                   if epath.Path(name).suffix.lower() in _IMAGE_SUFFIXES)
    if not paths:
      raise toolkit.downloads.DownloadError(
          f'[{self.TASK}] no images under {root}: the Kaggle archive does not have the expected '
          'content. Delete the download (or the manual zip) and build again.')
    for path in paths:
      key = path.relative_to(root).as_posix()
      with self.expected_content(f'The Kaggle archive ({key})'):
        label = subject_id(path.name)
      yield toolkit.Example(key=key, image=path, label=label)
