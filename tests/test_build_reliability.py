"""Builds that leave nothing behind and fail with one clear message (issue 11, builds).

Kills, SIGTERM and concurrent builds run `nevis build` in subprocesses on demo_shapes made large
enough to take a while; the rest builds small tasks in this process.
"""

from __future__ import annotations

import errno
import io
import os
import pathlib
import signal
import subprocess
import sys
import time
import zipfile

import numpy as np
from PIL import Image
import pytest
import tensorflow_datasets as tfds

from nevis_datasets import cli
from nevis_datasets import toolkit
from nevis_datasets.tasks.coil20 import coil20
from nevis_datasets.tasks.demo_shapes import demo_shapes
from nevis_datasets.tasks.food101 import food101
from nevis_datasets.tasks.mpeg7 import mpeg7
from nevis_datasets.toolkit import archives
from nevis_datasets.toolkit import downloads
from nevis_datasets.toolkit import locks

_REPO = pathlib.Path(__file__).resolve().parents[1]
_ENV = {**os.environ, 'PYTHONPATH': os.fspath(_REPO), 'TF_CPP_MIN_LOG_LEVEL': '3'}


def _task_dir(data_dir) -> pathlib.Path:
  return pathlib.Path(data_dir) / 'nevis' / 'demo_shapes'


def _leftovers(data_dir) -> list[str]:
  """Everything in the task dir but a complete version dir."""
  task_dir = _task_dir(data_dir)
  if not task_dir.exists():
    return []
  return sorted(p.name for p in task_dir.iterdir() if p.name != '1.0.0')


# ---------------------------------------------------------------------------- processes


def _start_build(data_dir, num_examples: int, noise: bool = False) -> subprocess.Popen:
  """`nevis build demo_shapes` in a subprocess, with `num_examples` images.

  With `noise`, every image is one array of noise: drawing 200,000 shapes in the build's
  process took a minute before the encoding workers started (more on a loaded machine); the
  noise is listed in a second and takes as long to encode.
  """
  examples = ('import numpy as np; from nevis_datasets import toolkit; '
              'noise = np.random.default_rng(0).integers(0, 256, (32, 32, 3), dtype="uint8"); '
              'demo_shapes.DemoShapes._examples = lambda self, dl_manager: ('
              'toolkit.Example(key=f"{i:06d}", image=noise, label=i % 4) '
              'for i in range(self.NUM_EXAMPLES)); ' if noise else '')
  code = ('import sys; from nevis_datasets import cli; '
          'from nevis_datasets.tasks.demo_shapes import demo_shapes; '
          f'demo_shapes.DemoShapes.NUM_EXAMPLES = {num_examples}; {examples}'
          f'sys.exit(cli.main(["build", "demo_shapes", "--data_dir", {os.fspath(data_dir)!r}]))')
  return subprocess.Popen([sys.executable, '-c', code], env=_ENV, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)


def _children() -> dict[int, int]:
  """pid -> parent pid of every process."""
  result = {}
  for entry in os.listdir('/proc'):
    if entry.isdigit():
      try:
        with open(f'/proc/{entry}/stat') as f:
          fields = f.read().rsplit(')', 1)[1].split()
      except OSError:
        continue
      if fields[0] != 'Z':  # Zombies have exited.
        result[int(entry)] = int(fields[1])
  return result


def _descendants(pid: int) -> set[int]:
  parents = _children()
  found, frontier = set(), {pid}
  while frontier:
    frontier = {child for child, parent in parents.items() if parent in frontier} - found
    found |= frontier
  return found


def _alive(pids) -> set[int]:
  return set(pids) & set(_children())


def _wait_for(condition, timeout: float, what: str):
  deadline = time.monotonic() + timeout
  while time.monotonic() < deadline:
    value = condition()
    if value:
      return value
    time.sleep(0.2)
  pytest.fail(f'timed out waiting for {what}')


def _wait_for_workers(process: subprocess.Popen) -> set[int]:
  """The pool's processes, once the build encodes on several (forkserver + >= 2 workers)."""
  def workers() -> set[int] | None:
    if process.poll() is not None:
      pytest.fail(f'the build ended (exit {process.returncode}) before its workers were seen: '
                  f'{process.communicate()[1][-2000:]}')
    found = _descendants(process.pid)
    return found if len(found) >= 4 else None
  return _wait_for(workers, 180, 'the encoding workers')


