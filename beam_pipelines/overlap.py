"""A duplicate audit of a stream: evaluation images that are copies of training images.

  python -m beam_pipelines.overlap --stream full --data_dir ~/tensorflow_datasets \\
      --beam_pipeline_options=runner=FnApiRunner,direct_num_workers=2,direct_running_mode=multi_processing

A `test`/`dev_test` image that is a near copy of a `train`/`dev` image of its own task inflates
every score; one that copies a training image of a task earlier in the stream inflates forward
transfer, the very thing NEVIS measures. For every prepared task of the stream this reports:

(a) within a task, evaluation images that duplicate the task's own training images;
(b) across tasks, evaluation images that duplicate a training image of an earlier task, per task
    pair and per stream position;
(c) exact byte duplicates (the same encoded file), separately.

How: every image is converted to 8-bit grayscale (the same normalisation for every task, so a
grey copy of a colour image is found) and hashed with `imagehash.phash` (64 bits). Two images
are near duplicates when their hashes differ in at most `--max_distance` bits. Candidates come
from exact matches on `max_distance + 1` bands of the hash (pigeonhole: two hashes within the
distance agree on at least one band), so the join is a `GroupByKey` on band values whose cost
grows with the number of distinct hashes, not its square; each candidate is confirmed by the
full Hamming distance. Identical hashes (blank images, copies) are grouped once beforehand, so a
hash is banded once however many images share it.

Default distance 4, measured on 2,000 distinct 96x96 1/f-noise colour images (natural-image
spectra) and their copies (`bench/overlap_throughput.py --planted`): re-encoded JPEGs
(quality 60-90) differ by at most 4 bits, resized copies (0.5x, 1.5x) by at most 2, while the
closest of the 2 million distinct pairs differ by 12. Crops move more bits (3% off each side: up
to 10); raise `--max_distance` to find them, at the cost of shorter bands and more candidates.

Outputs, in `--output_dir` (default `<data_dir>/nevis_reports/overlap/<stream>`): `overlap.json`
(every count and example pairs), `findings.jsonl` (every flagged evaluation image with the
training image it copies), `overlap.md` (the summary), `pairs.png` (a grid of examples).
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import hashlib
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from etils import epath
import numpy as np

from beam_pipelines import launch
from beam_pipelines import prepared
from nevis_datasets import errors

HASH_BITS = 64
DEFAULT_MAX_DISTANCE = 4
EXAMPLES_PER_PAIR = 4  # Example pairs kept per (kind, evaluation task, training task).
GRID_PAIRS = 16


@dataclasses.dataclass(frozen=True)
class Image:
  """What the audit keeps of one image: where it is, its role and its hashes."""

  task: str
  position: int
  split: str
  index: int
  phash: int
  digest: str  # Of the encoded bytes: exact duplicates.

  @property
  def training(self) -> bool:
    return self.split in prepared.TRAINING_SPLITS

  @property
  def ref(self) -> tuple[str, str, int]:
    return self.task, self.split, self.index


@dataclasses.dataclass(frozen=True)
class Node:
  """The images that share one hash: the training tasks among them, and the evaluation images.

  `training` maps a task to (its position, images of it with this hash, one of them).
  """

  phash: int
  training: Mapping[str, tuple[int, int, tuple[str, str, int]]]
  evaluation: tuple[Image, ...]


@dataclasses.dataclass(frozen=True)
class Finding:
  """An evaluation image and the nearest training image of one task that it duplicates."""

  kind: str  # 'within' (its own task), 'across' (an earlier task) or their 'exact_' forms.
  evaluation: tuple[str, str, int]
  position: int
  training_task: str
  training: tuple[str, str, int]
  distance: int


def bands(max_distance: int) -> list[int]:
  """The bit masks of the `max_distance + 1` bands of a hash, as equal as can be."""
  count = max_distance + 1
  if not 0 < count <= HASH_BITS:
    raise ValueError(f'max_distance must be in [0, {HASH_BITS - 1}], not {max_distance}.')
  edges = np.linspace(0, HASH_BITS, count + 1).round().astype(int)
  return [((1 << int(hi - lo)) - 1) << int(lo) for lo, hi in zip(edges[:-1], edges[1:])]


def perceptual_hash(encoded: bytes) -> int:
  """The 64-bit pHash of an image after the audit's normalisation (8-bit grayscale)."""
  import imagehash  # pylint: disable=g-import-not-at-top
  from PIL import Image as PilImage  # pylint: disable=g-import-not-at-top
  with PilImage.open(io.BytesIO(encoded)) as image:
    # Palette, CMYK, 16-bit: through RGB, so every mode gets the same grey levels.
    gray = image.convert('L') if image.mode in ('L', 'RGB') else image.convert('RGB').convert('L')
  bits = imagehash.phash(gray, hash_size=8).hash.flatten()
  return int.from_bytes(np.packbits(bits).tobytes(), 'big')


