"""Extracting archives: each extraction tied to the archive it came from, streamed, atomic.

TFDS's `dl_manager.extract` reuses `<download_dir>/extracted/<METHOD>.<file name>` whatever archive
now has that name, so a fixed (or bigger) archive placed later still builds the old content; it
reads every member whole into memory and leaves its partial extraction behind when it fails or
is killed. Here an extraction:

* records the archive it came from (its verified md5, else its path, size and mtime) in a file
  beside it, and is redone when the archive differs;
* streams members to disk, after checking a zip's declared sizes against the free space;
* writes into a temporary dir that is renamed once complete, holding the target's lock, so two
  builds extracting the same archive wait for each other, and what an interrupted extraction
  left is removed by the next one.

Member paths are TFDS's (`tfds.download.iter_archive`), which never leave the extraction dir.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Callable
from typing import Any

from absl import logging
from etils import epath
import tensorflow_datasets as tfds

from nevis_datasets.toolkit import archives
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import locks

ExtractMethod = tfds.download.ExtractMethod
_CHUNK = 1 << 20


def method_for(file_name: str) -> ExtractMethod:
  """The archive type TFDS infers from a file name (NO_EXTRACT if none)."""
  return tfds.core.download.resource.guess_extract_method(file_name)


def source_of(archive: epath.Path, md5: str | None) -> dict[str, Any]:
  """What identifies `archive`'s content: its verified md5, else its path, size and mtime."""
  if md5:
    return {'md5': md5}
  if '://' in os.fspath(archive):
    stat = archive.stat()
    return {'path': os.fspath(archive), 'size': stat.length, 'mtime': stat.mtime}
  stat = os.stat(archive)
  return {'path': os.fspath(archive), 'size': stat.st_size, 'mtime_ns': stat.st_mtime_ns}


def _record_path(target: epath.Path) -> epath.Path:
  return target.parent / f'.{target.name}.source.json'


def _recorded_source(target: epath.Path) -> dict[str, Any] | None:
  try:
    return json.loads(_record_path(target).read_text())
  except (OSError, ValueError):
    return None


def _remove(path: epath.Path) -> None:
  if path.is_dir():
    path.rmtree(missing_ok=True)
  else:
    path.unlink(missing_ok=True)


def _check_space(task: str, archive: epath.Path, method: ExtractMethod,
                 extract_dir: epath.Path) -> None:
  """A zip declares its members' sizes: refuse one that cannot fit before writing any."""
  if method is ExtractMethod.ZIP:
    total = sum(archives.declared_sizes(archive))
    disk.check_free_space(task, {extract_dir: {f'extraction of {archive.name}': total}},
                          advice=' (--download_dir puts downloads and extractions elsewhere)')


def _extract_into(archive: epath.Path, method: ExtractMethod, destination: epath.Path) -> None:
  created: set[str] = set()
  with archive.open('rb') as f:
    for member, data in tfds.download.iter_archive(f, method):
      path = destination / member if member else destination
      parent = os.fspath(path.parent)
      if parent not in created:
        path.parent.mkdir(parents=True, exist_ok=True)
        created.add(parent)
      with path.open('wb') as out:
        shutil.copyfileobj(data, out, _CHUNK)


def extract(task: str, archive: epath.PathLike, method: ExtractMethod | str,
            extract_dir: epath.PathLike, *, md5: str | None = None,
            origin: str | None = None,
            unpack: Callable[[epath.Path, epath.Path], None] | None = None) -> epath.Path:
  """The extraction of `archive`: reused if it came from the same archive, else (re)made.

  Args:
    task: the task, for messages.
    archive: the archive file.
    method: its type.
    extract_dir: where extractions live (`<download_dir>/extracted`).
    md5: the archive's verified md5, if any (then a moved archive is not extracted again).
    origin: where the archive came from (its URL), for messages.
    unpack: writes the archive's members into a new dir (`unpack(archive, dir)`), for types
      TFDS cannot read (`method` is then a name, e.g. 'RAR'); it raises
      archives.CorruptArchiveError for a damaged archive.

  Returns:
    `<extract_dir>/<METHOD>.<archive name>` (a dir, or a file for gz/bz2 of one file).

  Raises:
    archives.CorruptArchiveError: the archive cannot be read; nothing of it is left on disk.
  """
  archive = epath.Path(archive)
  name = method if isinstance(method, str) else method.name
  target = epath.Path(extract_dir) / f'{name}.{archive.name}'
  source = source_of(archive, md5)
  with locks.exclusive(target, f'extracting {archive}'):
    if target.exists():
      recorded = _recorded_source(target)
      if recorded == source:
        logging.info('[%s] Reusing the extraction of %s at %s.', task, archive, target)
        return target
      logging.warning('[%s] %s was extracted from another archive (%s); extracting %s again.',
                      task, target, recorded or 'unknown', archive)
    partial = target.parent / f'{locks.INCOMPLETE_PREFIX}{uuid.uuid4().hex}_{target.name}'
    try:
      try:
        if unpack is not None:
          unpack(archive, partial)
        else:
          _check_space(task, archive, method, target.parent)
          _extract_into(archive, method, partial)
      except Exception as e:  # pylint: disable=broad-except  # Re-raised as is unless damage.
        damage = e.__cause__ if isinstance(e, archives.CorruptArchiveError) else e
        if damage is None or not archives.is_read_error(damage):
          raise
        raise archives.CorruptArchiveError(
            f'{archive}{f" (from {origin})" if origin else ""} cannot be extracted '
            f'({type(damage).__name__}: {damage}): the archive is damaged or incomplete. Delete '
            'it and build again (it is downloaded again, or place a good copy in the manual '
            'dir).') from damage
      _record_path(target).unlink(missing_ok=True)
      if target.exists():
        _remove(target)
      partial.rename(target)
      _record_path(target).write_text(json.dumps(source))
    finally:
      if partial.exists():
        _remove(partial)
  return target
