"""Extracting RAR archives (the TID sets): once per archive, tied to it, atomic, in one pass.

`toolkit.extraction` (TFDS's `iter_archive`) does not know RAR. The Python package `rarfile`
parses RAR 4 and RAR 5 headers and reads STORED members itself; compressed members need an
external tool (unrar, unar, 7z or bsdtar), which it runs once per member, first copying the
member into a one-member archive (0.04 s per member with unar here: two minutes for TID2013's
3,025 images), and, for a solid archive, decompressing everything before the member each time
(quadratic: hopeless for a 1 GB archive). Reading members in place is therefore not an option;
the archive is extracted once into the download dir instead:

* STORED members (the fake archives of the tests) are copied by `rarfile` in pure Python;
* otherwise the tool `rarfile` finds (its `tool_setup`) writes every file member to one pipe, in
  archive order (`unrar p`, `unar -o -`, `bsdtar -x --to-stdout`, `7z e -so`): one process,
  one linear pass even for a solid archive, cut into members by the sizes in the headers and
  checked against their CRC-32s (BLAKE2sp for RAR 5 members that carry it), so that a tool that
  skips or misreads a member fails the build instead of shifting the bytes of the others.

No tool found: a `RarToolMissingError` says what to install. As `toolkit.extraction`, the
extraction records the archive it came from (its verified md5, else its path, size and mtime)
and is redone when the archive differs; it is written into a temporary dir renamed once
complete, under the target's lock.
"""

from __future__ import annotations

import functools
import os
import posixpath
import shutil
import subprocess
import tempfile
import zlib
from collections.abc import Sequence
from typing import BinaryIO

from etils import epath
import rarfile

from nevis_datasets import errors
from nevis_datasets.toolkit import archives
from nevis_datasets.toolkit import extraction

_CHUNK = 1 << 20
INSTALL_ADVICE = (
    'Install a RAR reader that the Python package rarfile can run: `apt-get install unar` '
    '(Debian/Ubuntu; or `apt-get install libarchive-tools` for bsdtar, which cannot read solid '
    'RAR 4 archives), `brew install unar` (macOS), `dnf install unar` (Fedora), or unrar / '
    '7-Zip from their sites; it must be on the PATH. Then build again.')


class RarToolMissingError(errors.UserError, RuntimeError):
  """A RAR archive with compressed members, and no external tool to decompress them."""


def _damaged(archive: epath.Path, origin: str | None, problem: str) -> archives.CorruptArchiveError:
  return archives.CorruptArchiveError(
      f'{archive}{f" (from {origin})" if origin else ""} cannot be extracted ({problem}): the '
      'archive is damaged or incomplete. Delete it and build again (it is downloaded again, or '
      'place a good copy in the manual dir).')


def _destination(root: str, member: str) -> str:
  """Where `member` goes under `root`; ValueError for a path that would leave it."""
  normal = posixpath.normpath(member)
  if member.startswith('/') or normal == '..' or normal.startswith('../'):
    raise ValueError(f'member {member!r} would be written outside the extraction dir')
  return os.path.join(root, *normal.split('/'))


def _is_stored(info: rarfile.RarInfo) -> bool:
  """Whether `rarfile` reads the member itself (no compression, no encryption, no link)."""
  return (info.compress_type == rarfile.RAR_M0 and not info.needs_password()
          and info.file_redir is None)


def _copy_stored(rf: rarfile.RarFile, files: Sequence[rarfile.RarInfo], root: str) -> None:
  for info in files:  # rarfile checks each member's CRC at its end.
    with rf.open(info) as src, open(_destination(root, info.filename), 'wb') as dst:
      shutil.copyfileobj(src, dst, _CHUNK)


def _checksum_matches(info: rarfile.RarInfo, crc: int, data_hash) -> bool:
  if info.CRC is not None:
    return crc == info.CRC
  return data_hash is None or data_hash.digest() == info.blake2sp_hash


