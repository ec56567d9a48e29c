"""Dataset cards of a stream's prepared tasks, from one pass over their stored examples.

  python -m beam_pipelines.cards --stream full --data_dir ~/tensorflow_datasets \\
      [--beam_pipeline_options=runner=DataflowRunner,...] [--output_dir DIR]

Every shard of every prepared task is read once (on Beam workers, without TensorFlow): each
example's label ids, its image's format, size and mode (from the encoded image's header), and
its bytes. Per task the summaries are combined into a card: examples per split and class (with a
plot), image size and mode histograms, formats, bytes per split and on disk, skipped images (the
build's record), licence and citation from the catalog. A card is written only from data read:
its counts are checked against the task's `dataset_info.json`, and a mismatch is reported on the
card and in the stream table rather than hidden. Outputs, in `--output_dir` (default
`<data_dir>/nevis_reports/cards/<stream>`): `<task>.md` and `<task>.png` per task, `cards.md`
(one row per task) and `cards.json` (everything).
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import io
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from etils import epath

from beam_pipelines import launch
from beam_pipelines import prepared
from nevis_datasets import catalog
from nevis_datasets import errors


@dataclasses.dataclass
class Summary:
  """What a card counts, for any number of shards of one task; `merge` adds two."""

  examples: collections.Counter = dataclasses.field(default_factory=collections.Counter)
  classes: collections.Counter = dataclasses.field(default_factory=collections.Counter)
  sizes: collections.Counter = dataclasses.field(default_factory=collections.Counter)
  modes: collections.Counter = dataclasses.field(default_factory=collections.Counter)
  formats: collections.Counter = dataclasses.field(default_factory=collections.Counter)
  image_bytes: collections.Counter = dataclasses.field(default_factory=collections.Counter)
  file_bytes: collections.Counter = dataclasses.field(default_factory=collections.Counter)

  def merge(self, other: 'Summary') -> 'Summary':
    return Summary(*(getattr(self, f.name) + getattr(other, f.name)
                     for f in dataclasses.fields(self)))


def summarise_shard(shard: prepared.Shard) -> tuple[str, Summary]:
  """One shard's summary, keyed by its task."""
  from PIL import Image  # pylint: disable=g-import-not-at-top
  summary = Summary()
  for record in prepared.read_shard(shard):
    summary.examples[shard.split] += 1
    for label in record.labels:
      summary.classes[shard.split, label] += 1
    with Image.open(io.BytesIO(record.image)) as image:
      summary.sizes[image.size] += 1
      summary.modes[image.mode] += 1
      summary.formats[image.format] += 1
    summary.image_bytes[shard.split] += len(record.image)
  summary.file_bytes[shard.split] += epath.Path(shard.path).stat().length
  return shard.task, summary


def merge_all(summaries: Iterable[Summary]) -> Summary:
  total = Summary()
  for summary in summaries:
    total = total.merge(summary)
  return total


def card(task: prepared.PreparedTask, summary: Summary) -> dict[str, Any]:
  """The card's content: the counts read, the catalog's facts, and the check against the info."""
  entry = catalog.get(task.task) if task.task in catalog.TASKS else None
  expected = {split: task.num_examples(split) for split in prepared.SPLITS}
  read = {split: summary.examples.get(split, 0) for split in prepared.SPLITS}
  return {
      'task': task.task, 'position': task.position,
      'paper_name': entry.paper_name if entry else task.task,
      'years': list(entry.years) if entry else [],
      'homepage': entry.homepage if entry else '',
      'citation': entry.citation if entry else '', 'licence': entry.licence if entry else '',
      'multi_label': task.label_key == 'labels',
      'examples': read,
      'matches_dataset_info': read == expected,
      'dataset_info_examples': expected,
      'classes': {split: {name: summary.classes.get((split, i), 0)
                          for i, name in enumerate(task.class_names)}
                  for split in prepared.SPLITS},
      'sizes': {f'{w}x{h}': n for (w, h), n in summary.sizes.most_common()},
      'modes': dict(summary.modes.most_common()),
      'formats': dict(summary.formats.most_common()),
      'image_bytes': {split: summary.image_bytes.get(split, 0) for split in prepared.SPLITS},
      'file_bytes': {split: summary.file_bytes.get(split, 0) for split in prepared.SPLITS},
      'skipped_images': {split: info.get('count', 0) for split, info in
                         task.metadata.get('skipped_images', {}).items()},
  }