def popcount(values: np.ndarray) -> np.ndarray:
  """Set bits of each uint64 (`np.bitwise_count` needs NumPy 2)."""
  return np.unpackbits(values.view(np.uint8)).reshape(-1, 64).sum(axis=1)


def hash_shard(shard: prepared.Shard, position: int) -> Iterator[Image]:
  for record in prepared.read_shard(shard):
    yield Image(shard.task, position, record.split, record.index, perceptual_hash(record.image),
                hashlib.blake2b(record.image, digest_size=16).hexdigest())


def node(phash: int, images: Iterable[Image]) -> Node:
  training: dict[str, list] = {}
  evaluation = []
  for image in images:
    if image.training:
      entry = training.setdefault(image.task, [image.position, 0, image.ref])
      entry[1] += 1
      entry[2] = min(entry[2], image.ref)  # The same example whatever the order.
    else:
      evaluation.append(image)
  return Node(phash, {task: tuple(entry) for task, entry in training.items()},
              tuple(sorted(evaluation, key=lambda i: i.ref)))


def band_entries(item: Node, masks: Sequence[int]) -> Iterator[tuple[tuple[int, int], Node]]:
  """One entry per band, for nodes that can be either side of a finding."""
  for band, mask in enumerate(masks):
    yield (band, item.phash & mask), item


def near_pairs(key: tuple[int, int], nodes: Iterable[Node], masks: Sequence[int],
               max_distance: int) -> Iterator[tuple[int, tuple[int, Node]]]:
  """(evaluation hash, (distance, training node)) for the distinct hashes of one band value.

  A pair agreeing on several bands is emitted by the first of them only.
  """
  band = key[0]
  nodes = list(nodes)
  sources = [n for n in nodes if n.evaluation]
  targets = [n for n in nodes if n.training]
  if not sources or not targets:
    return
  target_hashes = np.array([n.phash for n in targets], np.uint64)
  earlier = np.array(masks[:band], np.uint64)
  for source in sources:
    xor = target_hashes ^ np.uint64(source.phash)
    distance = popcount(xor)
    keep = (distance <= max_distance) & (xor != 0)
    if band:
      keep &= ~((xor[:, None] & earlier[None, :]) == 0).any(axis=1)
    for i in np.flatnonzero(keep):
      yield source.phash, (int(distance[i]), targets[i])


def findings(source: Node, near: Iterable[tuple[int, Node]], kind_prefix: str = ''
             ) -> Iterator[Finding]:
  """For each evaluation image of `source`, the nearest training image of each task it copies:
  its own task, or a task earlier in the stream."""
  candidates = [(0, source), *near]
  for image in source.evaluation:
    best: dict[str, tuple[int, tuple[str, str, int]]] = {}
    for distance, target in candidates:
      for task, (position, _, example) in target.training.items():
        if task != image.task and position >= image.position:
          continue
        if task not in best or (distance, example) < best[task]:
          best[task] = (distance, example)
    for task, (distance, example) in sorted(best.items()):
      kind = 'within' if task == image.task else 'across'
      yield Finding(kind_prefix + kind, image.ref, image.position, task, example, distance)


def exact_findings(images: Iterable[Image]) -> Iterator[Finding]:
  """Findings among images with the same encoded bytes."""
  images = list(images)
  if len(images) < 2:
    return
  item = node(0, images)
  if item.evaluation and item.training:
    yield from findings(item, (), kind_prefix='exact_')


def audit(pipeline, tasks: Sequence[prepared.PreparedTask], max_distance: int):
  """The findings of `tasks` as a PCollection (near and exact), and the images read per task."""
  import apache_beam as beam  # pylint: disable=g-import-not-at-top
  masks = bands(max_distance)
  work = [(shard, task.position) for task in tasks for shard in task.shards]
  images = (pipeline
            | 'Shards' >> beam.Create(work)
            | 'Spread' >> beam.Reshuffle()
            | 'Hash' >> beam.FlatMapTuple(hash_shard))
  nodes = (images
           | 'ByHash' >> beam.Map(lambda image: (image.phash, image))
           | 'GroupHash' >> beam.GroupByKey()
           | 'Node' >> beam.MapTuple(node))
  near = (nodes
          | 'Bands' >> beam.FlatMap(band_entries, masks)
          | 'GroupBand' >> beam.GroupByKey()
          | 'Near' >> beam.FlatMap(lambda kv: near_pairs(*kv, masks, max_distance)))
  near_found = (
      {'node': (nodes
                | 'HasEvaluation' >> beam.Filter(lambda n: bool(n.evaluation))
                | 'NodeByHash' >> beam.Map(lambda n: (n.phash, n))),
       'near': near}
      | 'Join' >> beam.CoGroupByKey()
      | 'Confirm' >> beam.FlatMapTuple(
          lambda _, joined: (finding for source in joined['node']
                             for finding in findings(source, joined['near']))))
  exact_found = (images
                 | 'ByDigest' >> beam.Map(lambda image: (image.digest, image))
                 | 'GroupDigest' >> beam.GroupByKey()
                 | 'Exact' >> beam.FlatMapTuple(lambda _, same: exact_findings(same)))
  found = (near_found, exact_found) | 'AllFindings' >> beam.Flatten()
  counts = (images
            | 'PerSplit' >> beam.Map(lambda image: ((image.task, image.split), 1))
            | 'Count' >> beam.CombinePerKey(sum))
  return found, counts


