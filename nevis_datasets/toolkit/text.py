"""Datasets stored as text, one example per line (LIBSVM files, UCI tables)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from nevis_datasets.toolkit.builder import CorruptDataError

T = TypeVar('T')


def parsed_lines(task: str, lines: Iterable[str], file_name: str, parse: Callable[[str], T],
                 what: str) -> Iterator[tuple[int, T]]:
  """`(line index, parse(line))` for every non-blank line; a line `parse` rejects stops the build.

  Args:
    task: the task id, for the error message.
    lines: the file's lines.
    file_name: the file's name, for the error message.
    parse: turns a line into a value; raises ValueError for a malformed line.
    what: what a line should be ('a LIBSVM line of 16x16 pixels'), for the error message.
  """
  for index, line in enumerate(lines):
    if not line.strip():
      continue
    try:
      yield index, parse(line)
    except ValueError as e:
      raise CorruptDataError(
          f'[{task}] {file_name} line {index + 1} is not {what} ({e}). The download looks '
          'damaged: delete it from the download dir and build again.') from e
