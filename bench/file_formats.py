"""What ArrayRecord beside the TFRecords costs, and what each format reads at.

On the build benchmark's task (10,000 JPEGs in a local zip, `bench.build_throughput`), built
both ways in interleaved repeats:

* build: `download_and_prepare()` (TFRecord only) against `file_format='array_record'` (the
  same build, then the ArrayRecord copy of `toolkit.file_formats`): the extra seconds, and
  their share of the build; the bytes on disk of each format;
* read, examples/s over the train split with images decoded: tf.data (`as_dataset`, files in
  order, as `tfds.load` reads them) against random access (`as_data_source`) in a shuffled
  order (Grain's and a DataLoader's access pattern), in batches through `__getitems__`, and
  in order.

Printed: medians of the repeats with their range (min..max); the ratios come from the medians.

  python -m bench.file_formats [--images 10000] [--repeats 5] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import tempfile
import time

import numpy as np
import tensorflow_datasets as tfds

from bench import build_throughput

_BATCH = 256


def _spread(values: list[float], digits: int = 2) -> str:
  median, low, high = statistics.median(values), min(values), max(values)
  return f'{median:.{digits}f} ({low:.{digits}f}..{high:.{digits}f})'


def _build(archive: pathlib.Path, data_dir: pathlib.Path, file_format: str | None
           ) -> tuple[float, tfds.core.DatasetBuilder]:
  build_throughput.ArchiveTask.ARCHIVE = archive
  builder = build_throughput.ArchiveTask(data_dir=data_dir, file_format=file_format)
  start = time.perf_counter()
  builder.download_and_prepare()
  return time.perf_counter() - start, builder


def _bytes(version_dir: pathlib.Path, suffix: str) -> int:
  return sum(p.stat().st_size for p in version_dir.glob(f'*.{suffix}-*'))


def _read_tf_data(builder: tfds.core.DatasetBuilder) -> tuple[float, int]:
  ds = builder.as_dataset('train', shuffle_files=False,
                          read_config=tfds.ReadConfig(try_autocache=False))
  start = time.perf_counter()
  count = sum(1 for _ in tfds.as_numpy(ds))
  return time.perf_counter() - start, count


def _read_random_access(builder: tfds.core.DatasetBuilder, shuffled: bool) -> tuple[float, int]:
  source = builder.as_data_source('train')
  order = np.random.default_rng(0).permutation(len(source)) if shuffled else np.arange(
      len(source))
  start = time.perf_counter()
  count = 0
  for begin in range(0, len(order), _BATCH):
    count += len(source.__getitems__(order[begin:begin + _BATCH].tolist()))
  return time.perf_counter() - start, count


def main() -> None:
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument('--images', type=int, default=10_000)
  parser.add_argument('--repeats', type=int, default=5)
  parser.add_argument('--workdir', type=pathlib.Path, default=None)
  args = parser.parse_args()
  with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
    tmp = pathlib.Path(tmp)
    archive = tmp / 'images.zip'
    build_throughput.make_archive(archive, args.images)
    print(f'archive: {args.images} JPEGs, {archive.stat().st_size / 2**20:.1f} MiB; '
          f'{os.cpu_count()} cores')
    _build(archive, tmp / 'warmup', None)  # Imports, TF, the worker pool, the page cache.
    builds: dict[str, list[float]] = {'tfrecord': [], 'both': []}
    builder = None
    for repeat in range(args.repeats):
      builds['tfrecord'].append(_build(archive, tmp / f'tfrecord{repeat}', None)[0])
      seconds, builder = _build(archive, tmp / f'both{repeat}', 'array_record')
      builds['both'].append(seconds)
    extra = [b - t for t, b in zip(builds['tfrecord'], builds['both'])]
    version_dir = pathlib.Path(builder.data_dir)
    tfrecord_bytes, array_record_bytes = (_bytes(version_dir, s)
                                          for s in ('tfrecord', 'array_record'))
    print(f'build, TFRecord only:             {_spread(builds["tfrecord"])} s')
    print(f'build, TFRecord + ArrayRecord:    {_spread(builds["both"])} s')
    print(f'extra for ArrayRecord:            {_spread(extra)} s = '
          f'{statistics.median(extra) / statistics.median(builds["tfrecord"]):.1%} of the build')
    print(f'disk: TFRecord {tfrecord_bytes / 2**20:.1f} MiB, ArrayRecord '
          f'{array_record_bytes / 2**20:.1f} MiB (x{array_record_bytes / tfrecord_bytes:.3f}); '
          f'the zip: {archive.stat().st_size / 2**20:.1f} MiB')

    reads: dict[str, list[float]] = {'tf.data': [], 'random access, shuffled': [],
                                     'random access, in order': []}
    _read_tf_data(builder)  # Warm the page cache and tf.data.
    for _ in range(args.repeats):
      for name, read in (('tf.data', lambda: _read_tf_data(builder)),
                         ('random access, shuffled', lambda: _read_random_access(builder, True)),
                         ('random access, in order', lambda: _read_random_access(builder, False))):
        seconds, count = read()
        reads[name].append(count / seconds)
    print(f'read the train split ({count} examples, images decoded), examples/s:')
    for name, rates in reads.items():
      print(f'  {name:26s} {_spread(rates, 0)}')
    tf_data = statistics.median(reads['tf.data'])
    for name in ('random access, shuffled', 'random access, in order'):
      print(f'{name} / tf.data: {statistics.median(reads[name]) / tf_data:.2f}')


if __name__ == '__main__':
  main()