_NEEDS_POOL = pytest.mark.skipif(
    not os.path.isdir('/proc') or (os.cpu_count() or 1) < 2,
    reason='reads the process table from /proc; the pool needs 2 cores')


@_NEEDS_POOL
def test_kill_9_leaves_no_workers_and_the_next_build_removes_the_partial_build(tmp_path):
  process = _start_build(tmp_path, 200_000, noise=True)
  pool = _wait_for_workers(process)
  _wait_for(lambda: _leftovers(tmp_path), 60, 'the partial build')
  process.kill()
  process.wait()
  # The workers watch the build's process: they, then the forkserver and the resource tracker
  # (which live while any worker does), all exit.
  _wait_for(lambda: not _alive(pool), 30, f'orphans {_alive(pool)} to exit')
  assert any(name.startswith(locks.INCOMPLETE_PREFIX) for name in _leftovers(tmp_path))

  builder = demo_shapes.DemoShapes(data_dir=tmp_path)
  builder.download_and_prepare()
  assert _leftovers(tmp_path) == []
  assert sum(s.num_examples for s in builder.info.splits.values()) == 1200


@_NEEDS_POOL
def test_sigterm_unwinds_like_ctrl_c(tmp_path):
  process = _start_build(tmp_path, 200_000, noise=True)
  pool = _wait_for_workers(process)
  process.send_signal(signal.SIGTERM)
  _, err = process.communicate(timeout=60)
  assert process.returncode == 128 + signal.SIGTERM
  assert 'nevis: interrupted (SIGTERM)' in err and 'Traceback' not in err
  assert _leftovers(tmp_path) == []
  _wait_for(lambda: not _alive(pool), 30, f'workers {_alive(pool)} to exit')


def test_two_builds_of_one_task_at_once_both_succeed(tmp_path):
  first = _start_build(tmp_path, 4000)
  _wait_for(lambda: (_task_dir(tmp_path) / '.1.0.0.lock').exists(), 60, 'the first lock')
  second = _start_build(tmp_path, 4000)
  results = [p.communicate(timeout=300) + (p.returncode,) for p in (first, second)]
  assert [code for _, _, code in results] == [0, 0], results
  assert 'Waiting for process' in results[1][1] and 'building nevis/demo_shapes' in results[1][1]
  assert _leftovers(tmp_path) == []
  info = tfds.builder('nevis/demo_shapes', data_dir=tmp_path).info
  assert sum(s.num_examples for s in info.splits.values()) == 4000


def test_a_build_waiting_for_the_lock_then_reads_the_prepared_task(tmp_path):
  """In one process: a builder made before the other build finished still gets its splits."""
  waiting = demo_shapes.DemoShapes(data_dir=tmp_path)
  assert not waiting.info.splits
  demo_shapes.DemoShapes(data_dir=tmp_path).download_and_prepare()
  waiting.download_and_prepare()
  assert sum(s.num_examples for s in waiting.info.splits.values()) == 1200
  assert len(list(tfds.as_numpy(waiting.as_dataset(split='test')))) > 0


def test_workers_exit_when_their_owner_dies():
  """The watcher itself: a process running it ends right after the watched process."""
  owner = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])
  watcher = subprocess.Popen([sys.executable, '-c', (
      'import sys, time; sys.path.insert(0, %r); '
      'from nevis_datasets.toolkit import parallel; parallel._watch_owner(%d); time.sleep(60)'
  ) % (os.fspath(_REPO), owner.pid)], env=_ENV)
  time.sleep(1.0)
  assert watcher.poll() is None
  owner.kill()
  owner.wait()
  assert watcher.wait(timeout=10) == 1


# ---------------------------------------------------------------------------- leftovers


def test_a_build_removes_what_interrupted_builds_left(tmp_path):
  partial = _task_dir(tmp_path) / f'{locks.INCOMPLETE_PREFIX}AB12CD_1.0.0'
  (partial / 'deeper').mkdir(parents=True)
  (partial / 'deeper' / 'nevis-train.tfrecord-00000-of-00002').write_bytes(b'\0' * 1000)
  demo_shapes.DemoShapes(data_dir=tmp_path).download_and_prepare()
  assert _leftovers(tmp_path) == []


