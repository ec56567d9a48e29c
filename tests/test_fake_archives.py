"""fake_archives: committed dummy_data must not change when a generator is rerun."""

import io
import tarfile
import zipfile

import numpy as np
from PIL import Image
import pytest

from nevis_datasets import fake_archives

_DATE = (2001, 2, 3, 4, 5, 6)


def _write_tar(path, gzip: bool) -> None:
  with fake_archives.write_tar(path, mtime=1_000_000_000, gzip=gzip) as archive:
    archive.add('root/')
    archive.add('root/a.txt', b'alpha')
    archive.add('root/sub')
    archive.add('root/sub/b.bin', b'\x00\x01')


def _write_zip(path) -> None:
  with fake_archives.write_zip(path, date_time=_DATE, compression=zipfile.ZIP_DEFLATED) as archive:
    archive.add('root')
    archive.add('root/a.txt', b'alpha' * 10)


@pytest.mark.parametrize('gzip', [False, True])
def test_tar_is_reproducible_with_fixed_members(tmp_path, gzip):
  _write_tar(tmp_path / 'one', gzip)
  _write_tar(tmp_path / 'two', gzip)
  assert (tmp_path / 'one').read_bytes() == (tmp_path / 'two').read_bytes()
  assert ((tmp_path / 'one').read_bytes()[:2] == b'\x1f\x8b') == gzip
  with tarfile.open(tmp_path / 'one') as archive:
    members = archive.getmembers()
    assert [m.name for m in members] == ['root', 'root/a.txt', 'root/sub', 'root/sub/b.bin']
    assert [m.isdir() for m in members] == [True, False, True, False]
    assert [m.mode for m in members] == [0o755, 0o644, 0o755, 0o644]
    assert {m.mtime for m in members} == {1_000_000_000}
    assert archive.extractfile('root/a.txt').read() == b'alpha'
    assert archive.extractfile('root/sub/b.bin').read() == b'\x00\x01'


def test_tar_writes_into_an_open_file_and_leaves_it_open():
  buffer = io.BytesIO()
  with fake_archives.write_tar(buffer, mtime=0) as archive:
    archive.add('x', b'x')
  with tarfile.open(fileobj=io.BytesIO(buffer.getvalue())) as archive:
    assert archive.extractfile('x').read() == b'x'


def test_zip_is_reproducible_with_stored_directories(tmp_path):
  _write_zip(tmp_path / 'one.zip')
  _write_zip(tmp_path / 'two.zip')
  assert (tmp_path / 'one.zip').read_bytes() == (tmp_path / 'two.zip').read_bytes()
  with zipfile.ZipFile(tmp_path / 'one.zip') as archive:
    directory, text = archive.infolist()
    assert (directory.filename, directory.is_dir()) == ('root/', True)
    assert directory.compress_type == zipfile.ZIP_STORED
    assert text.compress_type == zipfile.ZIP_DEFLATED
    assert {info.date_time for info in archive.infolist()} == {_DATE}
    assert archive.read('root/a.txt') == b'alpha' * 10


def test_image_bytes_round_trip_and_mode():
  pixels = np.arange(12, dtype=np.uint8).reshape(3, 4)
  png = fake_archives.image_bytes(pixels, 'PNG')
  assert png == fake_archives.image_bytes(pixels, 'PNG')
  np.testing.assert_array_equal(np.asarray(Image.open(io.BytesIO(png))), pixels)
  assert Image.open(io.BytesIO(fake_archives.image_bytes(pixels, 'PNG', mode='RGB'))).mode == 'RGB'