def _mib(n: int) -> str:
  return f'{n / 2 ** 20:.1f} MiB' if n >= 2 ** 20 else f'{n / 1024:.1f} KiB'


def card_markdown(content: Mapping[str, Any]) -> str:
  splits = prepared.SPLITS
  sizes = list(content['sizes'].items())
  lines = [f'# {content["task"]}: {content["paper_name"]}', '',
           f'Stream position {content["position"]}; years {content["years"]}; '
           f'{"multi-label" if content["multi_label"] else "single-label"}, '
           f'{len(content["classes"]["train"])} classes. Homepage: {content["homepage"]}', '',
           f'Citation: {content["citation"] or "-"}', '', f'Licence: {content["licence"] or "-"}',
           '']
  if not content['matches_dataset_info']:
    lines += [f'**Counts read differ from dataset_info.json**: read {content["examples"]}, '
              f'recorded {content["dataset_info_examples"]}. Rebuild the task.', '']
  lines += ['| | ' + ' | '.join(splits) + ' |', '|---|' + '---|' * len(splits),
            '| examples | ' + ' | '.join(str(content['examples'][s]) for s in splits) + ' |',
            '| image bytes | ' + ' | '.join(_mib(content['image_bytes'][s]) for s in splits) + ' |',
            '| on disk | ' + ' | '.join(_mib(content['file_bytes'][s]) for s in splits) + ' |',
            '| skipped images | ' + ' | '.join(str(content['skipped_images'].get(s, 0))
                                              for s in splits) + ' |', '',
            f'Formats: {content["formats"]}. Modes: {content["modes"]}.', '',
            f'Image sizes (width x height), {len(sizes)} distinct: '
            + ', '.join(f'{size} ({n})' for size, n in sizes[:10])
            + (', ...' if len(sizes) > 10 else ''), '',
            f'![examples per class]({content["task"]}.png)', '',
            '| class | ' + ' | '.join(splits) + ' |', '|---|' + '---|' * len(splits)]
  for name in content['classes']['train']:
    lines.append(f'| {name} | ' + ' | '.join(str(content['classes'][s][name]) for s in splits)
                 + ' |')
  return '\n'.join(lines) + '\n'


def card_png(content: Mapping[str, Any]) -> bytes:
  """Examples per class (stacked by split) and the image-size histogram."""
  import matplotlib  # pylint: disable=g-import-not-at-top
  matplotlib.use('Agg')
  from matplotlib import pyplot as plt  # pylint: disable=g-import-not-at-top
  import numpy as np  # pylint: disable=g-import-not-at-top
  names = list(content['classes']['train'])
  figure, (classes, sizes) = plt.subplots(1, 2, figsize=(11, 3.5))
  bottom = np.zeros(len(names))
  for split in prepared.SPLITS:
    counts = np.array([content['classes'][split][name] for name in names])
    classes.bar(range(len(names)), counts, bottom=bottom, label=split)
    bottom += counts
  classes.set(title='examples per class', xlabel='class id', ylabel='examples')
  classes.legend(fontsize=7)
  pixels = [(int(size.split('x')[0]) * int(size.split('x')[1]), n)
            for size, n in content['sizes'].items()]
  sizes.hist([p for p, _ in pixels], weights=[n for _, n in pixels], bins=30)
  sizes.set(title='image size', xlabel='pixels (width x height)', ylabel='images')
  figure.suptitle(content['task'])
  figure.tight_layout()
  buffer = io.BytesIO()
  figure.savefig(buffer, format='png', dpi=80)
  plt.close(figure)
  return buffer.getvalue()


