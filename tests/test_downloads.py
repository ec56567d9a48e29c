"""Toolkit download tests: mirror rewriting, md5 verification, manual files and Kaggle.

Plain pytest, no dataset builds: `TaskBuilder.download` and `download_kaggle` run against a real
`DownloadManager` whose network methods are mocked.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pathlib
import zipfile

from etils import epath
import pytest
import requests
import tensorflow_datasets as tfds

from nevis_datasets import catalog
from nevis_datasets.tasks.coil20 import coil20
from nevis_datasets.tasks.not_mnist import not_mnist
from nevis_datasets.toolkit import downloads
from nevis_datasets.toolkit import extraction

_URL = 'http://www.cs.columbia.edu/CAVE/databases/SLAM_coil-20_coil-100/coil-20/coil-20-proc.zip'
_PAYLOAD = b'a fake coil-20-proc.zip'
_KAGGLE_DATASET = 'jwjohnson314/notmnist'


# ---------------------------------------------------------------------------- environment


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path):
  """No mirror, checksums on, no Kaggle credentials (not even the user's ~/.kaggle)."""
  for var in (downloads.MIRROR_ENV, downloads.SKIP_CHECKSUMS_ENV, 'KAGGLE_API_TOKEN',
              'KAGGLE_USERNAME', 'KAGGLE_KEY'):
    monkeypatch.delenv(var, raising=False)
  monkeypatch.setenv('KAGGLE_CONFIG_DIR', str(tmp_path / 'no-kaggle'))


# ---------------------------------------------------------------------------- mirrored_url


@pytest.mark.parametrize('mirror', [None, '', '   '])
def test_mirror_unset_or_blank_keeps_url(monkeypatch, mirror):
  if mirror is not None:
    monkeypatch.setenv(downloads.MIRROR_ENV, mirror)
  assert downloads.mirrored_url(_URL) == _URL


@pytest.mark.parametrize('mirror', ['https://mirror.example.org/nevis',
                                    'https://mirror.example.org/nevis/',
                                    'https://mirror.example.org/nevis//',
                                    ' https://mirror.example.org/nevis \n'])
def test_mirror_rewrites_host_and_path(monkeypatch, mirror):
  monkeypatch.setenv(downloads.MIRROR_ENV, mirror)
  assert downloads.mirrored_url(_URL) == (
      'https://mirror.example.org/nevis/www.cs.columbia.edu/CAVE/databases/'
      'SLAM_coil-20_coil-100/coil-20/coil-20-proc.zip')


@pytest.mark.parametrize('url, expected', [
    ('http://host.org:8080/data/a.tar.gz', 'file:///srv/mirror/host.org:8080/data/a.tar.gz'),
    ('http://host.org/data/', 'file:///srv/mirror/host.org/data/'),  # Trailing slash kept.
    ('http://host.org', 'file:///srv/mirror/host.org'),
    ('http://host.org/a%20b.zip', 'file:///srv/mirror/host.org/a%20b.zip'),  # Not re-quoted.
    ('http://host.org/a.zip#part', 'file:///srv/mirror/host.org/a.zip'),  # Never sent anyway.
    # A static server cannot tell files apart by query string: it is dropped.
    ('https://data.caltech.edu/records/x/files/Cars_2001.zip?download=1',
     'file:///srv/mirror/data.caltech.edu/records/x/files/Cars_2001.zip'),
])
def test_mirror_keeps_port_and_trailing_slash_drops_query(monkeypatch, url, expected):
  monkeypatch.setenv(downloads.MIRROR_ENV, 'file:///srv/mirror/')
  assert downloads.mirrored_url(url) == expected


@pytest.mark.parametrize('url, name, expected', [
    # Google Drive passes the file by id: one dir per id, holding the file under its name.
    ('https://drive.google.com/u/0/uc?id=1r6o0pSROc&export=download&confirm=y',
     '256_ObjectCategories.tar', 'drive.google.com/1r6o0pSROc/256_ObjectCategories.tar'),
    ('https://drive.google.com/uc?export=download&id=0B_tExHi&confirm=t', 'mnist_m.tar.gz',
     'drive.google.com/0B_tExHi/mnist_m.tar.gz'),
    ('https://drive.google.com/file/d/0B_tExHi/view', 'mnist_m.tar.gz',
     'drive.google.com/0B_tExHi/mnist_m.tar.gz'),
    # A share link whose path does not end in the file name: the name is appended.
    ('https://uni-my.sharepoint.com/:u:/g/personal/gram/Eank6?&Download=1', 'TRANCOS_v3.tar.gz',
     'uni-my.sharepoint.com/:u:/g/personal/gram/Eank6/TRANCOS_v3.tar.gz'),
    # The Wayback Machine: where the original host had the file.
    ('https://web.archive.org/web/20070829035029/http://www-cvr.ai.uiuc.edu/data/T01-T05.zip',
     'T01-T05.zip', 'www-cvr.ai.uiuc.edu/data/T01-T05.zip'),
    ('https://web.archive.org/web/20070829035029/http:/www-cvr.ai.uiuc.edu/data/T01-T05.zip',
     'T01-T05.zip', 'www-cvr.ai.uiuc.edu/data/T01-T05.zip'),
])
def test_mirror_path_of_links_that_do_not_name_a_file_path(url, name, expected):
  assert downloads.mirror_path(url, name) == expected


def test_every_catalog_download_has_a_distinct_mirror_path_and_a_real_file_name():
  paths = {}
  for task in catalog.TASKS.values():
    for download in task.downloads:
      assert download.file_name and '?' not in download.file_name and '.' in download.file_name
      if download.url.startswith(downloads.KAGGLE_PREFIX):
        continue
      path = downloads.mirror_path(download.url, download.file_name)
      assert '?' not in path and '//' not in path
      assert path.endswith(download.file_name)
      assert paths.setdefault(path, download.url) == download.url, (task.task_id, path)
  # pacs: its 12 Google Drive files no longer share one mirror path.
  assert len({downloads.mirror_path(d.url, d.file_name)
              for d in catalog.get('pacs').downloads}) == 12


def test_catalog_requires_a_file_name_where_the_url_has_none():
  with pytest.raises(ValueError, match='does not name its file'):
    catalog.Download('https://drive.google.com/uc?id=abc&export=download', 'f' * 32)
  assert catalog.Download('https://drive.google.com/uc?id=abc', 'f' * 32,
                          'a.tar').file_name == 'a.tar'
  assert catalog.Download('kaggle:owner/some-data', 'f' * 32).file_name == 'some-data.zip'
  with pytest.raises(ValueError, match='share a file name'):
    catalog.Task('t', 'T', (2000,), 2, catalog.SINGLE_LABEL, catalog.DOWNLOAD, homepage='',
                 citation='', downloads=(('http://a.org/x.zip', 'f' * 32),
                                         ('http://b.org/x.zip', 'f' * 32)))


def test_mirror_reads_explicit_environ_over_process_env(monkeypatch):
  monkeypatch.setenv(downloads.MIRROR_ENV, 'https://ignored.example.org')
  assert downloads.mirrored_url('http://h.org/x', environ={}) == 'http://h.org/x'
  assert (downloads.mirrored_url('http://h.org/x', environ={downloads.MIRROR_ENV: 'https://m'})
          == 'https://m/h.org/x')


def test_file_name_ignores_query():
  assert catalog.url_file_name(_URL) == 'coil-20-proc.zip'
  assert catalog.url_file_name('http://h.org/d/a.tar.gz?raw=1') == 'a.tar.gz'


@pytest.mark.parametrize('value, skipped', [
    ('1', True), ('true', True), ('YES', True), (' 1 ', True),
    ('', False), ('0', False), ('false', False),
])
def test_checksums_skipped(monkeypatch, value, skipped):
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, value)
  assert downloads.checksums_skipped() is skipped


