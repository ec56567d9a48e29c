"""Checkpoints without pickle: a tree's structure as JSON, its arrays as `.npz` entries.

Loading never executes code from the file (`np.load(..., allow_pickle=False)`), so a checkpoint
from someone else is safe to open; a file that is not a checkpoint written here (truncated,
tampered, pickled) is one `BadCheckpointError`. Saving refuses what loading could not read back
(object arrays, which `np.savez` would pickle). Writes are atomic: a crash leaves the previous
checkpoint, and no temporary file.
"""

from __future__ import annotations

import errno
import io
import json
import math
import os
import zipfile
import zlib
from typing import Any

from etils import epath
import numpy as np

from nevis_datasets import errors

_TREE_KEY = '__tree__'
# The way out of a storage failure (`errors.STORAGE_ERRNOS`) while writing a run's files.
_ROOM = 'Free space (or quota) there, or choose another --output.'
_WRITABLE = 'Choose another --output, in a directory you can write to.'


class BadCheckpointError(errors.UserError, ValueError):
  """A file that is not a readable checkpoint."""


class WriteError(errors.UserError, OSError):
  """A run file that cannot be written: no space, over quota, read-only or not permitted."""


def _child(path: str, key: str | int) -> str:
  """`learner_state['priors']['x']`: the path of a field, for error messages."""
  return key if not path and isinstance(key, str) else f'{path}[{key!r}]'


def _encode(node: Any, arrays: list[np.ndarray], path: str = '') -> Any:
  if isinstance(node, np.ndarray):
    if node.dtype.hasobject:
      raise TypeError(f'Cannot checkpoint {path or "the tree"}: an array of dtype {node.dtype} '
                      'holds Python objects, which only pickle could store. Use numeric or '
                      'string arrays, or lists.')
    arrays.append(node)
    return {'array': len(arrays) - 1}
  if isinstance(node, np.generic):
    node = node.item()
  if isinstance(node, dict):
    if not all(isinstance(k, str) for k in node):
      raise TypeError(f'Checkpoint dict keys must be strings, got {list(node)[:5]} at '
                      f'{path or "the root"}.')
    return {'dict': [[k, _encode(v, arrays, _child(path, k))] for k, v in node.items()]}
  if isinstance(node, (list, tuple)):
    return {type(node).__name__: [_encode(v, arrays, _child(path, i)) for i, v in enumerate(node)]}
  if isinstance(node, float) and not math.isfinite(node):
    return {'float': repr(node)}  # JSON has no nan/inf.
  if node is None or isinstance(node, (bool, int, float, str)):
    return {'value': node}
  raise TypeError(f'Cannot checkpoint a {type(node).__name__} at {path or "the root"}: learner '
                  'states must be trees of dicts, lists, tuples, NumPy arrays, numbers, strings '
                  'and None.')


def _decode(node: Any, arrays: dict[str, np.ndarray]) -> Any:
  """The tree of `node`; ValueError for anything `_encode` does not write."""
  if not (isinstance(node, dict) and len(node) == 1):
    raise ValueError(f'a tree node is {str(node)[:80]}, not one {{kind: value}} pair')
  (kind, value), = node.items()
  if kind == 'array' and isinstance(value, int) and f'a{value}' in arrays:
    return arrays[f'a{value}']
  if kind == 'dict' and isinstance(value, list) and all(
      isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) for item in value):
    return {k: _decode(v, arrays) for k, v in value}
  if kind in ('list', 'tuple') and isinstance(value, list):
    items = [_decode(v, arrays) for v in value]
    return items if kind == 'list' else tuple(items)
  if kind == 'float' and value in ('nan', 'inf', '-inf'):
    return float(value)
  if kind == 'value' and (value is None or isinstance(value, (bool, int, float, str))):
    return value
  raise ValueError(f'unknown or malformed tree node {str(node)[:80]}')


def save(path: epath.PathLike, tree: Any) -> None:
  """Writes `tree` to `path` atomically (a temporary file, then a rename).

  Raises:
    TypeError: `tree` holds something a checkpoint cannot store (the message names the field).
    WriteError: the disk is full, over quota, read-only or not writable.
  """
  path = epath.Path(path)
  arrays: list[np.ndarray] = []
  structure = json.dumps(_encode(tree, arrays))
  buffer = io.BytesIO()
  np.savez(buffer, **{f'a{i}': a for i, a in enumerate(arrays)},
           **{_TREE_KEY: np.frombuffer(structure.encode(), dtype=np.uint8)})
  write_atomically(path, buffer.getvalue())


def write_atomically(path: epath.PathLike, data: bytes) -> None:
  """Writes `data` to a temporary file, then renames it: readers never see half a file.

  Raises:
    WriteError: for a full disk, a quota, a read-only file system or missing permissions, with
      the way out; other failures keep their type. Either way no temporary file is left.
  """
  path = epath.Path(path)
  tmp = path.parent / f'.{path.name}.tmp-{os.getpid()}'
  try:
    tmp.write_bytes(data)
    tmp.replace(path)
  except BaseException as e:
    try:
      tmp.unlink(missing_ok=True)
    except OSError:
      pass  # E.g. a read-only file system: then the file was never created.
    if isinstance(e, OSError) and e.errno in errors.STORAGE_ERRNOS:
      room = e.errno in (errno.ENOSPC, errno.EDQUOT)
      raise WriteError(f'Cannot write {path}: {os.strerror(e.errno)}. '
                       f'{_ROOM if room else _WRITABLE}') from e
    raise


def _read_arrays(path: epath.PathLike) -> dict[str, np.ndarray]:
  """The arrays of the `.npz` file at `path`, never unpickling anything."""

  def bad(reason: str) -> BadCheckpointError:
    return BadCheckpointError(f'{path} is not a readable checkpoint: {reason}.')

  with epath.Path(path).open('rb') as f:
    try:
      data = np.load(f, allow_pickle=False)
    except ValueError:  # NumPy takes a file that is neither .npz nor .npy for a pickle.
      raise bad('not an .npz archive') from None
    except (EOFError, OSError, zipfile.BadZipFile) as e:
      raise bad(f'not an .npz archive, or a truncated one ({_one_line(e)})') from None
    if not isinstance(data, np.lib.npyio.NpzFile):
      raise bad('a single array, not an .npz archive')
    with data:
      try:
        return {name: data[name] for name in data.files}
      except ValueError as e:
        if 'allow_pickle' in str(e):  # NumPy's advice to allow pickle is not the way out here.
          raise bad('it holds pickled objects, which are never loaded') from None
        raise bad(_one_line(e)) from None
      except (EOFError, OSError, zipfile.BadZipFile, zlib.error) as e:
        raise bad(f'truncated or corrupt ({_one_line(e)})') from None


def _one_line(error: BaseException) -> str:
  return f'{type(error).__name__}: {" ".join(str(error).split())[:160]}'


def load(path: epath.PathLike) -> Any:
  """The tree saved at `path`.

  Raises:
    BadCheckpointError: `path` is not a checkpoint written by `save` (not an .npz archive,
      truncated, pickled objects, a malformed or incomplete tree).
  """
  arrays = _read_arrays(path)
  if _TREE_KEY not in arrays:
    raise BadCheckpointError(f'{path} is not a readable checkpoint: it has no tree structure.')
  try:
    return _decode(json.loads(arrays.pop(_TREE_KEY).tobytes().decode()), arrays)
  except (ValueError, RecursionError) as e:
    raise BadCheckpointError(f'{path} is not a readable checkpoint: {_one_line(e)}.') from None
