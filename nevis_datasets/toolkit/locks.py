"""One process at a time per dataset version, download or extraction; nothing left by killed ones.

TFDS writes a dataset into `<parent>/incomplete.<random>_<version>` and renames it when every split
is complete; downloads and extractions work the same way. Two processes doing the same at once
fail on each other's rename, and a process killed with `kill -9` (or out of disk) leaves its
temporary dir behind for good. `exclusive` holds an advisory lock for one target and, once it
holds it, removes what interrupted runs left for that target: no one else can be writing it. A
second process waits, saying which process holds the lock, and then finds the work done.

The lock is an `flock` on `.<target name>.lock` beside the target, which the system releases
when its process dies, even by `kill -9`, so a crash never leaves a target locked. The holder
deletes the lock file when it is done (and a waiter that locked a file deleted meanwhile tries
again), so nothing stays behind; `filelock` keeps its files, hence this small implementation.
Storage without flock (`gs://...`, other URLs) is not locked: distributed runners write there,
one job per task.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
from collections.abc import Iterator

from absl import logging
from etils import epath

INCOMPLETE_PREFIX = 'incomplete.'  # TFDS's prefix of temporary dirs (tfds.core.constants).


def _is_local(path: epath.Path) -> bool:
  return '://' not in os.fspath(path)


def lock_path(target: epath.Path) -> epath.Path:
  """The lock file of `target`: a hidden file beside it."""
  return target.parent / f'.{target.name}.lock'


def incomplete_pattern(target: epath.Path) -> str:
  """How TFDS (and the toolkit) name a temporary dir of `target`, as a glob beside it."""
  return f'{INCOMPLETE_PREFIX}*_{target.name}'


def _acquire(path: str, what: str) -> int:
  """An open descriptor of `path` holding its exclusive flock (waiting for it if needed)."""
  waited = False
  while True:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
      try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
      except BlockingIOError:
        if not waited:
          who = os.pread(fd, 256, 0).decode(errors='replace').strip() or 'another process'
          logging.warning('Waiting for %s, which is %s (lock %s)...', who, what, path)
          waited = True
        fcntl.flock(fd, fcntl.LOCK_EX)
      try:
        current = os.stat(path)
      except FileNotFoundError:
        current = None
      held = os.fstat(fd)
      if current is not None and (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):
        return fd
      # The previous holder deleted the file before we locked it: lock the new one.
    except BaseException:
      os.close(fd)
      raise
    os.close(fd)


@contextlib.contextmanager
def exclusive(target: epath.PathLike, what: str, *,
              leftovers: str | None = None) -> Iterator[None]:
  """Holds `target`'s lock (waiting for it if needed) and clears interrupted runs' leftovers.

  Args:
    target: the dir (or file) that the work inside produces (it need not exist yet).
    what: the work, for the waiting message (e.g. 'building nevis/coil20').
    leftovers: a glob, beside `target`, of what interrupted runs leave (default:
      `incomplete_pattern(target)`).

  Raises:
    OSError: the lock file cannot be created (e.g. a read-only data dir).
  """
  target = epath.Path(target)
  if not _is_local(target):
    yield
    return
  target.parent.mkdir(parents=True, exist_ok=True)
  path = os.fspath(lock_path(target))
  fd = _acquire(path, what)
  try:
    os.ftruncate(fd, 0)
    os.pwrite(fd, f'process {os.getpid()} on {socket.gethostname()}'.encode(), 0)
    for leftover in sorted(target.parent.glob(leftovers or incomplete_pattern(target))):
      logging.info('Removing %s, left by an interrupted run.', leftover)
      if leftover.is_dir():
        leftover.rmtree(missing_ok=True)
      else:
        leftover.unlink(missing_ok=True)
    yield
  finally:
    with contextlib.suppress(FileNotFoundError):
      os.unlink(path)  # While still locked: a waiter then sees the file is gone and retries.
    os.close(fd)
