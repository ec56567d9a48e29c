"""Getting raw data onto disk: mirrors, md5 verification, manual files and Kaggle.

* Every catalog download has a file name (`catalog.Download.file_name`): the URL's last path
  component, or, for links that pass the file by id (Google Drive, SharePoint), the file's real
  name as the catalog gives it.
* An archive already placed in the manual dir under that file name is used instead of the
  network, after the same md5 check.
* `NEVIS_DOWNLOAD_MIRROR=<prefix>`: a download is fetched from `<prefix>/<mirror path>`
  (institutional mirrors, dead URLs), where the mirror path (`mirror_path`) is a plain file path
  that any static file server can hold:
    - `scheme://host/path` -> `host/path` (a query string is dropped);
    - Google Drive `https://drive.google.com/...?id=<id>` -> `drive.google.com/<id>/<file name>`;
    - other links whose path does not end in the file name (SharePoint) ->
      `host/path/<file name>`;
    - Wayback Machine `https://web.archive.org/web/<time>/<original url>` -> the original URL's
      mirror path.
* `NEVIS_SKIP_CHECKSUMS=1`: no md5 verification (re-packed archives).
* An archive is hashed once: its md5 is recorded beside it (`<file>.nevis-md5.json`, with its
  size and mtime) and reused while both are unchanged, so a rebuild does not read ImageNet's
  144 GB of tars again; a changed (or touched) file is hashed again.
* Kaggle datasets come from an archive placed in the manual dir, else through the Kaggle API
  when credentials exist.
* TFDS-derived tasks: the upstream TFDS builder downloads its own URLs; `tfds_upstream_sources`
  makes the same three rules (manual dir, mirror, checksums skipped) hold for them, with TFDS's
  registered checksums (sha256) in place of the catalog's md5.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import pathlib
import re
import urllib.parse
from collections.abc import Iterator, Mapping
from typing import Any

from etils import epath
from etils import epy
import tensorflow_datasets as tfds
from tensorflow_datasets.core.download import download_manager as tfds_download_manager

with epy.lazy_imports():
  # Used by TFDS-derived upstreams only.
  import requests
  import urllib3

from nevis_datasets import catalog
from nevis_datasets import errors

MIRROR_ENV = 'NEVIS_DOWNLOAD_MIRROR'
SKIP_CHECKSUMS_ENV = 'NEVIS_SKIP_CHECKSUMS'
KAGGLE_PREFIX = catalog.KAGGLE_PREFIX
_WAYBACK = re.compile(r'^/web/[^/]+/(?P<original>[a-z]+:/.*)$')
_DRIVE_HOSTS = ('drive.google.com', 'docs.google.com')


class DownloadError(errors.UserError, RuntimeError):
  """A download that could not be obtained or verified; the message says what to do."""


class ManualDownloadError(DownloadError):
  """Files the user must download by hand are not in the manual dir; the message says which."""


class KaggleCredentialsError(DownloadError):
  """A Kaggle dataset with neither credentials nor its archive in the manual dir."""


def google_drive_id(url: str) -> str | None:
  """The file id of a Google Drive download link (`...?id=<id>` or `.../file/d/<id>/...`)."""
  parts = urllib.parse.urlsplit(url)
  if parts.hostname not in _DRIVE_HOSTS:
    return None
  ids = urllib.parse.parse_qs(parts.query).get('id')
  if ids:
    return ids[0]
  match = re.search(r'/file/d/([^/]+)', parts.path)
  return match.group(1) if match else None


def mirror_path(url: str, file_name: str | None = None) -> str:
  """Where a mirror holds the file of `url` (see the module docstring); `file_name` defaults
  to the URL's last path component."""
  parts = urllib.parse.urlsplit(url)
  wayback = _WAYBACK.match(parts.path) if parts.hostname == 'web.archive.org' else None
  if wayback:
    original = wayback.group('original')
    original = re.sub(r'^([a-z]+):/(?!/)', r'\1://', original)  # Servers collapse '//'.
    return mirror_path(original, file_name)
  file_name = file_name or catalog.url_file_name(url)
  drive_id = google_drive_id(url)
  if drive_id:
    return f'{parts.netloc}/{drive_id}/{file_name}'
  path = parts.path
  if file_name and catalog.url_file_name(url) != file_name:
    path = f'{path.rstrip("/")}/{file_name}'
  return f'{parts.netloc}{path}'


