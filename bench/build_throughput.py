"""Build throughput: a task of 10,000+ JPEGs built from a local zip, against an I/O floor.

The floor is what any correct build must do at least, measured in the same run: one process
reads every member of the archive, fully decodes each image once (the check every build does)
and writes the original bytes out. The I/O-only time (read and write, no decode) is printed for
information. The last line is the ratio of the nevis build time to the floor (target <= 1.0;
the build may use every core).

`--mode targz` measures a Beam task built the way a user builds it on one machine: food101's
layout (`food-101/images/<class>/<id>.jpg`, `food-101/meta/{train,test}.txt`) in a local
`food-101.tar.gz`, built by the whole `nevis build food101` command (default runner), at two
sizes (`--small` and `--images`). Its floor streams the tar.gz once, decodes each JPEG and
writes the bytes out. Printed: the marginal cost per image of the build over the floor's
((build(big) - build(small)) / (floor(big) - floor(small)), target <= 1.2), and the fixed cost
of the command beyond its floor at the small size, with the imports' share.

  python -m bench.build_throughput [--images 10000] [--repeats 5] [--workdir DIR]
  python -m bench.build_throughput --mode targz [--images 10100] [--small 1010] [--repeats 5]
"""

from __future__ import annotations

import argparse
import io
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile

import numpy as np
from PIL import Image

from nevis_datasets import toolkit
from nevis_datasets.tasks.demo_shapes import demo_shapes
from nevis_datasets.toolkit import downloads
from nevis_datasets.toolkit.sources import food101 as food101_source