def test_an_interrupted_download_is_removed_by_the_next(tmp_path, monkeypatch):
  """TFDS downloads into `<target>.tmp.<random>/`; a killed download left it for good."""
  url = food101._URL  # pylint: disable=protected-access
  dl_manager = tfds.download.DownloadManager(download_dir=tmp_path / 'downloads')
  target = dl_manager._get_dl_path(tfds.download.Resource(url=url))  # pylint: disable=protected-access
  partial = target.parent / f'{target.name}.tmp.0123456789abcdef'
  partial.mkdir(parents=True)
  (partial / 'food-101.tar.gz').write_bytes(b'\0' * 1000)
  (tmp_path / 'got').write_bytes(b'x')
  monkeypatch.setattr(tfds.download.DownloadManager, 'download', lambda self, url: tmp_path / 'got')
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')
  food101.Food101(data_dir=tmp_path / 'data').download(dl_manager, url)
  assert not partial.exists()


# ---------------------------------------------------------------------------- one message


def _mpeg7_zip(path: pathlib.Path, *, duplicate: bool = False) -> None:
  """MPEG7dataset.zip's layout: original/<class>-<n>.gif, 5 shapes of 8 classes."""
  buffer = io.BytesIO()
  Image.fromarray(np.full((6, 6), 200, np.uint8), 'L').save(buffer, 'GIF')
  with zipfile.ZipFile(path, 'w') as z:
    for name in mpeg7.CLASS_NAMES[:8]:
      for i in range(1, 6):
        z.writestr(f'original/{name}-{i}.gif', buffer.getvalue())
    if duplicate:
      z.writestr(f'original/{mpeg7.CLASS_NAMES[0]}-1.gif', buffer.getvalue())


def _build_mpeg7(tmp_path, capsys, monkeypatch) -> tuple[int, str]:
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')
  code = cli.main(['build', 'mpeg7', '--data_dir', os.fspath(tmp_path / 'data'),
                   '--manual_dir', os.fspath(tmp_path / 'manual')])
  return code, capsys.readouterr().err


def _one_message(err: str) -> str:
  lines = [line for line in err.splitlines() if line.startswith('nevis: ')]
  assert len(lines) == 1 and 'Traceback' not in err, err
  return lines[0]


def test_the_mpeg7_fake_builds_through_the_cli(tmp_path, capsys, monkeypatch):
  (tmp_path / 'manual').mkdir()
  _mpeg7_zip(tmp_path / 'manual' / 'MPEG7dataset.zip')
  code, err = _build_mpeg7(tmp_path, capsys, monkeypatch)
  assert code == 0, err


@pytest.mark.parametrize('damage', ['truncated', 'tiny', 'html'])
def test_a_corrupt_archive_read_in_place_is_one_message(tmp_path, capsys, monkeypatch, damage):
  (tmp_path / 'manual').mkdir()
  archive = tmp_path / 'manual' / 'MPEG7dataset.zip'
  _mpeg7_zip(archive)
  data = archive.read_bytes()
  archive.write_bytes({'truncated': data[:-200], 'tiny': data[:5], 'html': b'<html>'}[damage])
  code, err = _build_mpeg7(tmp_path, capsys, monkeypatch)
  message = _one_message(err)
  assert code == 2
  assert message.startswith('nevis: [mpeg7]') and os.fspath(archive) in message
  assert 'Delete it and build again' in message
  assert not (tmp_path / 'data' / 'nevis' / 'mpeg7' / '1.0.0').exists()


def test_a_duplicate_archive_member_is_one_message(tmp_path, capsys, monkeypatch):
  (tmp_path / 'manual').mkdir()
  _mpeg7_zip(tmp_path / 'manual' / 'MPEG7dataset.zip', duplicate=True)
  code, err = _build_mpeg7(tmp_path, capsys, monkeypatch)
  message = _one_message(err)
  assert code == 2
  assert "Two source examples have the key 'original/" in message
  assert os.fspath(tmp_path / 'manual' / 'MPEG7dataset.zip') in message  # What to delete.


