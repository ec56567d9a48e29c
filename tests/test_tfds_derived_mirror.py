"""The manual dir and NEVIS_DOWNLOAD_MIRROR serve the upstream downloads of TFDS-derived tasks.

`nevis/coil100` is built for real (its upstream TFDS `coil100` builder downloads one zip) from a
fake zip in TFDS's layout, served by a loopback HTTP server laid out as the mirror. The same
server is the HTTP(S) proxy for every other host, so any request for the original host is
recorded (and refused at once) instead of reaching the network.
"""

from __future__ import annotations

import http.server
import io
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator

from etils import epath
from PIL import Image
import pytest
import tensorflow_datasets as tfds

import nevis_datasets  # noqa: F401  # Registers `nevis/<task>`.
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import downloads

# TFDS 4.9.10's coil100 URL (tensorflow_datasets/datasets/coil100/checksums.tsv).
_URL = 'http://www.cs.columbia.edu/CAVE/databases/SLAM_coil-20_coil-100/coil-100/coil-100.zip'
_MIRROR_PATH = 'www.cs.columbia.edu/CAVE/databases/SLAM_coil-20_coil-100/coil-100/coil-100.zip'
_OBJECTS = (1, 2, 3)
# One viewing angle (degrees) in each NEVIS split's bins: train 0, dev 80, dev_test 250, test 15.
_ANGLES = {'train': 0, 'dev': 80, 'dev_test': 250, 'test': 15}


def _fake_coil100_zip() -> bytes:
  """`coil-100/obj<N>__<angle>.png` (128x128 RGB) for a few objects, one angle per split."""
  buffer = io.BytesIO()
  with zipfile.ZipFile(buffer, 'w') as archive:
    for obj in _OBJECTS:
      for angle in _ANGLES.values():
        png = io.BytesIO()
        Image.new('RGB', (128, 128), (obj * 40, angle % 256, 0)).save(png, format='PNG')
        archive.writestr(f'coil-100/obj{obj}__{angle}.png', png.getvalue())
  return buffer.getvalue()


_ZIP = _fake_coil100_zip()


class _Mirror(http.server.ThreadingHTTPServer):
  """A static mirror of `files` (mirror path -> bytes); as a proxy, it refuses other hosts."""

  def __init__(self):
    super().__init__(('127.0.0.1', 0), _Handler)
    self.files: dict[str, bytes] = {}
    self.requests: list[str] = []  # Mirror paths asked for.
    self.elsewhere: list[str] = []  # Requests meant for another host (through the proxy).

  @property
  def url(self) -> str:
    return f'http://127.0.0.1:{self.server_address[1]}'


class _Handler(http.server.BaseHTTPRequestHandler):
  server: _Mirror

  def do_GET(self):  # pylint: disable=invalid-name
    if not self.path.startswith('/'):  # An absolute URI: a proxied request for another host.
      self.server.elsewhere.append(self.path)
      self.send_error(403)
      return
    self.server.requests.append(self.path.lstrip('/'))
    body = self.server.files.get(self.path.lstrip('/'))
    if body is None:
      self.send_error(404)
      return
    self.send_response(200)
    self.send_header('Content-Length', str(len(body)))
    self.end_headers()
    self.wfile.write(body)

  def do_CONNECT(self):  # pylint: disable=invalid-name  # https through the proxy.
    self.server.elsewhere.append(self.path)
    self.send_error(403)

  def log_message(self, *args):
    del args


@pytest.fixture(name='mirror')
def _mirror_fixture(monkeypatch) -> Iterator[_Mirror]:
  """A running mirror (empty), the proxy for every other host; no mirror or skip set yet."""
  server = _Mirror()
  thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
  thread.start()
  for var in (downloads.MIRROR_ENV, downloads.SKIP_CHECKSUMS_ENV):
    monkeypatch.delenv(var, raising=False)
  monkeypatch.setenv(disk.SKIP_ENV, '1')  # The fake is tiny; DISK_NEEDS gives real sizes.
  for var in ('http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY'):
    monkeypatch.setenv(var, server.url)
  for var in ('no_proxy', 'NO_PROXY'):
    monkeypatch.setenv(var, '127.0.0.1,localhost')
  yield server
  server.shutdown()
  server.server_close()
  assert not server.elsewhere, f'Requests went to other hosts: {server.elsewhere}'


