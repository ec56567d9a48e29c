"""Overlap audit throughput: the Beam pipeline against a single-process all-pairs loop.

For each size, two prepared tasks of planted duplicates (`beam_pipelines.overlap_testing`) are
audited by `beam_pipelines.overlap` on FnApiRunner with two worker processes, and by a loop in
this process that reads and hashes the same images and compares every evaluation image with
every training image. Printed per size: images/s of both, their ratio, and the loop's compare
phase alone, so the quadratic growth of the loop and the linear growth of the pipeline show.
Each figure is the median of `--repeats` interleaved runs, with its range.
`--planted` also prints the recall and precision on the planted copies, and the distribution of
Hamming distances between planted copies and between distinct images.

  python -m bench.overlap_throughput [--sizes 5000,20000] [--repeats 3] [--planted]
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import tempfile
import time

import numpy as np

from beam_pipelines import overlap
from beam_pipelines import overlap_testing
from beam_pipelines import prepared

_BEAM = 'runner=FnApiRunner,direct_num_workers=2,direct_running_mode=multi_processing'


def pipeline_seconds(data_dir: pathlib.Path, output: pathlib.Path) -> float:
  start = time.perf_counter()
  status = overlap.main(['--tasks', 'planted_a,planted_b', '--data_dir', str(data_dir),
                         '--output_dir', str(output), f'--beam_pipeline_options={_BEAM}'])
  assert status == 0
  return time.perf_counter() - start


def loop_seconds(data_dir: pathlib.Path) -> tuple[float, float, int]:
  """(total, compare phase, pairs within the distance) of the one-process all-pairs audit."""
  start = time.perf_counter()
  tasks, _ = prepared.prepared_tasks(['planted_a', 'planted_b'], data_dir)
  training, evaluation = [], []
  for task in tasks:
    for shard in task.shards:
      for record in prepared.read_shard(shard):
        side = training if record.split in prepared.TRAINING_SPLITS else evaluation
        side.append(overlap.perceptual_hash(record.image))
  compare = time.perf_counter()
  targets = np.array(training, np.uint64)
  found = 0
  for value in evaluation:
    found += int((overlap.popcount(targets ^ np.uint64(value))
                  <= overlap.DEFAULT_MAX_DISTANCE).sum())
  end = time.perf_counter()
  return end - start, end - compare, found


def spread(values: list[float]) -> str:
  return f'{statistics.median(values):.2f} ({min(values):.2f}..{max(values):.2f})'


def distances(data_dir: pathlib.Path, copies: list[overlap_testing.Planted]) -> None:
  """Hamming distances of planted copies to their originals, and among distinct images."""
  tasks, _ = prepared.prepared_tasks(['planted_a', 'planted_b'], data_dir)
  by_digest = {}
  for task in tasks:
    for shard in task.shards:
      for record in prepared.read_shard(shard):
        by_digest[record.task, record.split, overlap_testing.digest(record.image)] = (
            overlap.perceptual_hash(record.image))
  for variant in overlap_testing.VARIANTS:
    d = [bin(by_digest[c.evaluation] ^ by_digest[c.training]).count('1')
         for c in copies if c.variant == variant]
    print(f'  {variant:>13}: distance median {np.median(d):.0f}, max {max(d)}')
  planted = {c.evaluation for c in copies} | {c.training for c in copies}
  distinct = np.array([h for key, h in by_digest.items() if key not in planted], np.uint64)
  closest = min(int(overlap.popcount(distinct[i + 1:] ^ distinct[i]).min())
                for i in range(len(distinct) - 1))
  print(f'  distinct images: {len(distinct)}, closest pair {closest} bits apart')


def main() -> None:
  parser = argparse.ArgumentParser(description=__doc__)
  parser.add_argument('--sizes', default='5000,20000')
  parser.add_argument('--repeats', type=int, default=3)
  parser.add_argument('--planted', action='store_true')
  parser.add_argument('--workdir', default=None)
  args = parser.parse_args()
  repo = pathlib.Path(__file__).parents[1]
  os.environ['PYTHONPATH'] = os.pathsep.join(filter(None, [str(repo),
                                                           os.environ.get('PYTHONPATH')]))
  work = pathlib.Path(args.workdir or tempfile.mkdtemp(prefix='overlap_bench_'))
  sizes = [int(size) for size in args.sizes.split(',')]
  results = {}
  for size in sizes:
    data_dir = work / f'data_{size}'
    # Two tasks of size/2 images each; 1% of them planted copies.
    copies = overlap_testing.plant(data_dir, distinct=size // 2,
                                   copies=max(1, size // 2 // 100 // 5))
    total = sum(task.num_examples(split) for task in
                prepared.prepared_tasks(['planted_a', 'planted_b'], data_dir)[0]
                for split in prepared.SPLITS)
    beam, loop, compare = [], [], []
    for repeat in range(args.repeats):
      beam.append(pipeline_seconds(data_dir, work / f'report_{size}_{repeat}'))
      seconds, compare_seconds, _ = loop_seconds(data_dir)
      loop.append(seconds)
      compare.append(compare_seconds)
    results[size] = (total, beam, loop, compare)
    print(f'{total} images: pipeline {spread(beam)} s = {total / statistics.median(beam):.0f} '
          f'images/s; all-pairs loop {spread(loop)} s = {total / statistics.median(loop):.0f} '
          f'images/s (compare phase {spread(compare)} s); loop/pipeline time '
          f'{statistics.median(loop) / statistics.median(beam):.2f}', flush=True)
    if args.planted:
      report_dir = work / f'report_{size}_0'
      findings = [json.loads(line) for line in
                  (report_dir / 'findings.jsonl').read_text().splitlines()]
      tasks, _ = prepared.prepared_tasks(['planted_a', 'planted_b'], data_dir)
      print('  recall/precision:', overlap_testing.score(findings, copies, tasks))
      distances(data_dir, copies)
  if len(sizes) > 1:
    small, big = sizes[0], sizes[-1]
    n = results[big][0] / results[small][0]

    def grow(i: int) -> float:
      return statistics.median(results[big][i]) / statistics.median(results[small][i])
    print(f'{n:.1f}x the images: pipeline time x{grow(1):.2f}, loop time x{grow(2):.2f}, '
          f'loop compare phase x{grow(3):.2f} (linear: x{n:.1f}, quadratic: x{n * n:.1f})')


if __name__ == '__main__':
  main()