# ---------------------------------------------------------------------------- TaskBuilder.download


def _set_catalog_md5(monkeypatch, task_id: str, url: str, md5: str, file_name: str = '') -> None:
  task = catalog.TASKS[task_id]
  monkeypatch.setitem(catalog.TASKS, task_id,
                      dataclasses.replace(task, downloads=((url, md5, file_name),)))


@pytest.fixture(name='fake_download')
def _fake_download(monkeypatch, tmp_path):
  """Mocks DownloadManager.download: records the URLs, returns a file holding _PAYLOAD."""
  requested = []

  def download(self, url):
    del self
    requested.append(url)
    path = tmp_path / 'downloads' / catalog.url_file_name(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_PAYLOAD)
    return epath.Path(path)

  monkeypatch.setattr(tfds.download.DownloadManager, 'download', download)
  return requested


def _dl_manager(tmp_path, manual_dir=None, instructions=None):
  return tfds.download.DownloadManager(
      download_dir=tmp_path / 'downloads', manual_dir=manual_dir,
      manual_dir_instructions=instructions)


def _builder(cls, tmp_path):
  return cls(data_dir=str(tmp_path / 'data'))


def test_download_requests_mirrored_url_and_verifies_md5(monkeypatch, tmp_path, fake_download):
  monkeypatch.setenv(downloads.MIRROR_ENV, 'https://mirror.example.org/nevis/')
  _set_catalog_md5(monkeypatch, 'coil20', _URL, hashlib.md5(_PAYLOAD).hexdigest())
  path = _builder(coil20.Coil20, tmp_path).download(_dl_manager(tmp_path), _URL)
  assert fake_download == [
      'https://mirror.example.org/nevis/www.cs.columbia.edu/CAVE/databases/'
      'SLAM_coil-20_coil-100/coil-20/coil-20-proc.zip']
  assert path.read_bytes() == _PAYLOAD