def mirrored_url(url: str, file_name: str | None = None, *,
                 environ: Mapping[str, str] = os.environ) -> str:
  """`url` rewritten onto `$NEVIS_DOWNLOAD_MIRROR` when it is set (see `mirror_path`)."""
  mirror = environ.get(MIRROR_ENV, '').strip()
  if not mirror:
    return url
  return f'{mirror.rstrip("/")}/{mirror_path(url, file_name)}'


def looks_like_web_page(path: epath.PathLike) -> bool:
  """Whether a download is an HTML page (a login, quota or confirmation page), not the file."""
  try:
    with epath.Path(path).open('rb') as f:
      head = f.read(512).lstrip().lower()
  except OSError:
    return False
  return head.startswith((b'<!doctype html', b'<html'))


def source_page(url: str) -> str:
  """The page a user opens to download `url` by hand (Google Drive: the file's page)."""
  drive_id = google_drive_id(url)
  return f'https://drive.google.com/file/d/{drive_id}/view' if drive_id else url


def checksums_skipped(environ: Mapping[str, str] = os.environ) -> bool:
  return environ.get(SKIP_CHECKSUMS_ENV, '').strip().lower() in ('1', 'true', 'yes')


MD5_RECORD_SUFFIX = '.nevis-md5.json'


def _hash_file(path: epath.Path) -> str:
  digest = hashlib.md5()
  with path.open('rb') as f:
    for chunk in iter(lambda: f.read(1 << 20), b''):
      digest.update(chunk)
  return digest.hexdigest()


def _size_and_mtime(path: epath.Path) -> dict[str, int]:
  """What tells a changed file: its size and mtime (ns locally; s on remote file systems)."""
  try:
    stat = os.stat(os.fspath(path))
    return {'size': stat.st_size, 'mtime_ns': stat.st_mtime_ns}
  except OSError:  # gs:// and other file systems that os.stat does not know.
    remote = path.stat()
    return {'size': int(remote.length), 'mtime_ns': int(remote.mtime) * 10**9}


def md5_of(path: epath.PathLike) -> str:
  """The md5 of `path`: from the record beside it while its size and mtime match, else hashed.

  The record is written in place after hashing: a write cut short leaves text that is not a
  JSON object (its closing brace comes last), which is read as no record. Where it cannot be
  written (a read-only manual dir) the file is simply hashed again next time.
  """
  path = epath.Path(path)
  identity = _size_and_mtime(path)
  record = path.with_name(path.name + MD5_RECORD_SUFFIX)
  try:
    recorded = json.loads(record.read_text())
    if (isinstance(recorded, dict) and isinstance(recorded.get('md5'), str)
        and {k: recorded.get(k) for k in identity} == identity):
      return recorded['md5']
  except (OSError, ValueError):
    pass  # No record, or an unreadable one: hash.
  md5 = _hash_file(path)
  try:
    record.write_text(json.dumps({**identity, 'md5': md5}))
  except OSError:
    pass  # Read-only: hashed again next time.
  return md5


def verify_md5(task: str, download: catalog.Download, path: epath.PathLike) -> str | None:
  """The md5 of `path` once checked against the catalog's for `download`; None if not checked.

  Raises:
    DownloadError: `path` does not have the catalog's md5.
  """
  url, expected = download.url, download.md5
  if not expected or checksums_skipped():
    return None
  actual = md5_of(path)
  if actual != expected and looks_like_web_page(path):
    raise DownloadError(
        f'[{task}] {path} (from {url}) is a web page, not the file: the server sent a login, '
        f'quota or confirmation page (Google Drive does for large or popular files). Delete '
        f'it, download the file from {source_page(url)} in a browser and place it in the '
        f'manual dir (default <data_dir>/downloads/manual, or --manual_dir) as '
        f'{download.file_name}; or set {MIRROR_ENV} to a mirror that holds it.')
  if actual != expected:
    raise DownloadError(
        f'[{task}] {path} (from {url}) has md5 {actual}, but the NEVIS catalog expects '
        f'{expected}. The download is incomplete or the archive changed upstream: delete the '
        f'file and build again, or, for a deliberately re-packed archive, set '
        f'{SKIP_CHECKSUMS_ENV}=1.'
    )
  return actual


