"""`TfdsDerivedTaskBuilder`: tasks cut from an upstream TFDS dataset, as the reference cuts them.

The reference loads ~22 tasks straight from TFDS (`dm_nevis/benchmarker/datasets/builders/
tfds_builder.py`) and cuts its NEVIS splits as contiguous slices of the upstream splits, in TFDS
order, without shuffling. Here the upstream dataset is prepared first, in the same data dir as
the `nevis` builder (so `<data_dir>/mnist/3.0.1` next to `<data_dir>/nevis/mnist/1.0.0`) and with
the same download settings; its downloads come from the manual dir or `NEVIS_DOWNLOAD_MIRROR`
as other tasks' do (`downloads.tfds_upstream_sources`). Then each NEVIS split streams its slices
from it. Encoded images pass through untouched (TFDS `SkipDecoding`), after the toolkit's usual
decode check.

A subclass names its upstream version and its slice rule. Rules that filter on a feature
(coil100's viewing angles, smallnorb's object instances) add `_keep`; tasks built from several
upstream datasets (domainnet) override `upstream_names` and `split_plan`. Large tasks set
USE_BEAM: each NEVIS split is then a `beam.Create` over chunks of upstream index ranges, which
the Beam workers read from the prepared upstream themselves. Tasks with a known large size set
DISK_NEEDS, checked against the free space before anything is downloaded or written.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

from absl import logging
from etils import epath
import tensorflow_datasets as tfds

from nevis_datasets import errors
from nevis_datasets.toolkit import builder as builder_lib
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import downloads
from nevis_datasets.toolkit import locks
from nevis_datasets.toolkit import splits

TRAIN, DEV, DEV_TEST, TEST = splits.TRAIN, splits.DEV, splits.DEV_TEST, splits.TEST


@dataclasses.dataclass(frozen=True)
class UpstreamSlice:
  """Examples `[start, stop)` of an upstream split, in TFDS order.

  `dataset` names the upstream dataset (`name/config`, as in `upstream_names()`) where a task
  has several; None is the task's (first) upstream.
  """

  split: str
  start: int
  stop: int
  dataset: str | None = None

  @property
  def spec(self) -> str:
    """The TFDS split spec, e.g. `train[42000:51000]`."""
    return f'{self.split}[{self.start}:{self.stop}]'

  def __len__(self) -> int:
    return self.stop - self.start

  def key(self, index: int) -> str:
    """The example key of upstream example `index`: `<split>/<index>`, after the dataset."""
    key = f'{self.split}/{index:08d}'
    return f'{self.dataset}/{key}' if self.dataset else key

  def chunks(self, size: int) -> list[UpstreamSlice]:
    """This slice cut into consecutive slices of at most `size` examples."""
    return [dataclasses.replace(self, start=start, stop=min(start + size, self.stop))
            for start in range(self.start, self.stop, size)]


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
  another one, SLICE_RULE; large tasks also USE_BEAM and DISK_NEEDS. Example keys are
  `<upstream split>/<index in TFDS order>` (after `<upstream name/config>/` for tasks with
  several upstream datasets).
  """

  SPLIT_RULE = splits.PRESPLIT  # Examples arrive already cut into the NEVIS splits.
  SLICE_RULE: ClassVar[SliceRule] = TRAIN_TEST_SLICES
  # The upstream version the reference used (pinned: a new upstream version could reorder the
  # examples and so move them between splits); None takes the installed TFDS's default.
  UPSTREAM_VERSION: ClassVar[str | None] = None
  IMAGE_FEATURE: ClassVar[str] = 'image'
  LABEL_FEATURE: ClassVar[str] = 'label'
  # With USE_BEAM, the upstream examples each Beam work item reads.
  BEAM_CHUNK_SIZE: ClassVar[int] = 2000
  # The disk the build writes (real sizes), checked before anything is downloaded or written.
  DISK_NEEDS: ClassVar[disk.DiskNeeds | None] = None

  def __init_subclass__(cls, **kwargs):
    super().__init_subclass__(**kwargs)
    if cls.USE_BEAM and cls._split_examples is not TfdsDerivedTaskBuilder._split_examples:
      raise TypeError(f'{cls.__name__}: with USE_BEAM, Beam workers read the slices of '
                      '`split_plan()` (filtered by `_keep`); `_split_examples` would be ignored.')

  def __init__(self, **kwargs):
    super().__init__(**kwargs)
    self._upstream_download_dir: epath.PathLike | None = None
    self._upstreams: dict[str, tfds.core.DatasetBuilder] = {}

  # ---------------------------------------------------------------- the upstream dataset(s)

  def upstream_names(self) -> list[str]:
    """The upstream datasets (`name[/config]`, unversioned) the task reads; the first is default."""
    name = self.task.tfds_name
    if not name:
      raise ValueError(f'[{self.TASK}] The catalog gives no tfds_name for this task.')
    return [name]

  def _versioned(self, name: str) -> str:
    return f'{name}:{self.UPSTREAM_VERSION}' if self.UPSTREAM_VERSION else name

  @property
  def upstream_name(self) -> str:
    """`name[/config][:version]` of the (first) upstream, as `tfds.builder` takes it."""
    return self._versioned(self.upstream_names()[0])

  def upstream_builder(self, name: str | None = None) -> tfds.core.DatasetBuilder:
    """The upstream builder `name` (default: the first), in the same root data dir as this one."""
    full_name = self._versioned(name) if name else self.upstream_name
    try:
      return tfds.builder(full_name, data_dir=self.data_dir_root)
    except Exception as e:  # pylint: disable=broad-except  # Re-raised with what to do.
      raise RuntimeError(
          f'[{self.TASK}] Cannot create the upstream TFDS builder {full_name!r}: {e}\n'
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

  def _check_disk_space(self, upstreams: Sequence[tfds.core.DatasetBuilder]) -> None:
    """Fails before the build writes anything where DISK_NEEDS does not fit on the disk(s)."""
    needs = self.DISK_NEEDS
    if needs is None:
      return
    pending = [upstream for upstream in upstreams if not upstream.is_prepared()]
    names = ', '.join(upstream.info.full_name for upstream in pending)
    download_dir = (epath.Path(self._upstream_download_dir) if self._upstream_download_dir
                    else self.data_dir_root / 'downloads')  # TFDS's default.
    disk.check_free_space(
        self.TASK,
        {
            download_dir: {'upstream downloads': needs.download if pending else 0},
            self.data_dir_root: {f'upstream {names}': needs.upstream if pending else 0,
                                 f'nevis/{self.TASK}': needs.task},
        },
        advice=(' (tfds build --data_dir/--download_dir, or TFDS_DATA_DIR; the README of '
                'the task gives what each part needs)'),
    )

  def _download_and_prepare(self, dl_manager, download_config=None):
    upstreams = {name: self.upstream_builder(name) for name in self.upstream_names()}
    self._check_disk_space(list(upstreams.values()))
    for upstream in upstreams.values():
      self._prepare_upstream(upstream, download_config)
      self._check_upstream(upstream)
    self._upstreams = upstreams
    return super()._download_and_prepare(dl_manager, download_config)

  def _prepare_upstream(self, upstream: tfds.core.DatasetBuilder,
                        download_config: tfds.download.DownloadConfig | None) -> None:
    """Prepares an upstream dataset (one process at a time); its expected failures named.

    Its downloads come from the manual dir or `NEVIS_DOWNLOAD_MIRROR` where they are there
    (`downloads.tfds_upstream_sources`), as the downloads of other tasks do; a failed download
    or checksum is a `downloads.DownloadError` naming the URL and where it was fetched from.
    """
    described = f'{upstream.info.full_name} in {upstream.data_dir_root}'
    advice = 'Fix the cause and build again; the upstream dataset is reused once prepared.'
    try:
      with (locks.exclusive(upstream.data_path, f'preparing {described}'),
            downloads.tfds_upstream_sources(self.TASK, upstream)):
        upstream.download_and_prepare(
            download_dir=self._upstream_download_dir,
            download_config=self._upstream_download_config(download_config),
        )
    except errors.UserError:
      raise  # Named by TaskBuilder.download_and_prepare.
    except OSError as e:
      if e.errno in errors.STORAGE_ERRNOS:
        raise  # A full or read-only disk: TaskBuilder.download_and_prepare says so.
      raise RuntimeError(f'[{self.TASK}] Preparing the upstream TFDS dataset {described} '
                         f'failed: {e}\n{advice}') from e
    except AssertionError as e:  # TFDS's only signal of missing manual files.
      if 'Manual directory' not in str(e):
        raise
      raise downloads.ManualDownloadError(
          f'[{self.TASK}] The upstream TFDS dataset {described} needs files you download by '
          f'hand: {e}\n{advice}') from e
    except Exception as e:  # pylint: disable=broad-except  # Re-raised with the task's name.
      raise RuntimeError(
          f'[{self.TASK}] Preparing the upstream TFDS dataset {described} failed: {e}\n'
          f'{advice}') from e

  def _check_upstream(self, upstream: tfds.core.DatasetBuilder) -> None:
    """Fails early where the upstream's features or classes cannot be this task's."""
    features = upstream.info.features
    missing = [name for name in (self.IMAGE_FEATURE, self.LABEL_FEATURE) if name not in features]
    if missing:
      raise ValueError(f'[{self.TASK}] The upstream {upstream.info.full_name} has no feature(s) '
                       f'{missing} (it has {sorted(features)}).')
    label = features[self.LABEL_FEATURE]
    label = getattr(label, 'feature', label)  # The ClassLabel of a Sequence (multi-label).
    num_classes = getattr(label, 'num_classes', None)
    if num_classes is not None and num_classes != len(self.CLASS_NAMES):
      raise ValueError(f'[{self.TASK}] The upstream {upstream.info.full_name} has {num_classes} '
                       f'classes, CLASS_NAMES has {len(self.CLASS_NAMES)}.')
    # Names the upstream only learns while preparing (label files of its archives) can differ
    # from a hand-copied CLASS_NAMES; ids still follow the upstream, so a warning suffices.
    names = [str(name).lower() for name in getattr(label, 'names', None) or ()]
    if names and names != [str(i) for i in range(len(names))]:
      mismatched = [(i, theirs, ours) for i, (theirs, ours) in enumerate(
          zip(names, (str(c).lower() for c in self.CLASS_NAMES))) if theirs != ours]
      if mismatched:
        logging.warning('[%s] %d class name(s) differ from the upstream %s, e.g. id %d: %r '
                        'upstream, %r here. Label ids follow the upstream.', self.TASK,
                        len(mismatched), upstream.info.full_name, *mismatched[0])

  def _prepared_upstream(self, name: str | None = None) -> tfds.core.DatasetBuilder:
    """The prepared upstream `name` (default: the first)."""
    if not self._upstreams:
      raise RuntimeError(f'[{self.TASK}] The upstream dataset is read during '
                         'download_and_prepare only.')
    return self._upstreams[name or self.upstream_names()[0]]

  def upstream_sizes(self, name: str | None = None) -> dict[str, int]:
    """Upstream split -> number of examples, of the prepared upstream `name`."""
    return {split: info.num_examples
            for split, info in self._prepared_upstream(name).info.splits.items()}

  # ---------------------------------------------------------------- examples

  def split_plan(self) -> dict[str, list[UpstreamSlice]]:
    """NEVIS split -> its slices of the prepared upstream dataset(s)."""
    return self.SLICE_RULE.plan(self.upstream_sizes())

  def _label(self, features: Mapping[str, Any]) -> int | str | Sequence[int | str]:
    """The label of one upstream example (as NumPy); override for other label features."""
    return int(features[self.LABEL_FEATURE])

  def _keep(self, split: str, features: Mapping[str, Any]) -> bool:
    """Whether an upstream example of NEVIS split `split`'s slices belongs to it (filters)."""
    del split, features
    return True

  def _read_slice(self, upstream: tfds.core.DatasetBuilder, piece: UpstreamSlice,
                  split: str) -> Iterator[builder_lib.Example]:
    """The examples of NEVIS split `split` in one upstream slice, in TFDS order."""
    dataset = upstream.as_dataset(
        split=piece.spec,
        shuffle_files=False,
        decoders={self.IMAGE_FEATURE: tfds.decode.SkipDecoding()},
        # One file at a time: examples come in TFDS order, so `index` is the true position.
        read_config=tfds.ReadConfig(interleave_cycle_length=1),
    )
    for index, features in enumerate(tfds.as_numpy(dataset), start=piece.start):
      if self._keep(split, features):
        yield builder_lib.Example(
            key=piece.key(index),
            image=features[self.IMAGE_FEATURE],
            label=self._label(features),
            source_split=split,
        )

  def _split_examples(self, split: str) -> Iterator[builder_lib.Example]:
    """The examples of NEVIS split `split`, streamed from the upstream slices."""
    for piece in self.split_plan()[split]:
      if len(piece):
        yield from self._read_slice(self._prepared_upstream(piece.dataset), piece, split)

  def _examples(self, dl_manager) -> Iterable[builder_lib.Example]:
    del dl_manager  # The upstream dataset is prepared by now.
    for split in splits.SPLITS:
      yield from self._split_examples(split)

  # ---------------------------------------------------------------- generation

  def _split_generators(self, dl_manager):
    del dl_manager  # The upstream dataset is prepared by now.
    plan = self.split_plan()
    empty = [split for split, pieces in plan.items() if not sum(map(len, pieces))]
    if empty:
      raise builder_lib.CorruptDataError(
          f'[{self.TASK}] The upstream {self._prepared_upstream().info.full_name} gives no '
          f'examples for split(s) {", ".join(empty)}. Delete it from the data dir and build '
          'again.')
    if self._use_beam:
      return {split: self._beam_split(split, pieces) for split, pieces in plan.items()}
    # Streamed split by split: the upstream dataset may not fit in memory.
    return {split: self._generate_examples(split,
                                           self._non_empty(split, self._split_examples(split)))
            for split in splits.SPLITS}

  def _non_empty(self, split: str, examples: Iterable[builder_lib.Example]
                 ) -> Iterator[builder_lib.Example]:
    """`examples`, failing at the end where there were none (a filter kept nothing)."""
    count = 0
    for count, example in enumerate(examples, start=1):
      yield example
    if not count:
      raise builder_lib.CorruptDataError(
          f'[{self.TASK}] No upstream example belongs to split {split!r}. The upstream '
          'dataset looks incomplete: delete it from the data dir and build again.')

  def _beam_split(self, split: str, pieces: Sequence[UpstreamSlice]):
    """A Beam PTransform writing NEVIS split `split`: workers read chunks of its slices."""
    beam = tfds.core.lazy_imports.apache_beam
    chunks = [chunk for piece in pieces for chunk in piece.chunks(self.BEAM_CHUNK_SIZE)]
    upstream_dirs = {name: os.fspath(upstream.data_dir)
                     for name, upstream in self._upstreams.items()}
    upstream_dirs[None] = upstream_dirs[self.upstream_names()[0]]
    reader = _ChunkReader(builder=self, upstream_dirs=upstream_dirs, split=split)
    return (f'Chunks {split}' >> beam.Create(chunks)
            | f'Spread {split}' >> beam.Reshuffle()
            | f'Read {split}' >> beam.FlatMap(reader)
            | f'Encode {split}' >> beam.FlatMap(self._encoder().beam_encode, split=split))


@functools.lru_cache(maxsize=None)
def _open_prepared(data_dir: str) -> tfds.core.DatasetBuilder:
  """A prepared upstream dataset, from its files (in a Beam worker: no builder code needed)."""
  return tfds.builder_from_directory(data_dir)


@dataclasses.dataclass(frozen=True)
class _ChunkReader:
  """Reads chunks of upstream slices in a Beam worker.

  Picklable: TFDS pickles the builder as its constructor arguments, and the upstream datasets go
  as their prepared directories.
  """

  builder: TfdsDerivedTaskBuilder
  upstream_dirs: Mapping[str | None, str]
  split: str

  def __call__(self, chunk: UpstreamSlice) -> Iterator[builder_lib.Example]:
    upstream = _open_prepared(self.upstream_dirs[chunk.dataset])
    # pylint: disable-next=protected-access  # The task's own reading rule.
    yield from self.builder._read_slice(upstream, chunk, self.split)
