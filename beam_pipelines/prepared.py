"""The prepared tasks of a stream as shards of plain records, for pipelines that scan them.

A pipeline plans on the launching machine (`prepared_tasks`: which tasks of the stream are
prepared in the data dir, their splits and shard files) and reads on its workers (`read_shard`:
one shard's images as encoded bytes and label ids). Reading needs neither TensorFlow nor the
task's builder code: the files are TFRecords of TFDS's `tf.train.Example` protos, parsed with
TFDS's own protos, so a Dataflow worker needs only this package's base requirements.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

from etils import epath
import tensorflow_datasets as tfds
from tensorflow_datasets.proto import tf_example_pb2

from nevis_datasets import readiness
from nevis_datasets.toolkit import tfrecords

TRAINING_SPLITS = ('train', 'dev')  # What a learner trains on (the stream's `train+dev`).
EVALUATION_SPLITS = ('dev_test', 'test')
SPLITS = TRAINING_SPLITS + EVALUATION_SPLITS


@dataclasses.dataclass(frozen=True)
class Shard:
  """One shard file of one split of a task; `first_index` is its first example's split index."""

  task: str
  split: str
  path: str
  first_index: int
  num_examples: int


@dataclasses.dataclass(frozen=True)
class PreparedTask:
  """A prepared task as a pipeline needs it: where it is in the stream, and its shards."""

  task: str
  position: int  # Index of the task's first appearance in the stream.
  version_dir: str
  label_key: str  # 'label', or 'labels' for a multi-label task.
  class_names: tuple[str, ...]
  shards: tuple[Shard, ...]
  metadata: dict

  def split_shards(self, split: str) -> list[Shard]:
    return [shard for shard in self.shards if shard.split == split]

  def num_examples(self, split: str) -> int:
    return sum(shard.num_examples for shard in self.split_shards(split))


@dataclasses.dataclass(frozen=True)
class Record:
  """One stored example: where it lives, its encoded image bytes and its label ids."""

  task: str
  split: str
  index: int  # Within its split, in file order.
  image: bytes
  labels: tuple[int, ...]


def open_task(task_id: str, position: int, version_dir: epath.PathLike) -> PreparedTask:
  """A prepared version dir, read from its `dataset_info.json` alone (no builder code)."""
  builder = tfds.builder_from_directory(str(version_dir))
  info = builder.info
  label_key = 'labels' if 'labels' in info.features else 'label'
  label = info.features[label_key]
  class_names = tuple((label.feature if isinstance(label, tfds.features.Sequence)
                       else label).names)
  shards = []
  for split in SPLITS:
    if split not in info.splits:
      continue
    first = 0
    for instruction in info.splits[split].file_instructions:
      shards.append(Shard(task_id, split, str(instruction.filename), first, instruction.take))
      first += instruction.take
  return PreparedTask(task_id, position, str(version_dir), label_key, class_names,
                      tuple(shards), dict(info.metadata or {}))


def prepared_tasks(task_ids: Sequence[str], data_dir: epath.PathLike
                   ) -> tuple[list[PreparedTask], list[str]]:
  """The prepared tasks among `task_ids` (in order, first appearance only), and the others."""
  found, missing, seen = [], [], set()
  for position, task_id in enumerate(task_ids):
    if task_id in seen:
      continue
    seen.add(task_id)
    version_dir = readiness.prepared_dir(data_dir, task_id)
    if version_dir is None:
      missing.append(task_id)
    else:
      found.append(open_task(task_id, position, version_dir))
  return found, missing


def parse(serialized: bytes) -> tuple[bytes, tuple[int, ...]]:
  """The image bytes and label ids of one serialised NEVIS example."""
  feature = tf_example_pb2.Example.FromString(serialized).features.feature
  labels = feature['labels'] if 'labels' in feature else feature['label']
  return feature['image'].bytes_list.value[0], tuple(labels.int64_list.value)


def read_shard(shard: Shard) -> Iterator[Record]:
  """Every record of `shard`, in file order."""
  for offset, serialized in enumerate(tfrecords.read_records(shard.path)):
    image, labels = parse(serialized)
    yield Record(shard.task, shard.split, shard.first_index + offset, image, labels)


def read_image(task: PreparedTask, split: str, index: int) -> bytes:
  """The encoded image of example `index` of `split` (for the few a report shows)."""
  for shard in task.split_shards(split):
    if shard.first_index <= index < shard.first_index + shard.num_examples:
      for offset, serialized in enumerate(tfrecords.read_records(shard.path)):
        if shard.first_index + offset == index:
          return parse(serialized)[0]
  raise IndexError(f'[{task.task}] no example {index} in split {split!r}.')
