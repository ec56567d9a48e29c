"""Reading MATLAB `.mat` files (annotations, split lists) with one error for a damaged file."""

from __future__ import annotations

import zlib
from typing import Any

from etils import epath
from etils import epy

with epy.lazy_imports():  # SciPy's import is a tenth of every `nevis` command's start-up.
  import scipy.io


def read_mat(path: epath.PathLike, *, squeeze_me: bool = False) -> dict[str, Any]:
  """The variables of a MATLAB v5 file (`scipy.io.loadmat`).

  Raises:
    ValueError: the file is not a readable MAT file (inside `TaskBuilder.expected_content`,
      a clear CorruptDataError that names the download).
  """
  path = epath.Path(path)
  try:
    with path.open('rb') as f:
      return scipy.io.loadmat(f, squeeze_me=squeeze_me)
  # What scipy.io.loadmat raises on a damaged, truncated or non-MAT file.
  except (scipy.io.matlab.MatReadError, ValueError, TypeError, IndexError, EOFError,
          zlib.error) as e:
    raise ValueError(f'{path.name} is not a readable MAT file ({type(e).__name__}: {e})') from e