def test_a_wrong_md5_is_one_message(tmp_path, capsys, monkeypatch):
  monkeypatch.delenv(downloads.SKIP_CHECKSUMS_ENV, raising=False)
  (tmp_path / 'manual').mkdir()
  _mpeg7_zip(tmp_path / 'manual' / 'MPEG7dataset.zip')
  code = cli.main(['build', 'mpeg7', '--data_dir', os.fspath(tmp_path / 'data'),
                   '--manual_dir', os.fspath(tmp_path / 'manual')])
  message = _one_message(capsys.readouterr().err)
  assert code == 2 and 'has md5' in message and downloads.SKIP_CHECKSUMS_ENV in message


def test_a_corrupt_extracted_archive_is_one_message(tmp_path, capsys, monkeypatch):
  (tmp_path / 'manual').mkdir()
  archive = tmp_path / 'manual' / 'coil-20-proc.zip'
  archive.write_bytes(b'PK\x03\x04 only the start of a zip')
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')
  code = cli.main(['build', 'coil20', '--data_dir', os.fspath(tmp_path / 'data'),
                   '--manual_dir', os.fspath(tmp_path / 'manual')])
  message = _one_message(capsys.readouterr().err)
  assert code == 2 and message.startswith('nevis: [coil20]')
  assert os.fspath(archive) in message and 'cannot be extracted' in message


def test_a_task_modules_corrupt_data_error_names_the_files_read(tmp_path, monkeypatch):
  """Task modules say 'delete it from the download dir'; the error adds which file that is."""
  monkeypatch.setenv(downloads.SKIP_CHECKSUMS_ENV, '1')
  (tmp_path / 'manual').mkdir()
  archive = tmp_path / 'manual' / 'coil-20-proc.zip'
  with zipfile.ZipFile(archive, 'w') as z:
    z.writestr('coil-20-proc/readme.txt', b'no images')

  class Broken(coil20.Coil20):

    def _examples(self, dl_manager):
      self.download(dl_manager, coil20._URL, extract=True)  # pylint: disable=protected-access
      raise toolkit.CorruptDataError(
          '[coil20] No images. Delete it from the download dir and build again.')

  with pytest.raises(toolkit.CorruptDataError) as error:
    Broken(data_dir=tmp_path / 'data').download_and_prepare(
        download_config=tfds.download.DownloadConfig(manual_dir=tmp_path / 'manual'))
  assert f'The build read: {archive} (from {coil20._URL})' in str(error.value)  # pylint: disable=protected-access


def test_an_unexpected_error_keeps_its_traceback(tmp_path, monkeypatch):
  def broken(self, dl_manager):
    raise RuntimeError('a bug in a task module')
    yield  # pylint: disable=unreachable

  monkeypatch.setattr(demo_shapes.DemoShapes, '_examples', broken)
  with pytest.raises(RuntimeError, match='a bug in a task module'):
    cli.main(['build', 'demo_shapes', '--data_dir', os.fspath(tmp_path)])


@pytest.mark.parametrize('options, problem', [
    ('runner=FnApiRuner', 'Unexpected pipeline runner: FnApiRuner'),
    ('runner=FnApiRunner,direct_num_wokers=2', 'Unknown Beam pipeline option(s) direct_num_wokers'),
    ('direct_num_workers=two', "argument --direct_num_workers: invalid int value: 'two'"),
])
def test_bad_beam_options_are_one_message_before_any_download(tmp_path, capsys, monkeypatch,
                                                               options, problem):
  requested = []
  monkeypatch.setattr(tfds.download.DownloadManager, 'download',
                      lambda self, url: requested.append(url))
  code = cli.main(['build', 'food101', '--data_dir', os.fspath(tmp_path),
                   f'--beam_pipeline_options={options}'])
  message = _one_message(capsys.readouterr().err)
  assert code == 2 and message.startswith('nevis: [food101]') and problem in message
  assert 'beam_pipeline_options' in message
  assert requested == []