def manual_file(manual_dir: epath.PathLike | None, name: str) -> epath.Path | None:
  """`<manual_dir>/<name>` if the user placed it there."""
  if manual_dir is None:
    return None
  candidate = epath.Path(manual_dir) / name
  return candidate if candidate.exists() else None


def kaggle_credentials_present(environ: Mapping[str, str] = os.environ) -> bool:
  """Whether the Kaggle API would find credentials (the places kaggle 2.x looks)."""
  if environ.get('KAGGLE_API_TOKEN') or (
      environ.get('KAGGLE_USERNAME') and environ.get('KAGGLE_KEY')
  ):
    return True
  config_dir = pathlib.Path(
      environ.get('KAGGLE_CONFIG_DIR') or pathlib.Path.home() / '.kaggle'
  )
  return (config_dir / 'kaggle.json').exists() or (config_dir / 'access_token').exists()


def kaggle_instructions(task: str, dataset: str, archive: str) -> str:
  """The two ways to provide a Kaggle dataset, for errors and manual-download docs."""
  return (
      f'Task {task!r} comes from the Kaggle dataset {dataset!r}. Provide it in one of two ways:\n'
      f'  1. Kaggle API: `pip install kaggle`, then put your API token in '
      f'~/.kaggle/kaggle.json (or set KAGGLE_USERNAME and KAGGLE_KEY, or KAGGLE_API_TOKEN); '
      f'accept the dataset\'s terms on https://www.kaggle.com/datasets/{dataset}.\n'
      f'  2. Manual: download {archive} from https://www.kaggle.com/datasets/{dataset} and '
      f'place it in the manual dir (default <data_dir>/downloads/manual, or pass '
      f'--manual_dir DIR), keeping the file name {archive}.'
  )


# ---------------------------------------------------------------------------- TFDS upstreams

# The mirror is a static server: a check that it answers fails in seconds (TFDS's own session
# retries a refused connection 10 times, with back-off, for minutes).
_PROBE_RETRIES = 2
_PROBE_TIMEOUT_S = (10, 60)  # Connect, first byte.
_MANUAL, _MIRROR, _ORIGINAL = 'manual file', 'mirror', 'original URL'


@dataclasses.dataclass(frozen=True)
class _Source:
  """Where the file of `url` (a URL an upstream TFDS builder asked for) is fetched from."""

  url: str
  file_name: str
  kind: str  # _MANUAL, _MIRROR or _ORIGINAL.
  location: str  # The manual file, the mirror URL, or `url` itself.


def _reason(error: BaseException) -> str:
  """A one-line reason for a failed fetch: the root cause, without urllib3's object addresses."""
  cause = getattr(error.args[0], 'reason', None) if error.args else None
  if isinstance(cause, BaseException):  # requests' ConnectionError around urllib3's retries.
    error = cause
  text = re.sub(r'<[^<>]* object at 0x[0-9a-f]+>: ', '', str(error))
  status = re.fullmatch(r'Failed to get url \S+ HTTP code: (\d+)\.', text)  # TFDS's.
  return f'HTTP {status.group(1)}' if status else f'{type(error).__name__}: {text}'