def _jpeg(rng: np.random.Generator) -> bytes:
  """A small JPEG (48..128 px a side) of blocky noise: JPEG-like sizes."""
  h, w = rng.integers(48, 129, size=2)
  base = rng.integers(0, 256, size=(h // 8 + 1, w // 8 + 1, 3), dtype=np.uint8)
  pixels = np.kron(base, np.ones((8, 8, 1), np.uint8))[:h, :w]
  buffer = io.BytesIO()
  Image.fromarray(pixels).save(buffer, 'JPEG', quality=90)
  return buffer.getvalue()


def make_archive(path: pathlib.Path, num_images: int) -> None:
  """Writes `num_images` small JPEGs (4 classes) into a zip, stored uncompressed."""
  rng = np.random.default_rng(0)
  with zipfile.ZipFile(path, 'w', compression=zipfile.ZIP_STORED) as archive:
    for i in range(num_images):
      archive.writestr(f'images/class_{i % 4}/{i:06d}.jpg', _jpeg(rng))


def make_food101(path: pathlib.Path, num_images: int) -> None:
  """food-101.tar.gz in the real layout: `num_images` JPEGs over the 101 classes, 3/4 train."""
  rng = np.random.default_rng(0)
  classes = food101_source.CLASS_NAMES
  entries = [f'{classes[i % len(classes)]}/{100000 + i}' for i in range(num_images)]
  lists = {'train': entries[:num_images * 3 // 4], 'test': entries[num_images * 3 // 4:]}

  def add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))

  with tarfile.open(path, 'w:gz') as archive:
    for entry in entries:
      add(archive, f'food-101/images/{entry}.jpg', _jpeg(rng))
    for split, names in lists.items():
      add(archive, f'food-101/meta/{split}.txt', ''.join(f'{n}\n' for n in names).encode())


def floor_targz_seconds(archive_path: pathlib.Path, out_path: pathlib.Path) -> float:
  """One process: stream the tar.gz once, decode each JPEG fully, write its bytes out."""
  start = time.perf_counter()
  with tarfile.open(archive_path, 'r|gz') as archive, open(out_path, 'wb') as out:
    for member in archive:
      if not member.isfile():
        continue
      data = archive.extractfile(member).read()
      if member.name.endswith('.jpg'):
        with Image.open(io.BytesIO(data)) as image:
          image.load()
      out.write(data)
  return time.perf_counter() - start


def command_seconds(command: list[str], env: dict[str, str] | None = None) -> float:
  start = time.perf_counter()
  subprocess.run(command, check=True, capture_output=True, env=env)
  return time.perf_counter() - start


def floor_seconds(archive_path: pathlib.Path, out_path: pathlib.Path, decode: bool) -> float:
  """One process: read every member, (decode it fully), write the original bytes out."""
  start = time.perf_counter()
  with zipfile.ZipFile(archive_path) as archive, open(out_path, 'wb') as out:
    for info in archive.infolist():
      if info.is_dir():
        continue
      data = archive.read(info)
      if decode:
        with Image.open(io.BytesIO(data)) as image:
          image.load()
      out.write(data)
  return time.perf_counter() - start


class ArchiveTask(demo_shapes.DemoShapes):
  """demo_shapes' config and classes, fed from the benchmark archive instead of drawn."""

  __module__ = 'bench.build_throughput'  # TFDS locates a builder's folder by its module.
  ARCHIVE: pathlib.Path

  def _examples(self, dl_manager):
    del dl_manager
    for member in toolkit.archives.zip_members(self.ARCHIVE):
      label = int(member.name.split('/')[1].removeprefix('class_'))
      yield toolkit.Example(key=member.name, image=member, label=label)


def build_seconds(archive_path: pathlib.Path, data_dir: pathlib.Path) -> tuple[float, int]:
  ArchiveTask.ARCHIVE = archive_path
  builder = ArchiveTask(data_dir=data_dir)
  start = time.perf_counter()
  builder.download_and_prepare()
  elapsed = time.perf_counter() - start
  return elapsed, sum(s.num_examples for s in builder.info.splits.values())


def _spread(values: list[float]) -> str:
  return f'{statistics.median(values):.2f} ({min(values):.2f}..{max(values):.2f})'


def main_targz(args: argparse.Namespace) -> None:
  """Beam task, tar.gz source, whole command: marginal cost per image and fixed cost."""
  nevis = str(pathlib.Path(sys.executable).with_name('nevis'))
  env = {**os.environ, downloads.SKIP_CHECKSUMS_ENV: '1'}
  with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
    tmp = pathlib.Path(tmp)
    manual = {}
    for size in (args.small, args.images):
      manual[size] = tmp / f'manual{size}'
      manual[size].mkdir()
      make_food101(manual[size] / 'food-101.tar.gz', size)
    print(f'food-101.tar.gz: {args.small} and {args.images} JPEGs; {os.cpu_count()} cores')

    def build(size: int, repeat: int) -> float:
      data_dir = tmp / f'data{size}-{repeat}'
      seconds = command_seconds([nevis, 'build', 'food101', '--data_dir', str(data_dir),
                                 '--manual_dir', str(manual[size])], env)
      shutil.rmtree(data_dir)  # Its download dir too: every build extracts again.
      return seconds

    # What the command imports before it builds (it writes without TensorFlow or Beam).
    imports = [sys.executable, '-c',
               'import nevis_bench.cli, tensorflow_datasets.scripts.cli.build']
    build(args.small, -1)  # Warm the page cache and the interpreter's files.
    times: dict[str, list[float]] = {k: [] for k in ('floor_small', 'floor_big', 'build_small',
                                                     'build_big', 'imports')}
    for repeat in range(args.repeats):
      times['floor_small'].append(floor_targz_seconds(manual[args.small] / 'food-101.tar.gz',
                                                      tmp / 'floor.bin'))
      times['floor_big'].append(floor_targz_seconds(manual[args.images] / 'food-101.tar.gz',
                                                    tmp / 'floor.bin'))
      times['build_small'].append(build(args.small, repeat))
      times['build_big'].append(build(args.images, repeat))
      times['imports'].append(command_seconds(imports))
    median = {k: statistics.median(v) for k, v in times.items()}
    marginal = [(bb - bs) / (fb - fs) for bb, bs, fb, fs in zip(
        times['build_big'], times['build_small'], times['floor_big'], times['floor_small'])]
    fixed = [b - f for b, f in zip(times['build_small'], times['floor_small'])]
    after_imports = [x - i for x, i in zip(fixed, times['imports'])]
    print(f'medians of {args.repeats} interleaved runs (min..max), seconds:')
    for key in times:
      print(f'  {key:12s} {_spread(times[key])}')
    extra = args.images - args.small
    per_build = (median['build_big'] - median['build_small']) / extra
    per_floor = (median['floor_big'] - median['floor_small']) / extra
    print(f'per image: build {per_build * 1e3:.3f} ms, floor {per_floor * 1e3:.3f} ms')
    print(f'fixed cost of the whole command beyond its floor ({args.small} images, target <= 5 s): '
          f'{_spread(fixed)} s; after imports (target <= 3 s): {_spread(after_imports)} s')
    print(f'marginal cost per image, build / floor (target <= 1.2): {_spread(marginal)}')


def main() -> None:
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument('--mode', choices=('zip', 'targz'), default='zip')
  parser.add_argument('--images', type=int, default=None,
                      help='images (zip: 10000; targz: the larger size, 10100)')
  parser.add_argument('--small', type=int, default=1010, help='targz: the smaller size')
  parser.add_argument('--workdir', type=pathlib.Path, default=None)
  parser.add_argument('--repeats', type=int, default=5)
  args = parser.parse_args()
  if args.mode == 'targz':
    args.images = args.images or 10_100
    main_targz(args)
    return
  args.images = args.images or 10_000
  with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
    tmp = pathlib.Path(tmp)
    archive = tmp / 'images.zip'
    make_archive(archive, args.images)
    print(f'archive: {args.images} JPEGs, {archive.stat().st_size / 2**20:.1f} MiB; '
          f'{os.cpu_count()} cores')
    build_seconds(archive, tmp / 'warmup')  # Warm imports, TF, the worker pool, the page cache.
    # Interleaved repeats, medians: this machine's timings vary by about 10% run to run.
    times: dict[str, list[float]] = {'io_only': [], 'floor': [], 'build': []}
    for repeat in range(args.repeats):
      times['io_only'].append(floor_seconds(archive, tmp / 'io_only.bin', decode=False))
      times['floor'].append(floor_seconds(archive, tmp / 'floor.bin', decode=True))
      seconds, examples = build_seconds(archive, tmp / f'data{repeat}')
      assert examples == args.images, (examples, args.images)
      times['build'].append(seconds)
    io_only, floor, build = (statistics.median(times[k]) for k in ('io_only', 'floor', 'build'))
    print(f'medians of {args.repeats} runs; builds: '
          + ', '.join(f'{t:.2f}' for t in times['build']) + ' s; floors: '
          + ', '.join(f'{t:.2f}' for t in times['floor']) + ' s')
    print(f'I/O only (read + write):          {io_only:7.2f} s')
    print(f'floor (read + decode + write):    {floor:7.2f} s')
    print(f'nevis build:                      {build:7.2f} s')
    print(f'build / I/O-only ratio (info):    {build / io_only:7.2f}')
    ratios = [b / f for b, f in zip(times['build'], times['floor'])]
    print(f'build / floor ratio of each interleaved run (target <= 1.0): {_spread(ratios)}')
    print(f'build / floor ratio of the medians (target <= 1.0): {build / floor:.2f}')


if __name__ == '__main__':
  main()