def summarise(findings_: Iterable[Finding], counts: Iterable[tuple[tuple[str, str], int]],
              tasks: Sequence[prepared.PreparedTask], missing: Sequence[str],
              max_distance: int) -> dict[str, Any]:
  """Every count of the report, from the findings and the images read."""
  images = collections.defaultdict(dict)
  for (task, split), number in counts:
    images[task][split] = number
  flagged: dict[str, dict] = collections.defaultdict(lambda: collections.defaultdict(set))
  pairs: dict[tuple[str, str, str], dict] = {}
  for f in sorted(findings_, key=lambda f: (f.kind, f.evaluation, f.training_task)):
    eval_task, eval_split, _ = f.evaluation
    flagged[f.kind][eval_task, eval_split].add(f.evaluation)
    if f.kind.endswith('across'):
      flagged[f.kind + '_any'][eval_task, eval_split].add(f.evaluation)
    entry = pairs.setdefault((f.kind, eval_task, f.training_task),
                             {'kind': f.kind, 'evaluation_task': eval_task,
                              'training_task': f.training_task, 'images': 0, 'examples': []})
    entry['images'] += 1
    if len(entry['examples']) < EXAMPLES_PER_PAIR:
      entry['examples'].append(finding_record(f))
  per_task = []
  for task in tasks:
    row = {'position': task.position, 'task': task.task,
           'evaluation_images': {s: images[task.task].get(s, 0)
                                 for s in prepared.EVALUATION_SPLITS},
           'training_images': sum(images[task.task].get(s, 0) for s in prepared.TRAINING_SPLITS)}
    for kind in ('within', 'across_any', 'exact_within', 'exact_across_any'):
      row[kind] = {s: len(flagged[kind][task.task, s]) for s in prepared.EVALUATION_SPLITS}
    per_task.append(row)
  return {'max_distance': max_distance, 'hash': f'imagehash.phash, {HASH_BITS} bits, grayscale',
          'not_prepared': list(missing), 'tasks': per_task,
          'pairs': sorted(pairs.values(), key=lambda p: (p['kind'], -p['images'],
                                                          p['evaluation_task'],
                                                          p['training_task']))}


def markdown(report: Mapping[str, Any]) -> str:
  """The summary: per task (stream order) its flagged evaluation images, then the task pairs."""
  def share(flagged: Mapping[str, int], total: Mapping[str, int]) -> str:
    n, d = sum(flagged.values()), sum(total.values())
    return f'{n} ({n / d:.1%})' if d else '0'

  lines = [f'# Duplicate audit (pHash, at most {report["max_distance"]} bits apart)', '',
           'Evaluation images (dev_test + test) that duplicate training images (train + dev): '
           'of their own task ("within"), or of any task earlier in the stream ("across").', '',
           '| # | task | evaluation images | within | across | exact within | exact across |',
           '|---|---|---|---|---|---|---|']
  for row in report['tasks']:
    total = row['evaluation_images']
    lines.append(f'| {row["position"]} | {row["task"]} | {sum(total.values())} | '
                 f'{share(row["within"], total)} | {share(row["across_any"], total)} | '
                 f'{share(row["exact_within"], total)} | {share(row["exact_across_any"], total)} |')
  across = [p for p in report['pairs'] if p['kind'] in ('across', 'exact_across')]
  lines += ['', '## Across tasks (evaluation task <- earlier training task)', '']
  if across:
    lines += ['| kind | evaluation task | training task | images |', '|---|---|---|---|']
    lines += [f'| {p["kind"]} | {p["evaluation_task"]} | {p["training_task"]} | {p["images"]} |'
              for p in across]
  else:
    lines.append('None found.')
  if report['not_prepared']:
    lines += ['', f'Not prepared, so not audited: {", ".join(report["not_prepared"])} '
              f'(build them with `nevis build <task>`).']
  return '\n'.join(lines) + '\n'


