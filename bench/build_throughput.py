"""Build throughput: a task of 10,000+ JPEGs built from a local zip, against an I/O floor.

The floor is what any correct build must do at least, measured in the same run: one process
reads every member of the archive, fully decodes each image once (the check every build does)
and writes the original bytes out. The I/O-only time (read and write, no decode) is printed for
information. The last line is the ratio of the nevis build time to the floor (target <= 1.0;
the build may use every core).

  python -m bench.build_throughput [--images 10000] [--repeats 3] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import io
import os
import pathlib
import statistics
import tempfile
import time
import zipfile

import numpy as np
from PIL import Image

from nevis_datasets import toolkit
from nevis_datasets.tasks.demo_shapes import demo_shapes


def make_archive(path: pathlib.Path, num_images: int) -> None:
  """Writes `num_images` small JPEGs (48..128 px, 4 classes) into a zip, stored uncompressed."""
  rng = np.random.default_rng(0)
  with zipfile.ZipFile(path, 'w', compression=zipfile.ZIP_STORED) as archive:
    for i in range(num_images):
      h, w = rng.integers(48, 129, size=2)
      base = rng.integers(0, 256, size=(h // 8 + 1, w // 8 + 1, 3), dtype=np.uint8)
      pixels = np.kron(base, np.ones((8, 8, 1), np.uint8))[:h, :w]  # Blocky: JPEG-like sizes.
      buffer = io.BytesIO()
      Image.fromarray(pixels).save(buffer, 'JPEG', quality=90)
      archive.writestr(f'images/class_{i % 4}/{i:06d}.jpg', buffer.getvalue())


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


def main() -> None:
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument('--images', type=int, default=10_000)
  parser.add_argument('--workdir', type=pathlib.Path, default=None)
  parser.add_argument('--repeats', type=int, default=3)
  args = parser.parse_args()
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
    print(f'build / floor ratio (target <= 1.0): {build / floor:.2f}')


if __name__ == '__main__':
  main()
