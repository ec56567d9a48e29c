"""Extractions: tied to the archive they came from, streamed, atomic, damage reported clearly."""

from __future__ import annotations

import io
import os
import tarfile
import time
import zipfile

import pytest
import tensorflow_datasets as tfds

from nevis_datasets.tasks.coil20 import coil20
from nevis_datasets.toolkit import archives
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import downloads
from nevis_datasets.toolkit import extraction
from nevis_datasets.toolkit import locks

ZIP = tfds.download.ExtractMethod.ZIP


def _zip(path, members: dict[str, bytes]) -> None:
  with zipfile.ZipFile(path, 'w') as archive:
    for name, data in members.items():
      archive.writestr(name, data)


def _files(root) -> dict[str, bytes]:
  return {os.path.relpath(os.path.join(folder, name), root):
          open(os.path.join(folder, name), 'rb').read()
          for folder, _, names in os.walk(root) for name in names}


def test_a_changed_archive_is_extracted_again(tmp_path):
  archive = tmp_path / 'data.zip'
  _zip(archive, {'a/1.txt': b'old'})
  first = extraction.extract('t', archive, ZIP, tmp_path / 'extracted')
  assert _files(first) == {'a/1.txt': b'old'}
  time.sleep(0.01)  # A later mtime, as any re-download or copy gives.
  _zip(archive, {'a/1.txt': b'new', 'a/2.txt': b'more'})
  second = extraction.extract('t', archive, ZIP, tmp_path / 'extracted')
  assert second == first
  assert _files(second) == {'a/1.txt': b'new', 'a/2.txt': b'more'}


def test_the_same_archive_reuses_its_extraction(tmp_path, monkeypatch):
  archive = tmp_path / 'data.zip'
  _zip(archive, {'1.txt': b'x'})
  target = extraction.extract('t', archive, ZIP, tmp_path / 'extracted')
  monkeypatch.setattr(extraction, '_extract_into', lambda *a: pytest.fail('extracted again'))
  assert extraction.extract('t', archive, ZIP, tmp_path / 'extracted') == target


def test_a_verified_md5_identifies_the_archive_wherever_it_lies(tmp_path, monkeypatch):
  _zip(tmp_path / 'a.zip', {'1.txt': b'x'})
  target = extraction.extract('t', tmp_path / 'a.zip', ZIP, tmp_path / 'extracted', md5='abc')
  os.utime(tmp_path / 'a.zip', (1, 1))  # Copied or touched: same content, same md5.
  monkeypatch.setattr(extraction, '_extract_into', lambda *a: pytest.fail('extracted again'))
  assert extraction.extract('t', tmp_path / 'a.zip', ZIP, tmp_path / 'extracted',
                            md5='abc') == target


def test_an_extraction_from_before_this_check_is_redone(tmp_path):
  """An extraction without a record (TFDS made it) may be of any archive: redo it."""
  archive = tmp_path / 'data.zip'
  _zip(archive, {'1.txt': b'current'})
  stale = tmp_path / 'extracted' / 'ZIP.data.zip'
  stale.mkdir(parents=True)
  (stale / '1.txt').write_bytes(b'from another archive')
  assert _files(extraction.extract('t', archive, ZIP, tmp_path / 'extracted')) == {
      '1.txt': b'current'}


@pytest.mark.parametrize('damage', ['truncated', 'tiny', 'not an archive'])
def test_a_damaged_archive_is_one_clear_error_and_leaves_nothing(tmp_path, damage):
  good = io.BytesIO()
  with zipfile.ZipFile(good, 'w') as z:
    for i in range(20):
      z.writestr(f'{i}.txt', os.urandom(1000))
  data = {'truncated': good.getvalue()[:-300], 'tiny': good.getvalue()[:5],
          'not an archive': b'<html>quota exceeded</html>'}[damage]
  archive = tmp_path / 'data.zip'
  archive.write_bytes(data)
  with pytest.raises(archives.CorruptArchiveError) as error:
    extraction.extract('t', archive, ZIP, tmp_path / 'extracted', origin='http://h.org/data.zip')
  message = str(error.value)
  assert str(archive) in message and 'http://h.org/data.zip' in message
  assert 'Delete it and build again' in message
  assert 'Seeking' not in message  # TensorFlow's file layer is not in the way.
  assert sorted(os.listdir(tmp_path / 'extracted')) == []


