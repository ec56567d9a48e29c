"""Line-per-example text sources."""

import pytest

from nevis_datasets import toolkit


def test_parsed_lines_skips_blank_lines_and_keeps_line_indices():
  lines = ['1 2\n', '\n', '3 4\n']
  parsed = list(toolkit.text.parsed_lines('t', lines, 'f.txt', lambda l: l.split(), 'a pair'))
  assert parsed == [(0, ['1', '2']), (2, ['3', '4'])]


def test_a_malformed_line_names_task_file_and_line():
  def parse(line):
    raise ValueError('bad value')
  with pytest.raises(toolkit.CorruptDataError, match=r"\[usps\] usps.bz2 line 2 is not a pair "
                     r"\(bad value\).*delete it"):
    list(toolkit.text.parsed_lines('usps', ['', 'x'], 'usps.bz2', parse, 'a pair'))
