"""Checkpoints without pickle: a tree's structure as JSON, its arrays as `.npz` entries.

Loading never executes code from the file (`np.load(..., allow_pickle=False)`), so a checkpoint
from someone else is safe to open. Writes are atomic: a crash leaves the previous checkpoint.
"""

from __future__ import annotations

import io
import json
import math
import os
from typing import Any

from etils import epath
import numpy as np

_TREE_KEY = '__tree__'


def _encode(node: Any, arrays: list[np.ndarray]) -> Any:
  if isinstance(node, np.ndarray):
    arrays.append(node)
    return {'array': len(arrays) - 1}
  if isinstance(node, np.generic):
    node = node.item()
  if isinstance(node, dict):
    if not all(isinstance(k, str) for k in node):
      raise TypeError(f'Checkpoint dict keys must be strings, got {list(node)[:5]}.')
    return {'dict': [[k, _encode(v, arrays)] for k, v in node.items()]}
  if isinstance(node, (list, tuple)):
    return {type(node).__name__: [_encode(v, arrays) for v in node]}
  if isinstance(node, float) and not math.isfinite(node):
    return {'float': repr(node)}  # JSON has no nan/inf.
  if node is None or isinstance(node, (bool, int, float, str)):
    return {'value': node}
  raise TypeError(f'Cannot checkpoint a {type(node).__name__}: learner states must be trees of '
                  'dicts, lists, tuples, NumPy arrays, numbers, strings and None.')


def _decode(node: dict[str, Any], arrays: dict[str, np.ndarray]) -> Any:
  (kind, value), = node.items()
  if kind == 'array':
    return arrays[f'a{value}']
  if kind == 'dict':
    return {k: _decode(v, arrays) for k, v in value}
  if kind == 'list':
    return [_decode(v, arrays) for v in value]
  if kind == 'tuple':
    return tuple(_decode(v, arrays) for v in value)
  if kind == 'float':
    return float(value)
  return value


def save(path: epath.PathLike, tree: Any) -> None:
  """Writes `tree` to `path` atomically (a temporary file, then a rename)."""
  path = epath.Path(path)
  arrays: list[np.ndarray] = []
  structure = json.dumps(_encode(tree, arrays))
  buffer = io.BytesIO()
  np.savez(buffer, **{f'a{i}': a for i, a in enumerate(arrays)},
           **{_TREE_KEY: np.frombuffer(structure.encode(), dtype=np.uint8)})
  write_atomically(path, buffer.getvalue())


def write_atomically(path: epath.PathLike, data: bytes) -> None:
  """Writes `data` to a temporary file, then renames it: readers never see half a file."""
  path = epath.Path(path)
  tmp = path.parent / f'.{path.name}.tmp-{os.getpid()}'
  tmp.write_bytes(data)
  tmp.replace(path)


def load(path: epath.PathLike) -> Any:
  """The tree saved at `path`."""
  with epath.Path(path).open('rb') as f:
    with np.load(f, allow_pickle=False) as data:
      arrays = {name: data[name] for name in data.files}
  structure = json.loads(arrays.pop(_TREE_KEY).tobytes().decode())
  return _decode(structure, arrays)