def _copy_through_tool(task: str, archive: epath.Path, files: Sequence[rarfile.RarInfo],
                       root: str) -> None:
  """Every file member of `archive`, from one run of the external tool (see the docstring)."""
  try:
    setup = rarfile.tool_setup()
  except rarfile.RarCannotExec as e:
    raise RarToolMissingError(
        f'[{task}] {archive} holds compressed RAR members, which need an external tool (unrar, '
        f'unar, 7z or bsdtar), and none was found ({e}). {INSTALL_ADVICE}') from e
  # rarfile puts `--` before the archive, which bsdtar 3.6 takes as the `-f` file name.
  command = setup.get_cmdline('open_cmd', None, nodash=True) + [os.path.abspath(archive)]
  tool = command[0]
  with tempfile.TemporaryFile() as stderr:
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr)
    try:
      problem = _split_stream(process.stdout, files, root)
      extra = problem is None and process.stdout.read(1)
    finally:
      process.stdout.close()
      code = process.wait()
    stderr.seek(0)
    message = stderr.read().decode(errors='replace').strip()
  problems = [problem] if problem else []
  problems += [f'exit status {code}'] if code else []
  problems += ['more data than the RAR headers declare'] if extra else []
  problems += [f'it said: {message}'] if message else []
  if problems:
    raise archives.CorruptArchiveError(
        f'[{task}] {tool} could not read {archive} ({"; ".join(problems)}). Either the archive '
        'is damaged (delete it and build again) or the tool cannot read this RAR version '
        '(bsdtar cannot read solid RAR 4 archives, unar 1.10 some RAR 5 ones): install unrar or '
        '7-Zip, which rarfile prefers in that order, and build again.')


def _split_stream(stream: BinaryIO, files: Sequence[rarfile.RarInfo], root: str) -> str | None:
  """Writes the members' bytes from the tool's output; what went wrong, if anything."""
  for info in files:
    crc = 0
    data_hash = rarfile.Blake2SP() if info.CRC is None and info.blake2sp_hash else None
    left = info.file_size
    with open(_destination(root, info.filename), 'wb') as out:
      while left:
        chunk = stream.read(min(left, _CHUNK))
        if not chunk:
          break
        crc = zlib.crc32(chunk, crc)
        if data_hash is not None:
          data_hash.update(chunk)
        out.write(chunk)
        left -= len(chunk)
    if left:
      return f'{info.filename}: fewer bytes than its header declares'
    if not _checksum_matches(info, crc, data_hash):
      return f'{info.filename}: its bytes do not match its checksum'
  return None


def _extract_into(task: str, archive: epath.Path, root: str) -> None:
  # errors='strict': truncated headers are an error, not the end of the archive.
  with rarfile.RarFile(os.fspath(archive), errors='strict') as rf:
    members = rf.infolist()
    for info in members:
      if info.is_dir():
        os.makedirs(_destination(root, info.filename), exist_ok=True)
    files = [info for info in members if info.is_file()]
    for info in files:
      os.makedirs(os.path.dirname(_destination(root, info.filename)), exist_ok=True)
    if all(map(_is_stored, files)):
      _copy_stored(rf, files, root)
    else:
      _copy_through_tool(task, archive, files, root)


def extract(task: str, archive: epath.PathLike, extract_dir: epath.PathLike, *,
            md5: str | None = None, origin: str | None = None) -> epath.Path:
  """The extraction of the RAR `archive`: reused if it came from the same archive, else made.

  Args:
    task: the task, for messages.
    archive: the RAR file (a local path: the tools read it).
    extract_dir: where extractions live (`<download_dir>/extracted`).
    md5: the archive's verified md5, if any (then a moved archive is not extracted again).
    origin: where the archive came from (its URL), for messages.

  Returns:
    `<extract_dir>/RAR.<archive name>`, holding the members at their paths in the archive.

  Raises:
    RarToolMissingError: compressed members and no tool to read them.
    archives.CorruptArchiveError: the archive cannot be read; nothing of it is left on disk.
  """
  return extraction.extract(task, archive, 'RAR', extract_dir, md5=md5, origin=origin,
                            unpack=functools.partial(_unpack, task, origin))


def _unpack(task: str, origin: str | None, archive: epath.Path, destination: epath.Path) -> None:
  """`extraction.extract`'s `unpack` for RAR: every member of `archive` into `destination`."""
  destination.mkdir(parents=True)
  try:
    _extract_into(task, archive, os.fspath(destination))
  except (rarfile.Error, ValueError, EOFError) as e:
    if isinstance(e, errors.UserError):
      raise
    raise _damaged(archive, origin, f'{type(e).__name__}: {e}') from e
