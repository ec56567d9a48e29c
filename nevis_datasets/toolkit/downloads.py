"""Getting raw data onto disk: mirrors, md5 verification, manual files and Kaggle.

* `NEVIS_DOWNLOAD_MIRROR=<prefix>`: `scheme://host/path` is fetched from `<prefix>/host/path`
  (institutional mirrors, dead URLs).
* `NEVIS_SKIP_CHECKSUMS=1`: no md5 verification (re-packed archives).
* An archive already placed in the manual dir under its URL's file name is used instead of the
  network, after the same md5 check.
* Kaggle datasets come from an archive placed in the manual dir, else through the Kaggle API
  when credentials exist.
"""

from __future__ import annotations

import hashlib
import os
import pathlib
import urllib.parse
from collections.abc import Mapping

from etils import epath

from nevis_datasets import errors

MIRROR_ENV = 'NEVIS_DOWNLOAD_MIRROR'
SKIP_CHECKSUMS_ENV = 'NEVIS_SKIP_CHECKSUMS'
KAGGLE_PREFIX = 'kaggle:'


class DownloadError(errors.UserError, RuntimeError):
  """A download that could not be obtained or verified; the message says what to do."""


def mirrored_url(url: str, environ: Mapping[str, str] = os.environ) -> str:
  """`url` rewritten onto `$NEVIS_DOWNLOAD_MIRROR` when it is set."""
  mirror = environ.get(MIRROR_ENV, '').strip()
  if not mirror:
    return url
  parts = urllib.parse.urlsplit(url)
  path = parts.path + (f'?{parts.query}' if parts.query else '')
  return f'{mirror.rstrip("/")}/{parts.netloc}{path}'


def checksums_skipped(environ: Mapping[str, str] = os.environ) -> bool:
  return environ.get(SKIP_CHECKSUMS_ENV, '').strip().lower() in ('1', 'true', 'yes')


def file_name(url: str) -> str:
  """The file name a URL downloads to (its last path component)."""
  return pathlib.PurePosixPath(urllib.parse.urlsplit(url).path).name


def md5_of(path: epath.PathLike) -> str:
  digest = hashlib.md5()
  with epath.Path(path).open('rb') as f:
    for chunk in iter(lambda: f.read(1 << 20), b''):
      digest.update(chunk)
  return digest.hexdigest()


def verify_md5(task: str, url: str, path: epath.PathLike, expected: str | None) -> str | None:
  """The md5 of `path` once checked against the catalog's for `url`; None if not checked.

  Raises:
    DownloadError: `path` does not have the catalog's md5.
  """
  if not expected or checksums_skipped():
    return None
  actual = md5_of(path)
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