def test_download_without_mirror_requests_original_url(monkeypatch, tmp_path, fake_download):
  _set_catalog_md5(monkeypatch, 'coil20', _URL, hashlib.md5(_PAYLOAD).hexdigest())
  _builder(coil20.Coil20, tmp_path).download(_dl_manager(tmp_path), _URL)
  assert fake_download == [_URL]


def test_download_wrong_md5_names_task_and_url(tmp_path, fake_download):
  # The catalog's real md5 of coil-20-proc.zip cannot match the fake payload.
  with pytest.raises(downloads.DownloadError) as error:
    _builder(coil20.Coil20, tmp_path).download(_dl_manager(tmp_path), _URL)
  message = str(error.value)
  assert '[coil20]' in message
  assert _URL in message
  assert hashlib.md5(_PAYLOAD).hexdigest() in message
  assert catalog.get('coil20').md5(_URL) in message
  assert downloads.SKIP_CHECKSUMS_ENV in message
  assert fake_download == [_URL]


def test_download_skip_checksums_accepts_wrong_md5(monkeypatch, tmp_path, fake_download):
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')
  path = _builder(coil20.Coil20, tmp_path).download(_dl_manager(tmp_path), _URL)
  assert path.read_bytes() == _PAYLOAD


def test_download_extracts_verified_archive(monkeypatch, tmp_path, fake_download):
  md5 = hashlib.md5(_PAYLOAD).hexdigest()
  _set_catalog_md5(monkeypatch, 'coil20', _URL, md5)
  extracted = []

  def extract(task, archive, method, extract_dir, *, md5, origin):
    extracted.append((task, epath.Path(archive).name, method, md5, origin))
    return epath.Path(extract_dir) / 'coil20'

  monkeypatch.setattr(extraction, 'extract', extract)
  result = _builder(coil20.Coil20, tmp_path).download(_dl_manager(tmp_path), _URL, extract=True)
  assert result == epath.Path(tmp_path / 'downloads' / 'extracted' / 'coil20')
  # The archive type comes from the URL, whatever name TFDS gave the download; the verified
  # md5 ties the extraction to the archive.
  assert extracted == [('coil20', 'coil-20-proc.zip', tfds.download.ExtractMethod.ZIP, md5, _URL)]
  assert fake_download == [_URL]


def test_a_failed_download_says_where_to_place_the_file(monkeypatch, tmp_path):
  def offline(self, url):
    raise requests.ConnectionError(f'Failed to resolve {url}')

  monkeypatch.setattr(tfds.download.DownloadManager, 'download', offline)
  manual = tmp_path / 'manual'
  with pytest.raises(downloads.DownloadError) as error:
    _builder(coil20.Coil20, tmp_path).download(_dl_manager(tmp_path, manual_dir=manual), _URL)
  message = str(error.value)
  assert message.startswith(f'[coil20] Downloading {_URL} failed (ConnectionError')
  assert f'manual dir ({manual}' in message and 'as coil-20-proc.zip' in message
  assert downloads.MIRROR_ENV in message


def test_download_unknown_url_is_refused(tmp_path, fake_download):
  with pytest.raises(ValueError, match=r'\[coil20\].*not among the catalog downloads'):
    _builder(coil20.Coil20, tmp_path).download(_dl_manager(tmp_path), 'http://h.org/other.zip')
  assert not fake_download


