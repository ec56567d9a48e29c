"""Input throughput of the JAX baselines: the Grain pipeline against the tf.data one.

Both read a task through the learner's own access (`TrainingData.data_source` for Grain,
`TrainingData.dataset` for tf.data), with the same preprocessing, batch size and image size:

* train: endless augmented batches (`train_batches`: shuffle, Inception crop, resize, flip,
  [-1, 1]); a fresh pipeline per repeat, timed over `--batches` batches after `--warmup` (more
  than an epoch of the demo task, so both have filled their in-memory cache);
* train, with Grain's worker processes (`--workers`; their start, a few seconds, falls in the
  warm-up batches);
* eval: one pass of `eval_batches` over the train split (central crop, resize).

Two tasks: demo_shapes (676 PNGs of 32 px, held in memory by both pipelines) and a task of
`--images` JPEGs of 48-128 px (`bench.build_throughput`'s archive; larger than the shuffle
buffer, so both decode every image every epoch). The pipelines alternate within each repeat;
printed: images/s, medians of the repeats (min..max), and each median over tf.data's.

  python -m bench.grain_throughput [--batch 64] [--image_size 64] [--batches 100]
                                   [--images 10000] [--repeats 5] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator

import tensorflow_datasets as tfds

from baselines_jax import grain_pipeline
from baselines_jax import input_pipeline
from bench import build_throughput
from nevis_bench import environment
from nevis_bench import learner as learner_lib
from nevis_datasets import cli as datasets_cli
from nevis_datasets import formats
from nevis_streams import events as events_lib

Pipelines = dict[str, Callable[[], Iterator[dict]]]


def _spread(values: list[float]) -> str:
  return f'{statistics.median(values):7.0f} ({min(values):.0f}..{max(values):.0f})'


def _training_data(builder: tfds.core.DatasetBuilder) -> learner_lib.TrainingData:
  info = environment.task_info(builder)
  return learner_lib.TrainingData(builder, info, events_lib.TRAINING_SPLITS,
                                  events_lib.TrainingEvent(info.task_id))


def _images_per_second(batches: Iterator[dict], count: int | None, warmup: int) -> float:
  """Images/s of `count` batches (all, if None) after `warmup` untimed ones."""
  for _ in range(warmup):
    next(batches)
  images, start = 0, time.perf_counter()
  for i, batch in enumerate(batches):
    images += len(batch['image'])
    if count is not None and i + 1 == count:
      break
  return images / (time.perf_counter() - start)


def _pipelines(data: learner_lib.TrainingData, args: argparse.Namespace
               ) -> dict[str, tuple[Pipelines, int | None, int]]:
  """{kind: ({pipeline: make its batches}, batches timed, warm-up batches)}."""
  size, batch = args.image_size, args.batch
  train = {
      'tf.data': lambda: input_pipeline.train_batches(data, 'train', batch, seed=0,
                                                      image_size=size),
      'grain': lambda: grain_pipeline.train_batches(data.data_source('train'), 'label', batch,
                                                    seed=0, image_size=size),
      f'grain, {args.workers} processes': lambda: grain_pipeline.train_batches(
          data.data_source('train'), 'label', batch, seed=0, image_size=size,
          workers=args.workers),
  }
  evaluate = {
      'tf.data': lambda: input_pipeline.eval_batches(data.dataset('train'), batch,
                                                     image_size=size),
      'grain': lambda: grain_pipeline.eval_batches(data.data_source('train'), batch,
                                                   image_size=size),
  }
  return {'train': (train, args.batches, args.warmup), 'eval': (evaluate, None, 1)}


def _measure(title: str, builder: tfds.core.DatasetBuilder, args: argparse.Namespace) -> None:
  data = _training_data(builder)
  print(f'\n{title}: {data.num_examples("train")} train examples; batch {args.batch}, '
        f'{args.image_size} px; images/s, medians of {args.repeats} (min..max)')
  for kind, (pipelines, count, warmup) in _pipelines(data, args).items():
    for make in pipelines.values():  # Warm TF, Grain, the page cache, and tf.data's cache.
      _images_per_second(make(), count, warmup)
    rates: dict[str, list[float]] = {name: [] for name in pipelines}
    for _ in range(args.repeats):
      for name, make in pipelines.items():
        rates[name].append(_images_per_second(make(), count, warmup))
    base = statistics.median(rates['tf.data'])
    for name, values in rates.items():
      ratio = '' if name == 'tf.data' else f'  x{statistics.median(values) / base:.2f} tf.data'
      print(f'  {kind:5s} {name:20s} {_spread(values)}{ratio}')


def main() -> None:
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument('--batch', type=int, default=64)
  parser.add_argument('--image_size', type=int, default=64)
  parser.add_argument('--batches', type=int, default=100, help='timed train batches a repeat')
  parser.add_argument('--warmup', type=int, default=15, help='untimed train batches first')
  parser.add_argument('--images', type=int, default=10_000,
                      help='JPEGs of the larger task (about 57 in 100 go to train)')
  parser.add_argument('--repeats', type=int, default=5)
  parser.add_argument('--workers', type=int, default=2,
                      help='worker processes of the multiprocess Grain train pipeline')
  parser.add_argument('--workdir', type=pathlib.Path, default=None)
  args = parser.parse_args()
  tfds.disable_progress_bar()
  print(f'{os.cpu_count()} cores; Grain {grain_pipeline.READ_OPTIONS}')
  with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
    tmp = pathlib.Path(tmp)
    datasets_cli.build_demo_tasks(str(tmp / 'demo'))
    _measure('demo_shapes', tfds.builder('nevis/demo_shapes', data_dir=tmp / 'demo'), args)
    if args.images:
      archive = tmp / 'images.zip'
      build_throughput.make_archive(archive, args.images)
      build_throughput.ArchiveTask.ARCHIVE = archive
      builder = build_throughput.ArchiveTask(data_dir=tmp / 'jpegs')
      builder.download_and_prepare()
      formats.add_array_record(builder)
      _measure(f'{args.images} JPEGs of 48-128 px', builder, args)


if __name__ == '__main__':
  main()