def stream_markdown(cards_: Sequence[Mapping[str, Any]], missing: Sequence[str],
                    data_dir: str) -> str:
  lines = ['| # | task | years | classes | train | dev | dev_test | test | on disk | sizes | '
           'modes | check |', '|---|---|---|---|---|---|---|---|---|---|---|---|']
  for c in cards_:
    e = c['examples']
    lines.append(f'| {c["position"]} | [{c["task"]}]({c["task"]}.md) | {c["years"]} | '
                 f'{len(c["classes"]["train"])} | {e["train"]} | {e["dev"]} | {e["dev_test"]} | '
                 f'{e["test"]} | {_mib(sum(c["file_bytes"].values()))} | {len(c["sizes"])} | '
                 f'{", ".join(c["modes"])} | '
                 f'{"ok" if c["matches_dataset_info"] else "MISMATCH"} |')
  for task in missing:
    lines.append(f'| | {task} | | | | | | | | | | not prepared: '
                 f'`nevis build {task} --data_dir {data_dir}` |')
  return '\n'.join(lines) + '\n'


def write_cards(summaries: Iterable[tuple[str, Summary]], tasks: Sequence[prepared.PreparedTask],
                missing: Sequence[str], data_dir: str, output_dir: epath.PathLike) -> None:
  by_task = dict(summaries)
  output = epath.Path(output_dir)
  output.mkdir(parents=True, exist_ok=True)
  cards_ = [card(task, by_task.get(task.task, Summary())) for task in tasks]
  for content in cards_:
    launch.write_file(output / f'{content["task"]}.md', card_markdown(content))
    launch.write_file(output / f'{content["task"]}.png', card_png(content))
  launch.write_file(output / 'cards.md', stream_markdown(cards_, missing, data_dir))
  launch.write_file(output / 'cards.json',  # Last: the marker that the cards are complete.
                    json.dumps({'cards': cards_, 'not_prepared': list(missing)}, indent=1))


def run(tasks: Sequence[prepared.PreparedTask], missing: Sequence[str], *, options,
        data_dir: str, output_dir: epath.PathLike) -> dict[str, Any]:
  """Reads every shard on Beam; one worker writes the cards, which are returned."""
  import apache_beam as beam  # pylint: disable=g-import-not-at-top
  output_dir = str(output_dir)
  with beam.Pipeline(options=options) as pipeline:
    summaries = (pipeline
                 | 'Shards' >> beam.Create([shard for task in tasks for shard in task.shards])
                 | 'Spread' >> beam.Reshuffle()
                 | 'Read' >> beam.Map(summarise_shard)
                 | 'PerTask' >> beam.CombinePerKey(merge_all))
    _ = (pipeline
         | 'Once' >> beam.Create([None])
         | 'Write' >> beam.Map(lambda _, s: write_cards(s, tasks, missing, data_dir, output_dir),
                               s=beam.pvalue.AsList(summaries)))
  return json.loads((epath.Path(output_dir) / 'cards.json').read_text())


def main(argv: Sequence[str] | None = None) -> int:
  parser = argparse.ArgumentParser(description=__doc__,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
  launch.add_arguments(parser)
  args = parser.parse_args(argv)
  try:
    job = launch.resolve(args, name='cards')
  except errors.UserError as e:
    print(f'cards: {e}', file=sys.stderr)
    return 2
  result = run(job.tasks, job.missing, options=job.options, data_dir=str(args.data_dir),
               output_dir=job.output_dir)
  print((job.output_dir / 'cards.md').read_text())
  mismatched = [c['task'] for c in result['cards'] if not c['matches_dataset_info']]
  if mismatched:
    print(f'cards: counts read differ from dataset_info.json for {", ".join(mismatched)}; '
          f'rebuild them.', file=sys.stderr)
    return 1
  print(f'Cards written to {job.output_dir}.')
  return 0


if __name__ == '__main__':
  # Run the module under its package name: Beam pickles this module's classes by reference, and
  # workers cannot find them in a `__main__` that is not theirs.
  from beam_pipelines import cards as _module  # pylint: disable=g-import-not-at-top
  sys.exit(_module.main())