def test_download_uses_archive_placed_in_manual_dir(monkeypatch, tmp_path, fake_download):
  """A plain-download task (no manual instructions) still takes a placed archive first."""
  manual = tmp_path / 'manual'
  manual.mkdir()
  (manual / 'coil-20-proc.zip').write_bytes(b'placed by hand')
  _set_catalog_md5(monkeypatch, 'coil20', _URL, hashlib.md5(b'placed by hand').hexdigest())
  path = _builder(coil20.Coil20, tmp_path).download(
      _dl_manager(tmp_path, manual_dir=manual), _URL)
  assert path.read_bytes() == b'placed by hand'
  assert not fake_download


def test_download_placed_archive_is_md5_checked(tmp_path, fake_download):
  manual = tmp_path / 'manual'
  manual.mkdir()
  (manual / 'coil-20-proc.zip').write_bytes(b'truncated')
  with pytest.raises(downloads.DownloadError, match=r'\[coil20\].*coil-20-proc\.zip'):
    _builder(coil20.Coil20, tmp_path).download(_dl_manager(tmp_path, manual_dir=manual), _URL)
  assert not fake_download


# ---------------------------------------------------------------------------- Google Drive

_DRIVE_ID = '1r6o0pSROcV1_VwT4oSjA2FBUSCWGuxLK'
_DRIVE_URL = f'https://drive.google.com/u/0/uc?id={_DRIVE_ID}&export=download&confirm=y'
_DRIVE_NAME = 'coil-20-proc.zip'


def _zip_payload(tmp_path) -> bytes:
  path = tmp_path / 'payload.zip'
  with zipfile.ZipFile(path, 'w') as zf:
    zf.writestr('coil-20-proc/obj1__0.png', b'not decoded here')
  return path.read_bytes()


def _drive_task(monkeypatch, payload: bytes) -> None:
  """coil20 as if its archive came from a Google Drive link (a URL without a file name)."""
  _set_catalog_md5(monkeypatch, 'coil20', _DRIVE_URL, hashlib.md5(payload).hexdigest(),
                   _DRIVE_NAME)


def test_drive_archive_placed_under_its_real_name_is_used(monkeypatch, tmp_path, fake_download):
  payload = _zip_payload(tmp_path)
  _drive_task(monkeypatch, payload)
  manual = tmp_path / 'manual'
  manual.mkdir()
  (manual / _DRIVE_NAME).write_bytes(payload)
  root = _builder(coil20.Coil20, tmp_path).download(
      _dl_manager(tmp_path, manual_dir=manual), _DRIVE_URL, extract=True)
  assert not fake_download
  # Extracted as a zip: the type comes from the catalog name, not from the URL ('uc').
  assert (root / 'coil-20-proc' / 'obj1__0.png').read_bytes() == b'not decoded here'


def test_drive_archive_comes_from_a_plain_file_mirror(monkeypatch, tmp_path):
  """No mocking: TFDS's DownloadManager copies from a local mirror dir laid out as documented."""
  payload = _zip_payload(tmp_path)
  _drive_task(monkeypatch, payload)
  mirror = tmp_path / 'mirror'
  (mirror / 'drive.google.com' / _DRIVE_ID).mkdir(parents=True)
  (mirror / 'drive.google.com' / _DRIVE_ID / _DRIVE_NAME).write_bytes(payload)
  monkeypatch.setenv(downloads.MIRROR_ENV, str(mirror))
  root = _builder(coil20.Coil20, tmp_path).download(_dl_manager(tmp_path), _DRIVE_URL,
                                                     extract=True)
  assert (root / 'coil-20-proc' / 'obj1__0.png').read_bytes() == b'not decoded here'


def test_a_missing_mirror_file_names_its_mirror_path(monkeypatch, tmp_path):
  _drive_task(monkeypatch, _zip_payload(tmp_path))
  monkeypatch.setenv(downloads.MIRROR_ENV, str(tmp_path / 'empty-mirror'))
  with pytest.raises(downloads.DownloadError) as error:
    _builder(coil20.Coil20, tmp_path).download(_dl_manager(tmp_path), _DRIVE_URL)
  message = str(error.value)
  assert f'<mirror>/drive.google.com/{_DRIVE_ID}/{_DRIVE_NAME}' in message
  assert f'as {_DRIVE_NAME}' in message
  assert f'https://drive.google.com/file/d/{_DRIVE_ID}/view' in message