def test_a_damaged_tar_gz_is_one_clear_error(tmp_path):
  good = io.BytesIO()
  with tarfile.open(fileobj=good, mode='w:gz') as tar:
    for i in range(20):
      data = os.urandom(5000)
      info = tarfile.TarInfo(f'd/{i}.bin')
      info.size = len(data)
      tar.addfile(info, io.BytesIO(data))
  archive = tmp_path / 'data.tar.gz'
  archive.write_bytes(good.getvalue()[:len(good.getvalue()) // 2])
  with pytest.raises(archives.CorruptArchiveError, match='EOFError'):
    extraction.extract('t', archive, tfds.download.ExtractMethod.TAR_GZ, tmp_path / 'extracted')
  assert os.listdir(tmp_path / 'extracted') == []


def test_what_an_interrupted_extraction_left_is_removed(tmp_path):
  archive = tmp_path / 'data.zip'
  _zip(archive, {'1.txt': b'x'})
  partial = tmp_path / 'extracted' / f'{locks.INCOMPLETE_PREFIX}0123abcd_ZIP.data.zip'
  partial.mkdir(parents=True)
  (partial / 'half.txt').write_bytes(b'half')
  other = tmp_path / 'extracted' / f'{locks.INCOMPLETE_PREFIX}0123abcd_ZIP.other.zip'
  other.mkdir()  # Another archive's: maybe being extracted right now; left alone.
  extraction.extract('t', archive, ZIP, tmp_path / 'extracted')
  assert sorted(os.listdir(tmp_path / 'extracted')) == [
      '.ZIP.data.zip.source.json', 'ZIP.data.zip', other.name]


def test_a_zip_that_cannot_fit_on_the_disk_is_refused_before_writing(tmp_path, monkeypatch):
  archive = tmp_path / 'bomb.zip'
  with zipfile.ZipFile(archive, 'w', compression=zipfile.ZIP_DEFLATED) as z:
    z.writestr('zeros.bin', bytes(8 * 2**20))  # 8 MiB of zeros: an archive of a few KiB.
  assert archive.stat().st_size < 100_000
  monkeypatch.setattr(disk.shutil, 'disk_usage', lambda path: _Usage(free=2**20))
  with pytest.raises(disk.InsufficientDiskSpaceError, match=r'\[t\].*extraction of bomb\.zip'):
    extraction.extract('t', archive, ZIP, tmp_path / 'extracted')
  assert os.listdir(tmp_path / 'extracted') == []


class _Usage:

  def __init__(self, free: int):
    self.free = free


def test_members_are_streamed_not_read_whole(tmp_path, monkeypatch):
  """A member is copied in bounded chunks (TFDS's extractor reads each member whole)."""
  archive = tmp_path / 'big.zip'
  with zipfile.ZipFile(archive, 'w', compression=zipfile.ZIP_DEFLATED) as z:
    z.writestr('big.bin', bytes(6 * 2**20))
  reads = []
  original = zipfile.ZipExtFile.read

  def read(self, n=-1):
    reads.append(n)
    return original(self, n)

  monkeypatch.setattr(zipfile.ZipExtFile, 'read', read)
  target = extraction.extract('t', archive, ZIP, tmp_path / 'extracted')
  assert os.path.getsize(target / 'big.bin') == 6 * 2**20
  assert reads and all(0 < n <= 2**20 for n in reads)


def test_builder_extractions_follow_the_archive_in_the_manual_dir(tmp_path, monkeypatch):
  """The issue's case: `--overwrite` with a bigger archive built the old, smaller one."""
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')
  manual = tmp_path / 'manual'
  manual.mkdir()

  def place(poses: int) -> None:
    with zipfile.ZipFile(manual / 'coil-20-proc.zip', 'w') as z:
      for obj in range(1, 21):
        for pose in range(poses):
          z.writestr(f'coil-20-proc/obj{obj}__{pose}.png', _png())
    time.sleep(0.01)

  def build(**config) -> int:
    builder = coil20.Coil20(data_dir=tmp_path / 'data')
    builder.download_and_prepare(
        download_dir=tmp_path / 'downloads',
        download_config=tfds.download.DownloadConfig(manual_dir=manual, **config))
    return sum(split.num_examples for split in builder.info.splits.values())

  place(2)
  assert build() == 40
  place(4)
  assert build(download_mode=tfds.download.GenerateMode.REUSE_CACHE_IF_EXISTS) == 80


def _png() -> bytes:
  from PIL import Image  # pylint: disable=g-import-not-at-top
  buffer = io.BytesIO()
  Image.new('L', (4, 4), 7).save(buffer, 'PNG')
  return buffer.getvalue()