def grid_png(report: Mapping[str, Any], tasks: Sequence[prepared.PreparedTask]) -> bytes | None:
  """Example pairs side by side (evaluation image | training image), largest findings first."""
  examples = [example for pair in report['pairs'] for example in pair['examples']]
  examples = examples[:GRID_PAIRS]
  if not examples:
    return None
  import matplotlib  # pylint: disable=g-import-not-at-top
  matplotlib.use('Agg')
  from matplotlib import pyplot as plt  # pylint: disable=g-import-not-at-top
  from PIL import Image as PilImage  # pylint: disable=g-import-not-at-top
  by_name = {task.task: task for task in tasks}
  figure, axes = plt.subplots(len(examples), 2, figsize=(5, 2.4 * len(examples)), squeeze=False)
  for row, example in zip(axes, examples):
    for ax, (task, split, index) in zip(row, (example['evaluation'], example['training'])):
      encoded = prepared.read_image(by_name[task], split, index)
      with PilImage.open(io.BytesIO(encoded)) as image:
        ax.imshow(np.asarray(image.convert('RGB')))
      ax.set_title(f'{task} {split} #{index}', fontsize=7)
      ax.axis('off')
    row[0].text(1.02, 0.5, f'{example["distance"]} bits', transform=row[0].transAxes,
                fontsize=7, va='center')
  figure.tight_layout()
  buffer = io.BytesIO()
  figure.savefig(buffer, format='png', dpi=80)
  plt.close(figure)
  return buffer.getvalue()


def finding_record(finding: Finding) -> dict[str, Any]:
  return {'kind': finding.kind, 'evaluation': list(finding.evaluation),
          'training': list(finding.training), 'distance': finding.distance}


def write_reports(report: Mapping[str, Any], findings_: Iterable[Finding],
                  tasks: Sequence[prepared.PreparedTask], output_dir: epath.PathLike) -> None:
  """overlap.json, findings.jsonl (every finding: the images to drop), overlap.md, pairs.png."""
  output = epath.Path(output_dir)
  output.mkdir(parents=True, exist_ok=True)
  ordered = sorted(findings_, key=lambda f: (f.kind, f.evaluation, f.training_task))
  launch.write_file(output / 'findings.jsonl',
                    ''.join(json.dumps(finding_record(f)) + '\n' for f in ordered))
  launch.write_file(output / 'overlap.md', markdown(report))
  png = grid_png(report, tasks)
  if png is not None:
    launch.write_file(output / 'pairs.png', png)
  launch.write_file(output / 'overlap.json', json.dumps(report, indent=1))  # Last: the marker.


def run(tasks: Sequence[prepared.PreparedTask], missing: Sequence[str], *, options,
        output_dir: epath.PathLike, max_distance: int = DEFAULT_MAX_DISTANCE) -> dict[str, Any]:
  """Runs the audit on Beam; the reports are written by one worker, the report returned."""
  import apache_beam as beam  # pylint: disable=g-import-not-at-top
  output_dir = str(output_dir)

  def report(_, found, counts):
    write_reports(summarise(found, counts, tasks, missing, max_distance), found, tasks,
                  output_dir)

  with beam.Pipeline(options=options) as pipeline:
    found, counts = audit(pipeline, tasks, max_distance)
    _ = (pipeline
         | 'Once' >> beam.Create([None])
         | 'Report' >> beam.Map(report, found=beam.pvalue.AsList(found),
                                counts=beam.pvalue.AsList(counts)))
  return json.loads((epath.Path(output_dir) / 'overlap.json').read_text())


def main(argv: Sequence[str] | None = None) -> int:
  parser = argparse.ArgumentParser(description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
  launch.add_arguments(parser)
  parser.add_argument('--max_distance', type=int, default=DEFAULT_MAX_DISTANCE,
                      help='bits two pHashes may differ in to count as duplicates')
  args = parser.parse_args(argv)
  try:
    bands(args.max_distance)
    job = launch.resolve(args, name='overlap')
  except (errors.UserError, ValueError) as e:
    print(f'overlap: {e}', file=sys.stderr)
    return 2
  report = run(job.tasks, job.missing, options=job.options, output_dir=job.output_dir,
               max_distance=args.max_distance)
  print(markdown(report))
  print(f'Reports written to {job.output_dir}.')
  return 0


if __name__ == '__main__':
  # Run the module under its package name: Beam pickles this module's classes by reference, and
  # workers cannot find them in a `__main__` that is not theirs.
  from beam_pipelines import overlap as _module  # pylint: disable=g-import-not-at-top
  sys.exit(_module.main())