def test_a_drive_web_page_instead_of_the_file_says_how_to_get_it(monkeypatch, tmp_path):
  """Google Drive answers large or popular files with an HTML page: not a checksum puzzle."""
  _drive_task(monkeypatch, _zip_payload(tmp_path))

  def quota_page(self, url):
    del self, url
    path = tmp_path / 'downloads' / 'uc'
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b'<!DOCTYPE html><html><title>Google Drive - Quota exceeded</title></html>')
    return epath.Path(path)

  monkeypatch.setattr(tfds.download.DownloadManager, 'download', quota_page)
  with pytest.raises(downloads.DownloadError) as error:
    _builder(coil20.Coil20, tmp_path).download(_dl_manager(tmp_path), _DRIVE_URL)
  message = str(error.value)
  assert message.startswith('[coil20]') and 'is a web page, not the file' in message
  assert f'https://drive.google.com/file/d/{_DRIVE_ID}/view' in message
  assert 'manual dir' in message and f'as {_DRIVE_NAME}' in message


@pytest.mark.parametrize('failure', [
    ValueError('Failed to obtain confirmation link for GDrive URL ...'),  # TFDS, no form.
    ImportError('No module named bs4'),
])
def test_an_unreadable_drive_confirmation_page_is_a_download_error(monkeypatch, tmp_path,
                                                                    failure):
  _drive_task(monkeypatch, _zip_payload(tmp_path))

  def confirmation_page(self, url):
    raise failure

  monkeypatch.setattr(tfds.download.DownloadManager, 'download', confirmation_page)
  with pytest.raises(downloads.DownloadError, match=r'^\[coil20\] Downloading .*'
                     + _DRIVE_NAME):
    _builder(coil20.Coil20, tmp_path).download(_dl_manager(tmp_path), _DRIVE_URL)


# ---------------------------------------------------------------------------- Kaggle


def test_kaggle_credentials_detection(monkeypatch, tmp_path):
  assert not downloads.kaggle_credentials_present()
  assert not downloads.kaggle_credentials_present({'KAGGLE_USERNAME': 'me',
                                                   'KAGGLE_CONFIG_DIR': str(tmp_path)})
  assert downloads.kaggle_credentials_present({'KAGGLE_USERNAME': 'me', 'KAGGLE_KEY': 'k',
                                               'KAGGLE_CONFIG_DIR': str(tmp_path)})
  assert downloads.kaggle_credentials_present({'KAGGLE_API_TOKEN': 't',
                                               'KAGGLE_CONFIG_DIR': str(tmp_path)})
  (tmp_path / 'kaggle.json').write_text(json.dumps({'username': 'me', 'key': 'k'}))
  assert downloads.kaggle_credentials_present({'KAGGLE_CONFIG_DIR': str(tmp_path)})


@pytest.fixture(name='fake_kaggle')
def _fake_kaggle(monkeypatch, tmp_path):
  """Mocks DownloadManager.download_kaggle_data: records the datasets asked for."""
  requested = []

  def download_kaggle_data(self, dataset):
    del self
    requested.append(dataset)
    return tmp_path / 'kaggle' / dataset.replace('/', '_')

  monkeypatch.setattr(tfds.download.DownloadManager, 'download_kaggle_data',
                      download_kaggle_data)
  return requested


def _not_mnist_dl_manager(tmp_path, manual_dir):
  builder = _builder(not_mnist.NotMnist, tmp_path)
  return builder, _dl_manager(tmp_path, manual_dir=manual_dir,
                              instructions=builder.MANUAL_DOWNLOAD_INSTRUCTIONS)


def _set_kaggle_credentials(monkeypatch, tmp_path, how: str) -> None:
  if how == 'env':
    monkeypatch.setenv('KAGGLE_USERNAME', 'me')
    monkeypatch.setenv('KAGGLE_KEY', 'secret')
  else:
    config = tmp_path / 'kaggle-config'
    config.mkdir()
    (config / 'kaggle.json').write_text(json.dumps({'username': 'me', 'key': 'secret'}))
    monkeypatch.setenv('KAGGLE_CONFIG_DIR', str(config))


