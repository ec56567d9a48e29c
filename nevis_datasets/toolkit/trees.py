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
