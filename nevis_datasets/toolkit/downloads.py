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
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import re
import urllib.parse
from collections.abc import Mapping

from etils import epath

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
