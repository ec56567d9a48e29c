"""`TfdsDerivedTaskBuilder`: tasks cut from an upstream TFDS dataset, as the reference cuts them.

The reference loads ~22 tasks straight from TFDS (`dm_nevis/benchmarker/datasets/builders/
tfds_builder.py`) and cuts its NEVIS splits as contiguous slices of the upstream splits, in TFDS
order, without shuffling. Here the upstream dataset is prepared first, in the same data dir as
the `nevis` builder (so `<data_dir>/mnist/3.0.1` next to `<data_dir>/nevis/mnist/1.0.0`) and with
the same download settings; then each NEVIS split streams its slices from it. Encoded images pass
through untouched (TFDS `SkipDecoding`), after the toolkit's usual decode check.

A subclass names its upstream version and its slice rule; tasks whose rule is not a slice rule
(filters on a feature, several upstream datasets) override `_split_examples`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

from etils import epath
import tensorflow_datasets as tfds

from nevis_datasets.toolkit import builder as builder_lib
from nevis_datasets.toolkit import splits

TRAIN, DEV, DEV_TEST, TEST = splits.TRAIN, splits.DEV, splits.DEV_TEST, splits.TEST


@dataclasses.dataclass(frozen=True)
class UpstreamSlice:
  """Examples `[start, stop)` of an upstream split, in TFDS order."""

  split: str
  start: int
  stop: int

  @property
  def spec(self) -> str:
    """The TFDS split spec, e.g. `train[42000:51000]`."""
    return f'{self.split}[{self.start}:{self.stop}]'

  def __len__(self) -> int:
    return self.stop - self.start


@dataclasses.dataclass(frozen=True)
class SliceRule:
  """How the NEVIS splits are cut from the upstream splits: contiguous slices, in TFDS order.

  Attributes:
    carved: upstream split -> `(NEVIS split, fraction)` pairs, in order. Each NEVIS split takes
      the next `int(n * fraction)` examples of the `n` in the upstream split (the reference's
      arithmetic); a fraction of None takes the rest.
    whole: NEVIS split -> the upstream split it takes whole.
  """

  carved: Mapping[str, Sequence[tuple[str, float | None]]] = dataclasses.field(
      default_factory=dict)
  whole: Mapping[str, str] = dataclasses.field(default_factory=dict)

  def __post_init__(self):
    covered = [nevis for parts in self.carved.values() for nevis, _ in parts] + list(self.whole)
    if sorted(covered) != sorted(splits.SPLITS):
      raise ValueError(f'A slice rule must give each of {splits.SPLITS} exactly once; this one '
                       f'gives {covered}.')

  def plan(self, sizes: Mapping[str, int]) -> dict[str, list[UpstreamSlice]]:
    """NEVIS split -> its upstream slices, given the upstream split sizes."""
    missing = sorted({*self.carved, *self.whole.values()} - set(sizes))
    if missing:
      raise ValueError(f'The upstream dataset has no split(s) {missing} (it has '
                       f'{sorted(sizes)}).')
    plan: dict[str, list[UpstreamSlice]] = {split: [] for split in splits.SPLITS}
    for upstream, parts in self.carved.items():
      n = sizes[upstream]
      start = 0
      for nevis, fraction in parts:
        stop = n if fraction is None else min(n, start + int(n * fraction))
        plan[nevis].append(UpstreamSlice(upstream, start, stop))
        start = stop
    for nevis, upstream in self.whole.items():
      plan[nevis].append(UpstreamSlice(upstream, 0, sizes[upstream]))
    return plan


# The reference's `_TFDS_DATASETS_TRAIN_TEST_DATASETS`: N = len(train); train = train[:int(N*0.7)],
# dev = the next int(N*0.15), dev_test = the rest of train; test = upstream test.
TRAIN_TEST_SLICES = SliceRule(
    carved={'train': ((TRAIN, splits.TRAIN_FRACTIONS[TRAIN]),
                      (DEV, splits.TRAIN_FRACTIONS[DEV]),
                      (DEV_TEST, None))},
    whole={TEST: 'test'},
)
# The reference's `_TFDS_DATASETS_TRAIN_VALIDATION_TEST_DATASETS`: train = train[:int(N*0.8)],
# dev = the rest of train; dev_test = upstream validation; test = upstream test.
TRAIN_VALIDATION_TEST_SLICES = SliceRule(
    carved={'train': ((TRAIN, splits.TRAIN_AND_DEV_FRACTIONS[TRAIN]), (DEV, None))},
    whole={DEV_TEST: 'validation', TEST: 'test'},
)


class TfdsDerivedTaskBuilder(builder_lib.TaskBuilder):
  """Base class of the tasks derived from an upstream TFDS dataset (catalog `tfds_name`).

  Subclasses set TASK, CLASS_NAMES, GRAYSCALE, UPSTREAM_VERSION and, where the reference uses
  another one, SLICE_RULE. Example keys are `<upstream split>/<index in TFDS order>`.
  """

  SPLIT_RULE = splits.PRESPLIT  # Examples arrive already cut into the NEVIS splits.
  SLICE_RULE: ClassVar[SliceRule] = TRAIN_TEST_SLICES
  # The upstream version the reference used (pinned: a new upstream version could reorder the
  # examples and so move them between splits); None takes the installed TFDS's default.
  UPSTREAM_VERSION: ClassVar[str | None] = None
  IMAGE_FEATURE: ClassVar[str] = 'image'
  LABEL_FEATURE: ClassVar[str] = 'label'

  def __init_subclass__(cls, **kwargs):
    super().__init_subclass__(**kwargs)
    if cls.USE_BEAM:
      raise TypeError(f'{cls.__name__}: TFDS-derived tasks stream their upstream splits '
                      'locally; USE_BEAM is not supported.')

  def __init__(self, **kwargs):
    super().__init__(**kwargs)
    self._upstream_download_dir: epath.PathLike | None = None
    self._upstream: tfds.core.DatasetBuilder | None = None

  # ---------------------------------------------------------------- the upstream dataset

  @property
  def upstream_name(self) -> str:
    """`name[/config][:version]`, as `tfds.builder` takes it."""
    name = self.task.tfds_name
    if not name:
      raise ValueError(f'[{self.TASK}] The catalog gives no tfds_name for this task.')
    return f'{name}:{self.UPSTREAM_VERSION}' if self.UPSTREAM_VERSION else name

  def upstream_builder(self) -> tfds.core.DatasetBuilder:
    """The upstream builder, in the same root data dir as this one."""
    try:
      return tfds.builder(self.upstream_name, data_dir=self.data_dir_root)
    except Exception as e:  # pylint: disable=broad-except  # Re-raised with what to do.
      raise RuntimeError(
          f'[{self.TASK}] Cannot create the upstream TFDS builder {self.upstream_name!r}: {e}\n'
          'This task is derived from it; check that the installed tensorflow-datasets '
          f'({tfds.__version__}) provides that dataset and version.') from e

  def download_and_prepare(self, *, download_dir: epath.PathLike | None = None, **kwargs):
    # Remembered for the upstream: it is not part of the DownloadConfig.
    self._upstream_download_dir = download_dir
    return super().download_and_prepare(download_dir=download_dir, **kwargs)

  def _upstream_download_config(
      self, download_config: tfds.download.DownloadConfig | None
  ) -> tfds.download.DownloadConfig:
    """The user's download settings, less what only applies to the NEVIS dataset."""
    return dataclasses.replace(
        download_config or tfds.download.DownloadConfig(),
        # The upstream dataset is kept for good and reused: always write all of it.
        max_examples_per_split=None,
        num_shards=None,
        # The slices assume TFDS's deterministic order.
        nondeterministic_order=False,
        # Would write into the installed TFDS package.
        register_checksums=False,
    )

  def _download_and_prepare(self, dl_manager, download_config=None):
    upstream = self.upstream_builder()
    described = f'{upstream.info.full_name} in {upstream.data_dir_root}'
    try:
      upstream.download_and_prepare(
          download_dir=self._upstream_download_dir,
          download_config=self._upstream_download_config(download_config),
      )
    except Exception as e:  # pylint: disable=broad-except  # Re-raised with the task's name.
      raise RuntimeError(
          f'[{self.TASK}] Preparing the upstream TFDS dataset {described} failed: {e}\n'
          'Fix the cause (network, disk space, manual files) and build again; the upstream '
          'dataset is reused once prepared.') from e
    self._check_upstream(upstream)
    self._upstream = upstream
    return super()._download_and_prepare(dl_manager, download_config)

  def _check_upstream(self, upstream: tfds.core.DatasetBuilder) -> None:
    """Fails early where the upstream's classes cannot be this task's."""
    label = upstream.info.features[self.LABEL_FEATURE]
    num_classes = getattr(label, 'num_classes', None)
    if num_classes is not None and num_classes != len(self.CLASS_NAMES):
      raise ValueError(f'[{self.TASK}] The upstream {upstream.info.full_name} has {num_classes} '
                       f'classes, CLASS_NAMES has {len(self.CLASS_NAMES)}.')

  def _prepared_upstream(self) -> tfds.core.DatasetBuilder:
    if self._upstream is None:
      raise RuntimeError(f'[{self.TASK}] The upstream dataset is read during '
                         'download_and_prepare only.')
    return self._upstream

  # ---------------------------------------------------------------- examples

  def split_plan(self) -> dict[str, list[UpstreamSlice]]:
    """NEVIS split -> its slices of the prepared upstream dataset."""
    upstream = self._prepared_upstream()
    sizes = {name: info.num_examples for name, info in upstream.info.splits.items()}
    return self.SLICE_RULE.plan(sizes)

  def _label(self, features: Mapping[str, Any]) -> int | str | Sequence[int | str]:
    """The label of one upstream example (as NumPy); override for other label features."""
    return int(features[self.LABEL_FEATURE])

  def _split_examples(self, split: str) -> Iterator[builder_lib.Example]:
    """The examples of NEVIS split `split`, streamed from the upstream slices."""
    upstream = self._prepared_upstream()
    for piece in self.split_plan()[split]:
      if not len(piece):
        continue
      dataset = upstream.as_dataset(
          split=piece.spec,
          shuffle_files=False,
          decoders={self.IMAGE_FEATURE: tfds.decode.SkipDecoding()},
          # One file at a time: examples come in TFDS order, so `index` is the true position.
          read_config=tfds.ReadConfig(interleave_cycle_length=1),
      )
      for index, features in enumerate(tfds.as_numpy(dataset), start=piece.start):
        yield builder_lib.Example(
            key=f'{piece.split}/{index:08d}',
            image=features[self.IMAGE_FEATURE],
            label=self._label(features),
            source_split=split,
        )

  def _examples(self, dl_manager) -> Iterable[builder_lib.Example]:
    del dl_manager  # The upstream dataset is prepared by now.
    for split in splits.SPLITS:
      yield from self._split_examples(split)

  # ---------------------------------------------------------------- generation

  def _split_generators(self, dl_manager):
    del dl_manager  # The upstream dataset is prepared by now.
    empty = [split for split, pieces in self.split_plan().items()
             if not sum(map(len, pieces))]
    if empty:
      raise builder_lib.CorruptDataError(
          f'[{self.TASK}] The upstream {self._prepared_upstream().info.full_name} gives no '
          f'examples for split(s) {", ".join(empty)}. Delete it from the data dir and build '
          'again.')
    # Streamed split by split: the upstream dataset may not fit in memory.
    return {split: self._generate_examples(split, self._split_examples(split))
            for split in splits.SPLITS}