class _UpstreamDownloads:
  """The downloads of one upstream TFDS DownloadManager: from the manual dir or the mirror.

  It stands in for the manager's downloader (TFDS's shared `_Downloader`, which still does the
  transfer) and wraps the manager's checksum step. TFDS keeps naming, caching, recording and
  checking every download under its original URL, so the upstream's registered checksums
  apply to the manual file or the mirror's copy. Both hooks are private to TFDS 4.9.10.
  """

  def __init__(self, task: str, manager: tfds.download.DownloadManager):
    # pylint: disable=protected-access  # TFDS 4.9.10 internals, pinned in setup.py.
    self._task = task
    self._manager = manager
    self._dataset = manager._dataset_name
    self._downloader = manager._downloader
    self._validate = manager._register_or_validate_checksums
    self._url_infos = manager._url_infos
    self._manual_dir = manager._manual_dir
    self._skip_checksums = checksums_skipped()
    self._fetched: dict[str, tuple[_Source, epath.Path]] = {}

  def install(self) -> None:
    # pylint: disable=protected-access
    self._manager._DownloadManager__downloader = self
    self._manager._register_or_validate_checksums = self._register_or_validate

  def uninstall(self) -> None:
    # pylint: disable=protected-access
    self._manager._DownloadManager__downloader = self._downloader
    vars(self._manager).pop('_register_or_validate_checksums', None)

  # ---------------------------------------------------------------- where a URL comes from

  def _source(self, url: str) -> _Source:
    """The manual file named as the download, else the mirror's copy, else `url`."""
    registered = self._url_infos.get(url)
    # TFDS's name for the file (Google Drive links: the served name), else the URL's.
    file_name = (registered.filename if registered and registered.filename
                 else catalog.url_file_name(url))
    placed = manual_file(self._manual_dir, file_name) if file_name else None
    if placed is not None:
      return _Source(url, file_name, _MANUAL, os.fspath(placed))
    mirrored = mirrored_url(url, file_name or None)
    return _Source(url, file_name, _MIRROR if mirrored != url else _ORIGINAL, mirrored)

  def _manual_hint(self, source: _Source) -> str:
    return (f'place {source.file_name or "the file"} in the manual dir '
            f'({self._manual_dir or "<data_dir>/downloads/manual"}, or --manual_dir)')

  def _failed(self, source: _Source, reason: str) -> DownloadError:
    dataset = f'upstream TFDS dataset {self._dataset}'
    if source.kind == _MIRROR:
      return DownloadError(
          f'[{self._task}] The mirror ({MIRROR_ENV}) has no copy of {source.url} (for the '
          f'{dataset}): fetching {source.location} failed ({reason}). Put the file there, or '
          f'{self._manual_hint(source)}, or unset {MIRROR_ENV} to download the original URL.')
    if source.kind == _MANUAL:
      return DownloadError(
          f'[{self._task}] Copying the manual file {source.location} (for {source.url}, '
          f'{dataset}) failed ({reason}). Check that it is readable and build again.')
    return DownloadError(
        f'[{self._task}] Downloading {source.url} (for the {dataset}) failed ({reason}). '
        f'Check the network and build again; or download it yourself and '
        f'{self._manual_hint(source)}; or set {MIRROR_ENV} to a mirror that holds it (as '
        f'<mirror>/{mirror_path(source.url, source.file_name or None)}).')

  def _probe(self, source: _Source, verify: bool) -> None:
    """Fails in seconds where an http(s) mirror is unreachable or lacks the file."""
    if not source.location.startswith(('http://', 'https://')):
      return  # A local or gs:// mirror: TFDS's copy fails at once where the file is missing.
    retries = urllib3.util.Retry(total=_PROBE_RETRIES, backoff_factor=0.5,
                                 status_forcelist=(500, 502, 503, 504), raise_on_status=False)
    with requests.Session() as session:
      session.mount('http://', requests.adapters.HTTPAdapter(max_retries=retries))
      session.mount('https://', requests.adapters.HTTPAdapter(max_retries=retries))
      try:
        with session.get(source.location, stream=True, timeout=_PROBE_TIMEOUT_S,
                         verify=verify) as response:
          status = response.status_code
      except requests.RequestException as e:
        raise self._failed(source, _reason(e)) from e
    if status != 200:
      raise self._failed(source, f'HTTP {status}')

  # ---------------------------------------------------------------- the downloader's interface

  def tqdm(self):
    return self._downloader.tqdm()

  def increase_tqdm(self, url_info) -> None:
    self._downloader.increase_tqdm(url_info)

  def download(self, url: str, destination_path: epath.Path, verify: bool = True):
    """TFDS's download of `url` into `destination_path` (its fresh temporary dir), from the
    source `_source` gives; a failure is one DownloadError and leaves nothing behind."""
    source = self._source(url)
    self._fetched[url] = (source, epath.Path(destination_path))
    if source.kind == _MIRROR:
      try:
        self._probe(source, verify)
      except DownloadError:
        epath.Path(destination_path).rmtree(missing_ok=True)
        raise

    def failed(error: Exception):
      epath.Path(destination_path).rmtree(missing_ok=True)
      if errors.storage_problem(error):
        raise error  # A full or read-only disk: the builder says so.
      raise self._failed(source, _reason(error)) from error

    return self._downloader.download(source.location, destination_path, verify).then(
        None, failed)

  # ---------------------------------------------------------------- the checksum step

  def _register_or_validate(self, url: str, url_info: Any, path: epath.Path) -> None:
    """TFDS's check against the checksum it registers for `url`, or none with
    NEVIS_SKIP_CHECKSUMS; a mismatch is a DownloadError saying where the file came from."""
    if self._skip_checksums:
      self._manager._recorded_url_infos[url] = url_info  # pylint: disable=protected-access
      return
    try:
      self._validate(url=url, url_info=url_info, path=path)
    except tfds_download_manager.NonMatchingChecksumError as e:
      raise self._mismatch(url, url_info, epath.Path(path)) from e

  def _mismatch(self, url: str, url_info: Any, path: epath.Path) -> DownloadError:
    expected = self._url_infos[url]
    source, fetched_into = self._fetched.get(url, (None, None))
    if fetched_into is None or fetched_into not in path.parents:
      # Not fetched here: TFDS used the manual file in place (its registered file name).
      source = _Source(url, path.name, _MANUAL, os.fspath(path))
    else:
      fetched_into.rmtree(missing_ok=True)  # The bad download: nothing half-written is kept.
    what = {
        _MANUAL: f'The manual file {source.location}',
        _MIRROR: f"The mirror's copy {source.location}",
        _ORIGINAL: 'The download',
    }[source.kind]
    advice = {
        _MANUAL: 'Replace it with the original archive (or remove it to download again)',
        _MIRROR: "Replace the mirror's file with the original archive",
        _ORIGINAL: ('The download is incomplete or the archive changed upstream: build again, '
                    f'or {self._manual_hint(source)}, or set {MIRROR_ENV}'),
    }[source.kind]
    deleted = '' if source.kind == _MANUAL else ' (the download is deleted)'
    return DownloadError(
        f'[{self._task}] {what} has sha256 {url_info.checksum} ({url_info.size}), but TFDS '
        f'registers {expected.checksum} ({expected.size}) for {url}{deleted}. {advice}; or, '
        f'for an archive re-packed on purpose, set {SKIP_CHECKSUMS_ENV}=1.')