def _builder(data_dir: epath.Path) -> tfds.core.DatasetBuilder:
  return tfds.builder('nevis/coil100', data_dir=os.fspath(data_dir))


def _assert_built(data_dir: epath.Path) -> None:
  counts = {split: info.num_examples for split, info in _builder(data_dir).info.splits.items()}
  assert counts == {split: len(_OBJECTS) for split in _ANGLES}


def _assert_nothing_half_written(data_dir: epath.Path) -> None:
  """No prepared or incomplete upstream or NEVIS dataset, no partial download."""
  for dataset_dir in (data_dir / 'coil100', data_dir / 'nevis' / 'coil100'):
    assert not dataset_dir.exists() or not list(dataset_dir.iterdir())
  assert not list((data_dir / 'downloads').rglob('*.tmp.*'))


def test_builds_from_the_mirror_without_contacting_the_original_host(mirror, monkeypatch,
                                                                     tmp_path):
  mirror.files[_MIRROR_PATH] = _ZIP
  monkeypatch.setenv(downloads.MIRROR_ENV, mirror.url)
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')  # A fake cannot have TFDS's sha256.
  _builder(tmp_path).download_and_prepare()
  _assert_built(tmp_path)
  assert set(mirror.requests) == {_MIRROR_PATH}
  # TFDS recorded the download under the original URL.
  infos = [epath.Path(p).read_text() for p in (tmp_path / 'downloads').rglob('*.INFO')]
  assert len(infos) == 1 and _URL in infos[0] and mirror.url not in infos[0]


def test_mirror_copy_with_another_checksum_fails_clearly(mirror, monkeypatch, tmp_path):
  mirror.files[_MIRROR_PATH] = _ZIP
  monkeypatch.setenv(downloads.MIRROR_ENV, mirror.url)
  with pytest.raises(downloads.DownloadError) as raised:
    _builder(tmp_path).download_and_prepare()
  message = str(raised.value)
  assert message.startswith('[coil100] ')
  for part in (_URL, f'{mirror.url}/{_MIRROR_PATH}', 'TFDS registers', 'sha256',
               downloads.SKIP_CHECKSUMS_ENV):
    assert part in message
  assert '\n' not in message
  _assert_nothing_half_written(tmp_path)


def test_builds_offline_from_the_manual_dir(mirror, monkeypatch, tmp_path):
  manual = tmp_path / 'downloads' / 'manual'  # TFDS's default: <data_dir>/downloads/manual.
  manual.mkdir(parents=True)
  (manual / 'coil-100.zip').write_bytes(_ZIP)
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')
  _builder(tmp_path).download_and_prepare()
  _assert_built(tmp_path)
  assert not mirror.requests
  assert (manual / 'coil-100.zip').read_bytes() == _ZIP  # Used in place, untouched.


def test_manual_file_with_another_checksum_is_named_and_kept(mirror, tmp_path):
  manual = tmp_path / 'manual'
  manual.mkdir()
  (manual / 'coil-100.zip').write_bytes(_ZIP)
  config = tfds.download.DownloadConfig(manual_dir=os.fspath(manual))
  with pytest.raises(downloads.DownloadError) as raised:
    _builder(tmp_path).download_and_prepare(download_config=config)
  message = str(raised.value)
  assert f'The manual file {manual / "coil-100.zip"}' in message and _URL in message
  assert (manual / 'coil-100.zip').exists()
  assert not mirror.requests
  _assert_nothing_half_written(tmp_path)


def test_mirror_without_the_file_names_both_urls(mirror, monkeypatch, tmp_path):
  monkeypatch.setenv(downloads.MIRROR_ENV, mirror.url)
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')
  with pytest.raises(downloads.DownloadError) as raised:
    _builder(tmp_path).download_and_prepare()
  message = str(raised.value)
  for part in ('[coil100] ', _URL, f'{mirror.url}/{_MIRROR_PATH}', 'HTTP 404', 'manual dir'):
    assert part in message
  assert mirror.requests == [_MIRROR_PATH]
  _assert_nothing_half_written(tmp_path)


