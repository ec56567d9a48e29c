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


def test_read_table_takes_quoted_line_breaks_and_numbers_lines():
  text = ('a,b,c\r\n1,"x\n",2\r\n\r\n,,\r\n" 3 ",y,4\r\n')
  assert list(toolkit.text.read_table(text, 't.csv', ('c', 'a'))) == [
      (2, {'c': '2', 'a': '1'}), (6, {'c': '4', 'a': '3'})]


@pytest.mark.parametrize('text, message', [
    ('', 't.csv is empty'),
    ('a,b\n1,2\n', "t.csv has no column.*'c'"),
    ('a,b,c\n1,2,3\n1,2\n', 't.csv line 3: 2 fields, expected 3'),
])
def test_read_table_rejects_malformed_files(text, message):
  with pytest.raises(ValueError, match=message):
    list(toolkit.text.read_table(text, 't.csv', ('a', 'c')))