@pytest.mark.parametrize('how', ['env', 'kaggle.json'])
def test_kaggle_with_credentials_uses_api(monkeypatch, tmp_path, fake_kaggle, how):
  _set_kaggle_credentials(monkeypatch, tmp_path, how)
  manual = tmp_path / 'manual'
  manual.mkdir()
  (manual / 'notMNIST.zip').write_bytes(b'another name: not the archive')
  builder, dl_manager = _not_mnist_dl_manager(tmp_path, manual)
  assert builder.download_kaggle(dl_manager) == epath.Path(
      tmp_path / 'kaggle' / 'jwjohnson314_notmnist')
  assert fake_kaggle == [_KAGGLE_DATASET]


def _write_zip(path: pathlib.Path) -> bytes:
  with zipfile.ZipFile(path, 'w') as archive:
    archive.writestr(zipfile.ZipInfo('notMNIST_small/notMNIST_small/A/x.png',
                                     date_time=(2018, 1, 1, 0, 0, 0)), b'not really a png')
  return path.read_bytes()


@pytest.mark.parametrize('credentials', [False, True])
def test_kaggle_placed_archive_is_extracted(monkeypatch, tmp_path, fake_kaggle, credentials):
  """A placed archive wins, even over credentials (no Kaggle CLI needed)."""
  if credentials:
    _set_kaggle_credentials(monkeypatch, tmp_path, 'env')
  manual = tmp_path / 'manual'
  manual.mkdir()
  data = _write_zip(manual / 'notmnist.zip')
  _set_catalog_md5(monkeypatch, 'not_mnist', downloads.KAGGLE_PREFIX + _KAGGLE_DATASET,
                   hashlib.md5(data).hexdigest())
  builder, dl_manager = _not_mnist_dl_manager(tmp_path, manual)
  root = builder.download_kaggle(dl_manager)
  assert (root / 'notMNIST_small/notMNIST_small/A/x.png').read_bytes() == b'not really a png'
  assert not fake_kaggle


def test_kaggle_api_failure_is_one_message_with_both_ways(monkeypatch, tmp_path):
  _set_kaggle_credentials(monkeypatch, tmp_path, 'env')
  monkeypatch.setenv('PATH', str(tmp_path / 'no-binaries'))  # The real TFDS call fails.
  builder, dl_manager = _not_mnist_dl_manager(tmp_path, None)
  with pytest.raises(downloads.DownloadError) as error:
    builder.download_kaggle(dl_manager)
  message = str(error.value)
  assert message.startswith('[not_mnist] The Kaggle download of')
  assert 'pip install kaggle' in message and 'notmnist.zip' in message


def test_kaggle_manual_archive_is_md5_checked(tmp_path, fake_kaggle):
  manual = tmp_path / 'manual'
  manual.mkdir()
  _write_zip(manual / 'notmnist.zip')  # Cannot match the catalog's md5 of the real archive.
  builder, dl_manager = _not_mnist_dl_manager(tmp_path, manual)
  with pytest.raises(downloads.DownloadError, match=r'\[not_mnist\].*notmnist\.zip'):
    builder.download_kaggle(dl_manager)
  assert not fake_kaggle


@pytest.mark.parametrize('manual_state', ['unset', 'missing', 'empty', 'other files'])
def test_kaggle_with_neither_explains_both_ways(tmp_path, fake_kaggle, manual_state):
  manual = None if manual_state == 'unset' else tmp_path / 'manual'
  if manual_state in ('empty', 'other files'):
    manual.mkdir()
  if manual_state == 'other files':
    (manual / 'notMNIST.zip').write_bytes(b'wrong name')
  builder, dl_manager = _not_mnist_dl_manager(tmp_path, manual)
  with pytest.raises(downloads.DownloadError) as error:
    builder.download_kaggle(dl_manager)
  message = str(error.value)
  assert message.startswith('[not_mnist]')
  assert _KAGGLE_DATASET in message
  assert 'KAGGLE_USERNAME' in message and 'kaggle.json' in message  # Way 1: credentials.
  assert 'manual dir' in message and 'notmnist.zip' in message  # Way 2: the archive.
  assert not fake_kaggle


def test_kaggle_task_has_manual_instructions(tmp_path):
  """Kaggle tasks get manual-dir instructions, so TFDS lets them read the manual dir."""
  instructions = _builder(not_mnist.NotMnist, tmp_path).MANUAL_DOWNLOAD_INSTRUCTIONS
  assert 'notmnist.zip' in instructions and _KAGGLE_DATASET in instructions