def test_a_read_only_data_dir_is_one_message(tmp_path, capsys, monkeypatch):
  def read_only(*args, **kwargs):
    raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(tmp_path / 'nevis'))

  monkeypatch.setattr(locks, '_acquire', read_only)
  code = cli.main(['build', 'demo_shapes', '--data_dir', os.fspath(tmp_path)])
  message = _one_message(capsys.readouterr().err)
  assert code == 2 and message.startswith('nevis: [demo_shapes] Read-only file system')
  assert 'writable --data_dir' in message


def test_a_full_disk_while_writing_is_one_message_and_leaves_nothing(tmp_path, capsys,
                                                                     monkeypatch):
  """TFDS wraps TensorFlow's ENOSPC as RuntimeError('ResourceExhaustedError: ...')."""
  from tensorflow_datasets.core import writer  # pylint: disable=g-import-not-at-top
  original = writer.Writer.finalize

  def full(self):
    original(self)
    raise RuntimeError('ResourceExhaustedError: Failed to finalize writing of split "train": '
                       f'{tmp_path}/x; No space left on device')

  monkeypatch.setattr(writer.Writer, 'finalize', full)
  code = cli.main(['build', 'demo_shapes', '--data_dir', os.fspath(tmp_path)])
  message = _one_message(capsys.readouterr().err)
  assert code == 2 and message.startswith('nevis: [demo_shapes] No space left on device')
  assert 'Free space on that disk' in message
  assert _leftovers(tmp_path) == [] and not (_task_dir(tmp_path) / '1.0.0').exists()


def test_a_really_full_disk(tmp_path, capsys):
  """On a 1 MiB tmpfs where the system allows mounting one (root); skipped elsewhere."""
  mount = tmp_path / 'small'
  mount.mkdir()
  done = subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', os.fspath(mount)],
                        capture_output=True, check=False)
  if done.returncode:
    pytest.skip('cannot mount a small tmpfs here')
  try:
    code = cli.main(['build', 'demo_shapes', '--data_dir', os.fspath(mount / 'data')])
    message = _one_message(capsys.readouterr().err)
    assert code == 2 and 'No space left on device' in message
    assert _leftovers(mount / 'data') == []
  finally:
    subprocess.run(['umount', os.fspath(mount)], check=False)


# ---------------------------------------------------------------------------- zip bombs


def test_a_zip_member_declaring_more_than_the_cap_is_never_decompressed(tmp_path, monkeypatch):
  archive = tmp_path / 'bomb.zip'
  with zipfile.ZipFile(archive, 'w', compression=zipfile.ZIP_DEFLATED) as z:
    z.writestr('bomb.png', bytes(64 * 2**20))  # 64 MiB of zeros in ~64 KiB.
  monkeypatch.setenv(archives.MAX_IMAGE_BYTES_ENV, str(2**20))
  monkeypatch.setattr(zipfile.ZipFile, 'open', lambda *a, **k: pytest.fail('decompressed'))
  member, = archives.zip_members(archive)
  with pytest.raises(archives.CorruptArchiveError, match=r'67,108,864 bytes.*NEVIS_MAX_IMAGE'):
    member.read()
  with pytest.raises(toolkit.images.CorruptImageError, match='67,108,864 bytes'):
    toolkit.images.encode_image(member, grayscale=False)  # Skipped like an undecodable image.


def test_the_default_cap_reads_real_sizes_and_refuses_a_2_gib_member(tmp_path):
  assert archives.max_image_bytes({}) == archives.DEFAULT_MAX_IMAGE_BYTES >= 100 * 2**20
  with pytest.raises(archives.CorruptArchiveError):
    archives.check_image_size(2 * 2**30, 'bomb.png')
  with pytest.raises(ValueError, match='NEVIS_MAX_IMAGE_BYTES'):
    archives.max_image_bytes({archives.MAX_IMAGE_BYTES_ENV: 'lots'})


def test_an_oversized_image_file_is_skipped_without_reading_it(tmp_path, monkeypatch):
  path = tmp_path / 'huge.png'
  path.write_bytes(bytes(3 * 2**20))
  monkeypatch.setenv(archives.MAX_IMAGE_BYTES_ENV, str(2**20))
  with pytest.raises(toolkit.images.CorruptImageError, match='3,145,728 bytes'):
    toolkit.images.encode_image(path, grayscale=False)
