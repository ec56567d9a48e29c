"""Listing the files of an extracted archive, with keys that do not depend on where it lies.

TFDS extracts archives to a directory named after the download's hash; example keys must stay
the same across machines and runs, so they are paths relative to that directory.
"""

from __future__ import annotations

from etils import epath


def extracted_files(root: epath.PathLike) -> list[tuple[str, epath.Path]]:
  """`(key, path)` of every file under `root`, sorted by key.

  Args:
    root: an extracted archive (or a folder inside one).

  Returns:
    The key is the file's path relative to `root` with '/' separators (the archive member
    path, for an archive extracted at `root`); directories are left out.
  """
  root = epath.Path(root)
  files = []
  for folder, _, names in root.walk():
    for name in names:
      path = folder / name
      files.append((path.relative_to(root).as_posix(), path))
  return sorted(files, key=lambda item: item[0])


def extracted_folder(root: epath.PathLike, folder: str) -> list[tuple[str, epath.Path]]:
  """`(member path, path)` of the files under `folder` of the archive extracted at `root`.

  Keys keep the `folder/` prefix (the archive member paths), so only that folder is read and
  other copies of the images elsewhere in the archive play no part.

  Raises:
    ValueError: the archive has no `folder` (inside `expected_content`: a changed download).
  """
  root = epath.Path(root)
  if not (root / folder).is_dir():
    raise ValueError(f'{folder}/ is missing')
  return [(f'{folder}/{key}', path) for key, path in extracted_files(root / folder)]