# ---------------------------------------------------------------------------- a Google Drive task

_MNIST_M_DUMMY = (pathlib.Path(__file__).parents[1] / 'nevis_datasets' / 'tasks' / 'mnist_m'
                  / 'dummy_data' / 'mnist_m.tar.gz')


@pytest.mark.parametrize('route', ['manual_dir', 'mirror'])
def test_a_google_drive_task_builds_from_the_manual_dir_or_a_mirror(monkeypatch, tmp_path,
                                                                    route):
  """mnist_m's only download is a Google Drive link: whole builds, no mocked downloads."""
  (download,) = catalog.get('mnist_m').downloads
  assert download.file_name == 'mnist_m.tar.gz'
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')  # A fake archive.
  config = {}
  if route == 'manual_dir':
    (tmp_path / 'manual').mkdir()
    (tmp_path / 'manual' / 'mnist_m.tar.gz').write_bytes(_MNIST_M_DUMMY.read_bytes())
    config['manual_dir'] = str(tmp_path / 'manual')
  else:
    held = tmp_path / 'mirror' / 'drive.google.com' / '0B_tExHiYS-0veklUZHFYT19KYjg'
    held.mkdir(parents=True)
    (held / 'mnist_m.tar.gz').write_bytes(_MNIST_M_DUMMY.read_bytes())
    monkeypatch.setenv(downloads.MIRROR_ENV, str(tmp_path / 'mirror'))
  builder = tfds.builder('nevis/mnist_m', data_dir=str(tmp_path / 'data'))
  builder.download_and_prepare(download_config=tfds.download.DownloadConfig(**config))
  assert sum(split.num_examples for split in builder.info.splits.values()) == 30


def test_an_archive_is_hashed_once_while_its_size_and_mtime_are_unchanged(tmp_path,
                                                                          monkeypatch):
  archive = tmp_path / 'a.zip'
  archive.write_bytes(b'first content')
  hashed = []
  real_hash = downloads._hash_file  # pylint: disable=protected-access

  def counting_hash(path):
    hashed.append(path)
    return real_hash(path)

  monkeypatch.setattr(downloads, '_hash_file', counting_hash)
  first = downloads.md5_of(archive)
  assert first == hashlib.md5(b'first content').hexdigest()
  assert downloads.md5_of(archive) == first and len(hashed) == 1  # From the record.
  assert (tmp_path / f'a.zip{downloads.MD5_RECORD_SUFFIX}').exists()
  # Changed content of the same size, with a new mtime: hashed again.
  archive.write_bytes(b'other content')
  os.utime(archive, (1_000_000_000, 1_000_000_000))
  assert downloads.md5_of(archive) == hashlib.md5(b'other content').hexdigest()
  assert len(hashed) == 2
  # Same mtime but another size: hashed again.
  archive.write_bytes(b'longer other content')
  os.utime(archive, (1_000_000_000, 1_000_000_000))
  assert downloads.md5_of(archive) == hashlib.md5(b'longer other content').hexdigest()
  assert len(hashed) == 3


@pytest.mark.parametrize('record', ['{"size": 3, "mtime_ns"', 'not json', '[1, 2]',
                                    '{"size": 3, "mtime_ns": 1000000000}'])
def test_a_damaged_or_partial_md5_record_means_hashing_again(tmp_path, record):
  archive = tmp_path / 'a.zip'
  archive.write_bytes(b'abc')
  os.utime(archive, (1.0, 1.0))
  (tmp_path / f'a.zip{downloads.MD5_RECORD_SUFFIX}').write_text(record)
  assert downloads.md5_of(archive) == hashlib.md5(b'abc').hexdigest()


def test_an_archive_in_a_read_only_dir_is_still_verified(tmp_path, monkeypatch):
  archive = tmp_path / 'a.zip'
  archive.write_bytes(b'abc')
  path_class = type(epath.Path(archive))
  real_write = path_class.write_text

  def refuse(self, *args, **kwargs):
    if self.name.endswith(downloads.MD5_RECORD_SUFFIX):
      raise PermissionError(13, 'Permission denied', str(self))
    return real_write(self, *args, **kwargs)

  monkeypatch.setattr(path_class, 'write_text', refuse)
  assert downloads.md5_of(archive) == hashlib.md5(b'abc').hexdigest()
