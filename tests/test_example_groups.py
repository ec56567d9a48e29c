"""Example groups (read where they are encoded) and class names discovered from the data."""

from __future__ import annotations

import dataclasses

import pytest
import tensorflow_datasets as tfds

from nevis_datasets import toolkit
from nevis_datasets.tasks.demo_shapes import demo_shapes

_NUM_EXAMPLES = 60


@dataclasses.dataclass(frozen=True)
class _Slice:
  """A group's reader: examples [start, stop) of demo_shapes, drawn only when read."""

  start: int
  stop: int
  names: tuple[str, ...] | None = None  # Relabel by name (for the discovered-names builder).

  def __call__(self):
    for example in demo_shapes.DemoShapes._examples(_Drawer(), None):
      i = int(example.key)
      if self.start <= i < self.stop:
        label = example.label if self.names is None else self.names[example.label]
        yield dataclasses.replace(example, label=label)


class _Drawer:
  """Enough of a demo_shapes builder for `SyntheticTaskBuilder._examples`, without TFDS."""

  NUM_EXAMPLES = _NUM_EXAMPLES
  SEED = demo_shapes.DemoShapes.SEED
  CLASS_NAMES = demo_shapes.DemoShapes.CLASS_NAMES
  IMAGE_SIZE = demo_shapes.DemoShapes.IMAGE_SIZE
  _draw = demo_shapes.DemoShapes._draw


def _grouped(use_beam: bool, *, stop: int = _NUM_EXAMPLES, discovered: bool = False,
             names: tuple[str, ...] = ('circle', 'cross', 'square', 'triangle')):
  """demo_shapes listed in groups of 7 examples (and, with `discovered`, names set late)."""

  class Grouped(demo_shapes.DemoShapes):  # Inherits TASK: not registered again.
    NUM_EXAMPLES = _NUM_EXAMPLES
    USE_BEAM = use_beam
    if discovered:
      CLASS_NAMES = None

    def _examples(self, dl_manager):
      relabel = None
      if discovered:
        self.set_class_names(names)
        relabel = tuple(names)  # Each id given as its discovered name.
      for start in range(0, stop, 7):
        yield toolkit.ExampleGroup(f'group {start}', _Slice(start, min(start + 7, stop), relabel))

  return Grouped


class _Plain(demo_shapes.DemoShapes):
  NUM_EXAMPLES = _NUM_EXAMPLES


def _contents(builder) -> dict[str, list[tuple[int, bytes]]]:
  return {split: sorted((int(ex['label']), ex['image'].tobytes())
                        for ex in tfds.as_numpy(builder.as_dataset(split=split)))
          for split in builder.info.splits}


@pytest.mark.parametrize('use_beam', [False, True], ids=['local', 'beam'])
def test_groups_give_the_same_dataset_as_single_examples(tmp_path, use_beam):
  plain = _Plain(data_dir=tmp_path / 'plain')
  plain.download_and_prepare()
  grouped = _grouped(use_beam)(data_dir=tmp_path / 'grouped')
  grouped.download_and_prepare()
  assert _contents(grouped) == _contents(plain)
  assert {s: grouped.info.splits[s].num_examples for s in grouped.info.splits} == {
      s: plain.info.splits[s].num_examples for s in plain.info.splits}


def test_beam_groups_that_leave_a_split_empty_fail_clearly(tmp_path):
  builder = _grouped(True, stop=3)(data_dir=tmp_path)  # 3 examples cannot fill 4 splits.
  with pytest.raises(toolkit.CorruptDataError, match=r'\[demo_shapes\].*no examples for split'):
    builder.download_and_prepare()
  assert not list(tmp_path.glob('nevis/demo_shapes/1.0.0/*.tfrecord*'))


@pytest.mark.parametrize('use_beam', [False, True], ids=['local', 'beam'])
def test_discovered_class_names_are_stored_and_reloaded(tmp_path, use_beam):
  names = ('z_circle', 'y_square', 'x_triangle', 'w_cross')  # Not sorted: order is kept.
  builder = _grouped(use_beam, discovered=True, names=names)(data_dir=tmp_path)
  builder.download_and_prepare()
  assert builder.info.features['label'].names == list(names)
  reloaded = _grouped(use_beam, discovered=True, names=names)(data_dir=tmp_path)
  assert reloaded.info.features['label'].names == list(names)
  assert reloaded.info.metadata['class_names'] == list(names)
  # Labels were given by name and mapped to the discovered ids.
  plain = _Plain(data_dir=tmp_path / 'plain')
  plain.download_and_prepare()
  assert _contents(reloaded) == _contents(plain)


@pytest.mark.parametrize('names, problem', [
    (('a', 'b', 'c'), '3 classes were found, 4 were expected'),
    (('a', 'b', 'c', 'a'), 'not distinct'),
    (('a', 'b', 'c', ''), 'not distinct, non-empty'),
])
def test_discovered_class_names_are_checked(tmp_path, names, problem):
  builder = _grouped(False, discovered=True, names=names)(data_dir=tmp_path)
  with pytest.raises(toolkit.CorruptDataError, match=rf'\[demo_shapes\] .*{problem}'):
    builder.download_and_prepare()


def test_a_task_with_discovered_names_must_set_them(tmp_path):

  class Forgetful(demo_shapes.DemoShapes):
    NUM_EXAMPLES = _NUM_EXAMPLES
    CLASS_NAMES = None

    def _examples(self, dl_manager):
      yield toolkit.ExampleGroup('all', _Slice(0, _NUM_EXAMPLES))

  with pytest.raises(TypeError, match='did not call set_class_names'):
    Forgetful(data_dir=tmp_path).download_and_prepare()


def test_the_split_generator_signature_follows_use_beam():
  # TFDS passes (and starts) a Beam pipeline only where the signature has `pipeline`.
  assert _grouped(True)._split_generators is toolkit.TaskBuilder._beam_split_generators
  assert _grouped(False)._split_generators is toolkit.TaskBuilder._pool_split_generators