@contextlib.contextmanager
def tfds_upstream_sources(task: str, upstream: tfds.core.DatasetBuilder) -> Iterator[None]:
  """Within: `upstream.download_and_prepare` fetches each URL as NEVIS downloads are fetched.

  This is how the manual dir, `NEVIS_DOWNLOAD_MIRROR` and `NEVIS_SKIP_CHECKSUMS` reach the
  downloads of TFDS-derived tasks' upstream builders, whose code is TFDS's: a file placed in
  the manual dir under the download's file name (TFDS's registered name, else the URL's last
  path component) is used, else the mirror's copy at `<mirror>/<mirror path>` is fetched, else
  the original URL. TFDS still checks each file against the checksum it registers for the
  original URL, unless checksums are skipped. Only the download managers `upstream` makes
  within are changed, and they are restored on exit.

  Args:
    task: the NEVIS task, for messages.
    upstream: the upstream TFDS builder about to be prepared.
  """
  make = upstream._make_download_manager  # pylint: disable=protected-access
  hooked: list[_UpstreamDownloads] = []

  def make_download_manager(*args, **kwargs) -> tfds.download.DownloadManager:
    manager = make(*args, **kwargs)
    hook = _UpstreamDownloads(task, manager)
    hook.install()
    hooked.append(hook)
    return manager

  upstream._make_download_manager = make_download_manager  # pylint: disable=protected-access
  try:
    yield
  finally:
    vars(upstream).pop('_make_download_manager', None)
    for hook in hooked:
      hook.uninstall()
