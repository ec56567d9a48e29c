"""The base class of every expected failure: what the command-line tools print as one message.

An error a user can act on (an unknown name, a missing or corrupt download, a task not built, a
run dir that holds another run) derives from `UserError`, and its message names the task, the
file or URL, and what to do. `nevis build`, `nevis run` and the other commands print such errors
as one line and exit 2; anything else is a bug (ours or a learner's) and keeps its traceback.
It lives in `nevis_datasets`, the lowest layer, so streams and the benchmarker can derive from it.

A full, read-only or forbidden disk is such a failure wherever it happens (a build, a run's
files): `storage_problem` recognises one, and each caller says what to do about it.
"""

from __future__ import annotations

import errno
import os

# Storage failures the user fixes: no space, a quota, a read-only or forbidden directory.
STORAGE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM})


class UserError(Exception):
  """An expected failure; the message says what went wrong and the way out."""


class NotPreparedError(UserError, FileNotFoundError):
  """A task that must be built before this command can use it."""


def storage_problem(error: BaseException | None) -> tuple[int, str | None] | None:
  """(errno, file) of a storage failure behind `error`, else None.

  The failure may be an OSError anywhere in the exception's chain, or TensorFlow's wrapping of
  one, which keeps only the system's message (TFDS turns a full disk while writing shards into
  `RuntimeError('ResourceExhaustedError: ...; No space left on device')`).
  """
  seen = set()
  while error is not None and id(error) not in seen:
    seen.add(id(error))
    if isinstance(error, OSError) and error.errno in STORAGE_ERRNOS:
      return error.errno, error.filename
    for number in STORAGE_ERRNOS:
      if os.strerror(number) in str(error):
        return number, None
    error = error.__cause__ or error.__context__
  return None
