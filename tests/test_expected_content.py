"""`TaskBuilder.expected_content`: a parse error inside becomes a clear CorruptDataError.

Plain pytest, no dataset builds: the context manager is used directly on a builder instance.
"""

from __future__ import annotations

import pytest
import tensorflow_datasets as tfds

from nevis_datasets import catalog
from nevis_datasets import toolkit
from nevis_datasets.toolkit import downloads
from nevis_datasets.tasks.coil20 import coil20

_SOURCE = 'coil-20-proc.zip'


@pytest.fixture(name='builder')
def _builder(tmp_path):
  return coil20.Coil20(data_dir=str(tmp_path / 'data'))


def test_value_error_becomes_corrupt_data_error(builder):
  with pytest.raises(toolkit.CorruptDataError) as raised:
    with builder.expected_content(_SOURCE):
      raise ValueError("'obj1/x.png' is not a known object")
  message = str(raised.value)
  assert message.startswith(f'[{coil20.Coil20.TASK}] ')
  assert "'obj1/x.png' is not a known object" in message
  assert f'{_SOURCE} does not have the expected content' in message
  assert 'Delete the downloaded or placed files of the task and build again' in message
  assert isinstance(raised.value.__cause__, ValueError)


def test_the_message_names_what_the_build_read(builder, tmp_path, monkeypatch):
  """The advice names the file to delete, not just 'the download dir'."""
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')
  manual = tmp_path / 'manual'
  manual.mkdir()
  (manual / _SOURCE).write_bytes(b'placed')
  dl_manager = tfds.download.DownloadManager(download_dir=tmp_path / 'dl', manual_dir=manual)
  url = catalog.get('coil20').downloads[0].url
  builder.download(dl_manager, url)
  with pytest.raises(toolkit.CorruptDataError) as raised:
    with builder.expected_content(_SOURCE):
      raise ValueError('not a known object')
  assert f'{manual / _SOURCE} (from {url})' in str(raised.value)


def test_parse_failure_is_converted(builder):
  with pytest.raises(toolkit.CorruptDataError, match=_SOURCE):
    with builder.expected_content(_SOURCE):
      int('not a number')  # A plain parse failure, as in the task modules.


@pytest.mark.parametrize('error', [KeyError('x'), TypeError('x'), OSError('x'),
                                   toolkit.CorruptDataError('x')])
def test_other_exceptions_pass_through(builder, error):
  with pytest.raises(type(error)) as raised:
    with builder.expected_content(_SOURCE):
      raise error
  assert raised.value is error


def test_no_error_leaves_the_value_alone(builder):
  with builder.expected_content(_SOURCE):
    label = int('7')
  assert label == 7