def test_unreachable_mirror_fails_in_seconds_without_a_warning_storm(mirror, monkeypatch,
                                                                     tmp_path, caplog):
  with socket.socket() as closed:  # A port nothing listens on.
    closed.bind(('127.0.0.1', 0))
    unreachable = f'http://127.0.0.1:{closed.getsockname()[1]}'
  monkeypatch.setenv(downloads.MIRROR_ENV, unreachable)
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')
  start = time.monotonic()
  with caplog.at_level(logging.WARNING, logger='urllib3'):
    with pytest.raises(downloads.DownloadError) as raised:
      _builder(tmp_path).download_and_prepare()
  assert time.monotonic() - start < 15
  message = str(raised.value)
  assert f'{unreachable}/{_MIRROR_PATH}' in message and _URL in message
  assert 'object at 0x' not in message
  retries = [r for r in caplog.records if r.name.startswith('urllib3')]
  assert len(retries) <= 2
  _assert_nothing_half_written(tmp_path)


def test_hooks_are_only_on_the_managers_made_within(tmp_path):
  upstream = tfds.builder('coil100:2.0.0', data_dir=os.fspath(tmp_path))
  config = tfds.download.DownloadConfig()
  with downloads.tfds_upstream_sources('coil100', upstream):
    # pylint: disable=protected-access
    manager = upstream._make_download_manager(download_dir=None, download_config=config)
    assert '_register_or_validate_checksums' in vars(manager)
    assert isinstance(manager._downloader, downloads._UpstreamDownloads)
  assert '_make_download_manager' not in vars(upstream)
  assert '_register_or_validate_checksums' not in vars(manager)
  assert type(manager._downloader).__name__ == '_Downloader'
  other = tfds.builder('coil100:2.0.0', data_dir=os.fspath(tmp_path))
  fresh = other._make_download_manager(download_dir=None, download_config=config)
  assert '_register_or_validate_checksums' not in vars(fresh)


def test_nevis_build_cli_uses_the_mirror(mirror, tmp_path):
  mirror.files[_MIRROR_PATH] = _ZIP
  env = {**os.environ, downloads.MIRROR_ENV: mirror.url, downloads.SKIP_CHECKSUMS_ENV: '1'}
  nevis = os.path.join(os.path.dirname(sys.executable), 'nevis')
  result = subprocess.run([nevis, 'build', 'coil100', '--data_dir', os.fspath(tmp_path)],
                          env=env, capture_output=True, text=True, timeout=180, check=False)
  assert result.returncode == 0, result.stderr[-3000:]
  assert set(mirror.requests) == {_MIRROR_PATH}
  _assert_built(tmp_path)


@pytest.mark.parametrize('dataset, url, expected', [
    # Google Drive: the file name TFDS registers for the link.
    ('celeb_a', 'https://drive.google.com/uc?export=download&id=0B7EVK8r0v71pZjFTYXZWM3FlRnM',
     'drive.google.com/0B7EVK8r0v71pZjFTYXZWM3FlRnM/img_align_celeba.zip'),
    ('caltech101', 'https://data.caltech.edu/records/mzrjq-6wc02/files/caltech-101.zip?download=1',
     'data.caltech.edu/records/mzrjq-6wc02/files/caltech-101.zip'),
])
def test_upstream_urls_take_the_mirror_layout(monkeypatch, tmp_path, dataset, url, expected):
  monkeypatch.setenv(downloads.MIRROR_ENV, 'https://mirror.example.org')
  upstream = tfds.builder(dataset, data_dir=os.fspath(tmp_path))
  with downloads.tfds_upstream_sources(dataset, upstream):
    manager = upstream._make_download_manager(  # pylint: disable=protected-access
        download_dir=None, download_config=tfds.download.DownloadConfig())
    source = manager._downloader._source(url)  # pylint: disable=protected-access
  assert source.location == f'https://mirror.example.org/{expected}'
