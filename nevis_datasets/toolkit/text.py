"""Datasets and listings stored as text: one example per line (LIBSVM files, UCI tables), CSVs."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
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


def read_table(text: str, file_name: str,
               columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
  """`(line, {column: value})` of each row of a CSV, for the `columns` named in its header.

  Fields may be quoted and hold line breaks (the case CSVs' crop and mask paths end with one);
  `line` is where the row starts. Values are stripped; blank rows are skipped.

  Raises:
    ValueError: the file is empty, a column is missing or a row has the wrong number of fields.
  """
  rows = csv.reader(io.StringIO(text))
  header = next(rows, None)
  if header is None:
    raise ValueError(f'{file_name} is empty')
  names = [name.strip() for name in header]
  missing = [column for column in columns if column not in names]
  if missing:
    raise ValueError(f'{file_name} has no column(s) {", ".join(map(repr, missing))}')
  positions = {column: names.index(column) for column in columns}
  end = rows.line_num
  for row in rows:
    start, end = end + 1, rows.line_num
    if not any(field.strip() for field in row):
      continue
    if len(row) != len(names):
      raise ValueError(f'{file_name} line {start}: {len(row)} fields, expected {len(names)}')
    yield start, {column: row[i].strip() for column, i in positions.items()}
