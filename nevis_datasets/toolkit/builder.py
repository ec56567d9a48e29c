"""`TaskBuilder`: the base class of every NEVIS task builder.

A task module subclasses `TaskBuilder`, names its catalog entry (`TASK`), its class names and its
split rule, and implements `_examples(dl_manager)`: a cheap listing of `Example`s (a key, where
the image is, its label and its source split). Everything else is shared here: features and
metadata from the catalog, split assignment, decode-checked image encoding on all cores, skipped
image accounting, verified downloads and extractions tied to their archive, Kaggle or a placed
archive, Beam for large tasks, one build per task at a time (`locks`), and one clear error for
every expected failure (`errors.UserError`).

Task builders are real `DatasetBuilder`s, usable on their own (`Coil20(data_dir=...)`), but kept
out of the TFDS registry: TFDS sees a single builder, `nevis`, which routes `nevis/<task>` to
them (see `nevis_datasets.nevis_dataset_builder`). All write to `<data_dir>/nevis/<task>/<version>`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import itertools
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, ClassVar

from absl import logging
from etils import epath
import numpy as np
import tensorflow_datasets as tfds
from tensorflow_datasets.core.download import util as download_util
# Lazy, as TFDS's own: TensorFlow is imported only where a download or build needs it (a
# PyTorch learner that reads built tasks never imports it).
from tensorflow_datasets.core.utils.lazy_imports_utils import tensorflow as tf

from nevis_datasets import catalog
from nevis_datasets import errors
from nevis_datasets.toolkit import archives
from nevis_datasets.toolkit import beam_options
from nevis_datasets.toolkit import downloads
from nevis_datasets.toolkit import extraction
from nevis_datasets.toolkit import file_formats
from nevis_datasets.toolkit import images
from nevis_datasets.toolkit import labels as labels_lib
from nevis_datasets.toolkit import locks
from nevis_datasets.toolkit import parallel
from nevis_datasets.toolkit import progress
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import streaming
from nevis_datasets.toolkit import tfrecords
from nevis_datasets.toolkit import trees

_METRICS_NAMESPACE = 'nevis'
_MAX_RECORDED_KEYS = 100
# TFDS 4.9.10's writer, on a split without examples (`writer._check_num_examples`).
_TFDS_EMPTY_SPLIT = re.compile(r'number of generated examples is 0 for split (\w+)')


@dataclasses.dataclass(frozen=True)
class Example:
  """One source example, before decoding.

  Attributes:
    key: a stable, unique id in the source (e.g. the member path in the archive); it decides
      the split where the source has none, and is the TFDS example key.
    image: encoded bytes, a file path, a uint8 array or a PIL image.
    label: a class name or id; for multi-label tasks, a sequence of them.
    source_split: the source's own split ('train', 'validation', 'test', ...) or None.
  """

  key: str
  image: images.ImageSource
  label: int | str | Sequence[int | str]
  source_split: str | None = None


@dataclasses.dataclass(frozen=True)
class ExampleGroup:
  """Examples that can only be read together, read where they are encoded.

  For sources whose examples are not reachable one by one: CASIA's character records sit in a
  deflated zip member, so reaching one means decompressing the member up to it. `_examples`
  then lists one group per member (cheap: a name), and Beam workers read the groups and
  assign each of their examples its split; a local build reads them in the main process.

  Attributes:
    key: names the group in messages (e.g. the member path).
    read: yields the group's examples; must pickle (a frozen dataclass with `__call__`, or a
      `functools.partial` of a module-level function), as Beam workers call it.
  """

  key: str
  read: Callable[[], Iterable[Example]]


class CorruptDataError(errors.UserError, RuntimeError):
  """Source data that is not what the task expects: damaged, truncated or changed upstream."""


class StorageError(errors.UserError, OSError):
  """The build cannot write (or read) where it must: a full, read-only or forbidden dir."""


# What to do about each storage failure (`errors.STORAGE_ERRNOS`) of a build.
_STORAGE_ADVICE = {
    errno.ENOSPC: 'Free space on that disk, or build into another --data_dir / --download_dir',
    errno.EDQUOT: 'Free space within your quota, or build into another --data_dir / '
                  '--download_dir',
    errno.EROFS: 'Build into a writable --data_dir (and --download_dir)',
    errno.EACCES: 'Fix the permissions, or build into a --data_dir / --download_dir you own',
    errno.EPERM: 'Fix the permissions, or build into a --data_dir / --download_dir you own',
}


_TASK_BUILDERS: dict[str, type['TaskBuilder']] = {}


def task_builder_classes() -> dict[str, type['TaskBuilder']]:
  """Task id -> builder class, for every task module imported so far."""
  return dict(_TASK_BUILDERS)


@dataclasses.dataclass(frozen=True)
class Skipped:
  """An example left out because its image cannot be decoded."""

  key: str
  reason: str


@dataclasses.dataclass(frozen=True)
class ExampleEncoder:
  """Turns an `Example` into a TFDS `(key, features)` pair; picklable for Beam workers."""

  task: str
  grayscale: bool
  label_key: str
  class_names: tuple[str, ...]
  multi_label: bool
  _ids: dict[str, int] = dataclasses.field(init=False, repr=False, compare=False)

  def __post_init__(self):
    # A dict, not `class_names.index`: casia_hwdb looks up 1.17M names among 3926.
    object.__setattr__(self, '_ids', {name: i for i, name in enumerate(self.class_names)})

  def _label_id(self, label: int | str) -> int:
    if isinstance(label, (int, np.integer)):
      if not 0 <= label < len(self.class_names):
        raise ValueError(f'[{self.task}] label id {label} out of range.')
      return int(label)
    try:
      return self._ids[label]
    except KeyError:
      raise ValueError(f'[{self.task}] unknown class name {label!r}.') from None

  def __call__(self, example: Example) -> tuple[str, dict[str, Any]]:
    """Raises images.CorruptImageError for an image that cannot be decoded."""
    if self.multi_label:
      label = labels_lib.multi_hot(
          [self._label_id(l) for l in example.label], len(self.class_names)
      )
    else:
      label = self._label_id(example.label)
    image = images.encode_image(example.image, grayscale=self.grayscale)
    return example.key, {'image': image, self.label_key: label}

  def try_encode(self, example: Example) -> tuple[str, dict[str, Any]] | Skipped:
    """Like calling the encoder, but an undecodable image gives a `Skipped` (for pools)."""
    try:
      return self(example)
    except images.CorruptImageError as e:
      return Skipped(example.key, str(e))

  def beam_encode(self, example: Example, split: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Beam flavour: skipped images are counted in Beam metrics instead of raising."""
    beam = tfds.core.lazy_imports.apache_beam
    try:
      result = self(example)
    except images.CorruptImageError as e:
      logging.warning('[%s] skipping undecodable image %s (%s): %s', self.task, example.key,
                      split, e)
      beam.metrics.Metrics.counter(_METRICS_NAMESPACE, f'skipped/{split}').inc()
      beam.metrics.Metrics.string_set(_METRICS_NAMESPACE, f'skipped_keys/{split}').add(
          example.key)
      return
    beam.metrics.Metrics.counter(_METRICS_NAMESPACE, f'kept/{split}').inc()
    yield result


class TaskBuilder(tfds.core.GeneratorBasedBuilder, skip_registration=True):
  """Base class of the NEVIS task builders. Subclasses set the class attributes below."""

  name = 'nevis'
  VERSION = tfds.core.Version('1.0.0')
  RELEASE_NOTES: ClassVar[dict[str, str]] = {'1.0.0': 'First release.'}

  TASK: ClassVar[str] = ''  # The catalog id; also the single config's name.
  # In label-id order; None where the names are only known from the data (`set_class_names`).
  CLASS_NAMES: ClassVar[Sequence[str] | None] = ()
  # The number of classes where it is not the catalog's: only for tests of discovered names.
  NUM_CLASSES: ClassVar[int | None] = None
  GRAYSCALE: ClassVar[bool] = False  # True only for tasks that are grayscale by definition.
  SPLIT_RULE: ClassVar[splits.SplitRule] = splits.NO_SOURCE_SPLIT
  # Generate through Apache Beam (large tasks) when the build gives a runner or Beam options.
  USE_BEAM: ClassVar[bool] = False
  MAX_SKIPPED_FRACTION: ClassVar[float] = 0.01  # Undecodable images tolerated per split.
  MANUAL_INSTRUCTIONS: ClassVar[str | None] = None  # For tasks with manual downloads.

  def __init_subclass__(cls, **kwargs):
    kwargs.pop('skip_registration', None)
    # Only the `nevis` router is registered with TFDS; task builders are reached through it.
    super().__init_subclass__(skip_registration=True, **kwargs)
    cls.name = 'nevis'
    # TFDS hands Beam's pipeline to `_split_generators` only where its signature asks for it,
    # and starts Beam when it does: so the signature follows USE_BEAM here, and each build's
    # choice in `download_and_prepare`.
    if cls._split_generators in (TaskBuilder._pool_split_generators,
                                 TaskBuilder._beam_split_generators):
      cls._split_generators = (TaskBuilder._beam_split_generators if cls.USE_BEAM
                               else TaskBuilder._pool_split_generators)
    if not cls.__dict__.get('TASK'):
      return
    task = catalog.get(cls.TASK)
    if cls.CLASS_NAMES is not None and len(cls.CLASS_NAMES) != task.num_classes:
      raise TypeError(f'{cls.__name__}: {len(cls.CLASS_NAMES)} class names, but the catalog '
                      f'says task {cls.TASK!r} has {task.num_classes} classes.')
    cls.BUILDER_CONFIGS = [
        tfds.core.BuilderConfig(name=cls.TASK, description=task.paper_name)
    ]
    if cls.TASK in _TASK_BUILDERS:
      raise ValueError(f'Two builders for NEVIS task {cls.TASK!r}: '
                       f'{_TASK_BUILDERS[cls.TASK].__module__} and {cls.__module__}.')
    _TASK_BUILDERS[cls.TASK] = cls

  def __init__(self, *, file_format: str | tfds.core.FileFormat | None = None, **kwargs):
    # TFDS would set `file_format` without override, and refuse ArrayRecord on a task
    # prepared as TFRecord (see `file_formats`); here ArrayRecord means "beside the TFRecords".
    super().__init__(**kwargs)
    file_formats.restore_alternative_formats(self.info)
    self._with_array_record = False
    self._request_file_format(file_format)
    self._sources: list[str] = []  # What the build read: named by corrupt-data errors.
    self._use_beam = self.USE_BEAM  # This build's choice: see `download_and_prepare`.
    self._class_names: tuple[str, ...] | None = (
        None if self.CLASS_NAMES is None else tuple(self.CLASS_NAMES))

  # ---------------------------------------------------------------- what a task module provides

  def _examples(self, dl_manager: tfds.download.DownloadManager
                ) -> Iterable[Example | ExampleGroup] | streaming.StreamedArchive:
    """Lists the task's examples. Must not decode images: that happens in parallel later.

    Or describes a tar archive member by member (`streaming.StreamedArchive`): local builds
    then read it in one pass instead of extracting it.
    """
    raise NotImplementedError

  def set_class_names(self, names: Sequence[str]) -> None:
    """Sets the class names of a task whose names are only known from its data.

    For `CLASS_NAMES = None` tasks; `_examples` calls it before it yields anything. The names
    (in label-id order) must be as many as the catalog's classes, distinct, non-empty strings;
    anything else means the source is not the expected one.
    """
    expected = self._num_classes
    problem = None
    if len(names) != expected:
      problem = f'{len(names)} classes were found, {expected} were expected'
    elif len(set(names)) != len(names) or not all(isinstance(n, str) and n for n in names):
      problem = 'the class names found are not distinct, non-empty strings'
    if problem:
      raise CorruptDataError(f'[{self.TASK}] {problem}. {self._delete_sources_advice()}')
    self._class_names = tuple(names)
    if not self.task.multi_label:
      self.info.features[self.label_key].names = list(names)
    self.info.metadata['class_names'] = list(names)

  # ---------------------------------------------------------------- info

  @property
  def task(self) -> catalog.Task:
    return catalog.get(self.TASK)

  @property
  def label_key(self) -> str:
    return 'labels' if self.task.multi_label else 'label'

  @property
  def _num_classes(self) -> int:
    return self.NUM_CLASSES or self.task.num_classes

  def _info(self) -> tfds.core.DatasetInfo:
    task = self.task
    image = tfds.features.Image(shape=(None, None, 1 if self.GRAYSCALE else 3))
    names = None if self.CLASS_NAMES is None else list(self.CLASS_NAMES)
    if task.multi_label:
      label = tfds.features.Tensor(shape=(self._num_classes,), dtype=np.int32)
    elif names is None:  # Named by `set_class_names` during the build.
      label = tfds.features.ClassLabel(num_classes=self._num_classes)
    else:
      label = tfds.features.ClassLabel(names=names)
    return self.dataset_info_from_configs(
        features=tfds.features.FeaturesDict({'image': image, self.label_key: label}),
        supervised_keys=('image', self.label_key),
        homepage=task.homepage,
        citation=task.citation,
        license=task.licence or None,
        metadata=tfds.core.MetadataDict(
            task_id=task.task_id,
            paper_name=task.paper_name,
            years=list(task.years),
            task_type=task.task_type.value,
            source=task.source.value,
            class_names=names,
        ),
    )

  # ---------------------------------------------------------------- file formats

  def _request_file_format(self, file_format: str | tfds.core.FileFormat | None) -> None:
    """ArrayRecord: added beside the TFRecords by the build; others: TFDS's main format."""
    requested = file_formats.parse(file_format)
    if requested is None:
      return
    if requested is file_formats.ARRAY_RECORD:
      self._with_array_record = True
    elif requested is not self.info.file_format:
      if self._info_on_disk():
        raise file_formats.FileFormatError(
            f'[{self.TASK}] is prepared in {self.data_dir} as {self.info.file_format.value}, '
            f'not {requested.value}: read it in that format, or build it again in another '
            f'data dir.')
      self.info.set_file_format(requested, override=True)

  def _info_on_disk(self) -> bool:
    return (epath.Path(self.data_dir) / 'dataset_info.json').exists()

  def as_data_source(self, split=None, *, file_format=None, **kwargs):
    """TFDS's random access, from the ArrayRecord files beside the TFRecords.

    Read through a read-only builder of the version dir: TFDS's own `as_data_source` would
    make ArrayRecord this builder's main format, and its `as_dataset` would fail after. A
    builder asked for ArrayRecord adds the files first if the task was built without them.

    Raises:
      NoArrayRecordError: the task is prepared without ArrayRecord files (the message gives
        the `nevis convert` command); NotPreparedError: it is not prepared at all.
    """
    if not self._info_on_disk():
      raise errors.NotPreparedError(
          f'[{self.TASK}] is not prepared in {self.data_dir_root}: build it with\n'
          f'  nevis build {self.TASK} --data_dir {self.data_dir_root} '
          f'--file_format array_record')
    if self._with_array_record:  # Asked for (TFDS skips download_and_prepare when prepared).
      file_formats.add_array_record(self.data_dir, self.TASK)
    if not file_formats.has_array_record(self.data_dir):
      raise file_formats.no_array_record_error(self.TASK, self.data_dir, self.data_dir_root)
    read_only = tfds.builder_from_directory(self.data_dir)
    return read_only.as_data_source(split, file_format=file_format, **kwargs)

  @property
  def MANUAL_DOWNLOAD_INSTRUCTIONS(self) -> str | None:  # pylint: disable=invalid-name
    if self.task.source is catalog.SourceKind.KAGGLE:
      dataset = self._kaggle_dataset()
      return downloads.kaggle_instructions(self.TASK, dataset,
                                           self._kaggle_download().file_name)
    return self.MANUAL_INSTRUCTIONS

  # ---------------------------------------------------------------- downloads

  def download(self, dl_manager: tfds.download.DownloadManager, url: str, *,
               extract: bool = False) -> epath.Path:
    """Downloads `url` (through the mirror if set), verifies its catalog md5, maybe extracts.

    An archive placed in the manual dir under its catalog file name is used instead of the
    network. The archive type of an extraction comes from that file name too: TFDS names a
    download after the whole URL ('...Cars_2001.zipdownload=1', 'drive.google.com_u_0_uc...'),
    from which it cannot tell. A download (and its extraction) is shared by every task that
    lists the same URL and builds with the same download dir.
    """
    download = self.task.download(url)
    if download is None:
      raise ValueError(f'[{self.TASK}] {url} is not among the catalog downloads of the task.')
    path = downloads.manual_file(self._manual_dir(dl_manager), download.file_name)
    if path is None:
      path = self._fetch(dl_manager, download)
    self._sources.append(f'{path} (from {url})')
    verified = downloads.verify_md5(self.TASK, download, path)
    if not extract:
      return path
    return self.extract(dl_manager, path, method=extraction.method_for(download.file_name),
                        md5=verified, origin=url)

  def _fetch(self, dl_manager: tfds.download.DownloadManager,
             download: catalog.Download) -> epath.Path:
    """`dl_manager.download`, one process at a time per URL, without earlier partial files.

    TFDS downloads into `<target>.tmp.<random>/` and renames the file when complete; a killed
    download leaves that dir for good. The target path comes from a private TFDS 4.9.10 method;
    without it, the download is not locked.
    """
    mirrored = downloads.mirrored_url(download.url, download.file_name)
    target_of = getattr(dl_manager, '_get_dl_path', None)
    lock = contextlib.nullcontext()
    if target_of is not None:
      target = epath.Path(target_of(tfds.download.Resource(url=mirrored)))
      lock = locks.exclusive(target, f'downloading {mirrored}', leftovers=f'{target.name}.tmp.*')
    try:
      with lock:
        return epath.Path(dl_manager.download(mirrored))
    # HTTP errors; network (requests); a file missing from a mirror dir (gfile's OpError); a
    # Google Drive page TFDS cannot read (ValueError) or parse without beautifulsoup4.
    except (download_util.DownloadError, OSError, tf.errors.OpError, ValueError,
            ImportError) as e:
      if (isinstance(e, OSError) and e.errno in errors.STORAGE_ERRNOS) or isinstance(
          e, tf.errors.ResourceExhaustedError):
        raise  # A full or read-only disk: a StorageError, not a download problem.
      manual = self._manual_dir(dl_manager) or '<data_dir>/downloads/manual'
      by_hand = downloads.source_page(download.url)
      raise downloads.DownloadError(
          f'[{self.TASK}] Downloading {mirrored} failed ({type(e).__name__}: {e}). Check the '
          f'network and build again; or download {download.file_name} yourself (from '
          f'{by_hand}) and place it in the manual dir ({manual}, or --manual_dir) as '
          f'{download.file_name}; or set {downloads.MIRROR_ENV} to a mirror that holds it (as '
          f'<mirror>/{downloads.mirror_path(download.url, download.file_name)}).') from e

  def extract(self, dl_manager: tfds.download.DownloadManager, archive: epath.PathLike, *,
              method: extraction.ExtractMethod | None = None, md5: str | None = None,
              origin: str | None = None) -> epath.Path:
    """Extracts `archive` into the download dir, or reuses its extraction (`extraction`).

    Args:
      dl_manager: the build's download manager (for the download dir).
      archive: the archive file.
      method: its type; default: from its file name.
      md5: its verified md5, where known.
      origin: where it came from (a URL), for messages.
    """
    archive = epath.Path(archive)
    # TFDS's own extraction dir (`<download_dir>/extracted`); its test case redirects only
    # `download_dir`, into the committed dummy data.
    extract_dir = getattr(dl_manager, '_extract_dir', None) or (
        epath.Path(dl_manager.download_dir) / 'extracted')
    return extraction.extract(
        self.TASK, archive, method or extraction.method_for(archive.name), extract_dir,
        md5=md5, origin=origin)

  def _kaggle_download(self) -> catalog.Download:
    (download,) = self.task.downloads
    return download

  def _kaggle_dataset(self) -> str:
    return self._kaggle_download().url.removeprefix(downloads.KAGGLE_PREFIX)

  def download_kaggle(self, dl_manager: tfds.download.DownloadManager) -> epath.Path:
    """The extracted Kaggle dataset: from an archive placed in the manual dir, else the API.

    A placed archive wins even where credentials exist, so a machine without the Kaggle CLI
    (or without network) builds from it.
    """
    download = self._kaggle_download()
    dataset = self._kaggle_dataset()
    archive = download.file_name
    placed = downloads.manual_file(self._manual_dir(dl_manager), archive)
    if placed is not None:
      self._sources.append(f'{placed} (Kaggle dataset {dataset})')
      verified = downloads.verify_md5(self.TASK, download, placed)
      return self.extract(dl_manager, placed, method=extraction.ExtractMethod.ZIP,
                          md5=verified, origin=download.url)
    if not downloads.kaggle_credentials_present():
      raise downloads.KaggleCredentialsError(
          f'[{self.TASK}] No Kaggle credentials and no {archive} in the manual dir.\n'
          + downloads.kaggle_instructions(self.TASK, dataset, archive))
    try:
      root = epath.Path(dl_manager.download_kaggle_data(dataset))
    except (RuntimeError, ValueError, OSError) as e:  # TFDS: CLI missing or failing, 404.
      raise downloads.DownloadError(
          f'[{self.TASK}] The Kaggle download of {dataset!r} failed: {e}\n'
          + downloads.kaggle_instructions(self.TASK, dataset, archive)) from e
    self._sources.append(f'{root} (Kaggle dataset {dataset})')
    return root

  @staticmethod
  def _manual_dir(dl_manager: tfds.download.DownloadManager) -> epath.Path | None:
    """The manual dir, for every task (not only those with manual download instructions).

    `dl_manager.manual_dir` refuses builders without MANUAL_DOWNLOAD_INSTRUCTIONS (ValueError;
    TFDS's test case mocks it to raise a bare Exception) and missing or empty dirs
    (AssertionError), but archives placed there must still replace dead plain downloads.
    """
    try:
      return epath.Path(dl_manager.manual_dir)
    except Exception:  # pylint: disable=broad-except
      pass
    configured = getattr(dl_manager, '_manual_dir', None)  # Set by TFDS even without instructions.
    return epath.Path(configured) if configured else None

  @contextlib.contextmanager
  def expected_content(self, source: str) -> Iterator[None]:
    """Within: a ValueError (a member the task's parsing rejects) stops the build clearly.

    Task modules parse keys, file names and list files with functions that raise ValueError
    on anything outside the source's known layout; that means a damaged, truncated or changed
    download, so the error becomes a CorruptDataError naming the task, the source and the way
    out.

    Args:
      source: the archive or URL being read, as the user would recognise it.
    """
    try:
      yield
    except ValueError as e:
      if isinstance(e, errors.UserError):
        raise
      raise CorruptDataError(
          f'[{self.TASK}] {e}. {source} does not have the expected content. '
          f'{self._delete_sources_advice()}') from e

  def labelled_images(self, entries: Iterable[tuple[str, images.ImageSource]], source: str,
                      label_of: Callable[[str], int | str | None], *,
                      suffixes: tuple[str, ...] = (), key_prefix: str = '') -> Iterator[Example]:
    """Examples of `(member path, image)` entries, labelled by their path: the usual listing.

    Args:
      entries: e.g. `trees.extracted_files(root)`, or zip members with their names.
      source: the archive, as the user knows it (for messages).
      label_of: a member's label, or None for a member that is not an image of the task; a
        ValueError (a member outside the known layout) stops the build (`expected_content`).
      suffixes: if given, members whose name ends otherwise (case-insensitive) are not
        images: left out before `label_of` sees them.
      key_prefix: prepended to each member path to make the key (e.g. the archive's name, where
        several archives may hold the same paths).

    Members that are not images are logged (at info level) and left out.
    """
    for name, image in entries:
      label = None
      if not suffixes or name.lower().endswith(suffixes):
        with self.expected_content(source):
          label = label_of(name)
      if label is None:
        logging.info('[%s] %s in %s is not an image of the task: not used.', self.TASK, name,
                     source)
        continue
      yield Example(key=key_prefix + name, image=image, label=label)

  def check_missing_images(self, missing: Sequence[str], total: int, *, listed_in: str,
                           archive: str) -> None:
    """Images a listing names but its archive lacks: tolerated as undecodable ones are.

    Up to MAX_SKIPPED_FRACTION of the `total` listed images (and at least one) are logged and
    left out; more mean an incomplete or different archive, which stops the build.
    """
    if not missing:
      return
    allowed = max(1, math.floor(self.MAX_SKIPPED_FRACTION * total))
    logging.warning('[%s] %d of the %d images listed in %s are missing from %s, e.g. %s: '
                    'skipped.', self.TASK, len(missing), total, listed_in, archive,
                    ', '.join(missing[:10]))
    if len(missing) > allowed:
      raise CorruptDataError(
          f'[{self.TASK}] {len(missing)} of the {total} images listed in {listed_in} are '
          f'missing from {archive} (at most {allowed} may be), e.g. {list(missing[:3])}: the '
          f'archive is incomplete or not the expected one. {self._delete_sources_advice()}')

  def _delete_sources_advice(self) -> str:
    """What to delete so that the next build fetches the source data again."""
    if not self._sources:
      return 'Delete the downloaded or placed files of the task and build again.'
    return ('Delete what this build read and build again (plain downloads are fetched again; '
            'replace what you placed in the manual dir): ' + '; '.join(self._sources) + '.')

  # ---------------------------------------------------------------- streamed archives

  def _listed(self, dl_manager: tfds.download.DownloadManager
              ) -> Iterable[Example | ExampleGroup]:
    """`_examples`, a `StreamedArchive` turned into its examples: streamed, or extracted for
    Beam workers, which read the files themselves."""
    listed = self._examples(dl_manager)
    if not isinstance(listed, streaming.StreamedArchive):
      return listed
    if self._use_beam:
      return self._extracted_archive_examples(dl_manager, listed)
    return self._streamed_archive_examples(dl_manager, listed)

  def _streamed_archive_examples(self, dl_manager: tfds.download.DownloadManager,
                                 source: streaming.StreamedArchive) -> list[Example]:
    """One pass over the archive: image members into the build's spill, lists kept whole."""
    self._spill = streaming.Spill(dl_manager.download_dir)
    lists: dict[str, bytes] = {}
    examples = []
    for path, size, read in streaming.tar_members(source.archive):
      if path in source.lists:
        lists[path] = read()
        continue
      member = self._archive_member(source, path)
      if member is None:
        continue
      try:
        archives.check_image_size(size, f'{path} in {source.archive}')
        spilled = self._spill.append(read())
      except archives.CorruptArchiveError as e:  # Left out (decoded as empty): this image only.
        logging.warning('[%s] %s: skipped.', self.TASK, e)
        spilled = streaming.Spilled(0, 0)
      examples.append(Example(key=member.key, image=spilled, label=member.label))
    self._spill.finish()
    return self._with_source_splits(source, examples, lists)

  def _extracted_archive_examples(self, dl_manager: tfds.download.DownloadManager,
                                  source: streaming.StreamedArchive) -> list[Example]:
    root = self.extract(dl_manager, source.archive)
    lists = {name: (root / name).read_bytes() for name in source.lists
             if (root / name).is_file()}
    examples = []
    for path, file in trees.extracted_files(root):
      member = None if path in source.lists else self._archive_member(source, path)
      if member is not None:
        examples.append(Example(key=member.key, image=file, label=member.label))
    return self._with_source_splits(source, examples, lists)

  def _archive_member(self, source: streaming.StreamedArchive, path: str
                      ) -> streaming.Member | None:
    with self.expected_content(str(source.archive)):
      member = source.member(path)
    if member is None:
      logging.info('[%s] %s in %s is not an image of the task: not used.', self.TASK, path,
                   source.archive)
    return member

  def _with_source_splits(self, source: streaming.StreamedArchive, examples: list[Example],
                          lists: dict[str, bytes]) -> list[Example]:
    """The listed examples, with their source splits (all of them where there are none)."""
    if source.source_splits is None:
      return examples
    absent = [name for name in source.lists if name not in lists]
    if absent:
      raise CorruptDataError(
          f'[{self.TASK}] {", ".join(absent)} missing from {source.archive}: the archive is '
          f'incomplete or not the expected one. {self._delete_sources_advice()}')
    with self.expected_content(str(source.archive)):
      listed = source.source_splits(lists)
    present = {example.key for example in examples}
    self.check_missing_images([key for key in listed if key not in present], len(listed),
                              listed_in=', '.join(source.lists), archive=str(source.archive))
    unlisted = [example.key for example in examples if example.key not in listed]
    if unlisted:
      logging.info('[%s] %d images of %s are in no split list, e.g. %s: not used.', self.TASK,
                   len(unlisted), source.archive, unlisted[0])
    return [dataclasses.replace(example, source_split=listed[example.key])
            for example in examples if example.key in listed]

  def _readable(self, examples: Iterable[Example]) -> Iterator[Example]:
    """The examples, streamed members' bytes read back from the spill for the workers."""
    for example in examples:
      if isinstance(example.image, streaming.Spilled):
        example = dataclasses.replace(example, image=self._spill.read(example.image))
      yield example

  # ---------------------------------------------------------------- generation

  def download_and_prepare(self, *, download_config=None, file_format=None, **kwargs):
    """TFDS's download_and_prepare, one process at a time, with one clear error per failure.

    With ArrayRecord asked for (here or when the builder was made), ArrayRecord files are
    added beside the TFRecords, also to a task prepared before without them.

    Beam options are checked before anything is downloaded. The build holds the lock of the
    task's version dir in this data dir (a second build waits, then finds the task prepared)
    and first removes what interrupted builds left there. Expected failures (bad downloads,
    corrupt archives, full or read-only disks) raise `errors.UserError`s that name the task.
    """
    # A Beam task builds through Beam when the user asks for a runner or gives Beam options;
    # on one machine without them, the local pool path makes the same dataset without Beam's
    # local overhead.
    self._use_beam = self.USE_BEAM and beam_options.requested(download_config)
    if self._use_beam:
      download_config = beam_options.with_local_runner(download_config)
      beam_options.validate(self.TASK, download_config)
    if type(self)._split_generators in (TaskBuilder._pool_split_generators,
                                        TaskBuilder._beam_split_generators):
      self._split_generators = (self._beam_split_generators if self._use_beam
                                else self._pool_split_generators)
    self._request_file_format(file_format)
    try:
      with locks.exclusive(self.data_path, f'building nevis/{self.TASK} in {self.data_dir_root}'):
        if self.data_path.exists() and not self.info.splits:
          # Built by another process while this one waited: read what it wrote.
          self.info.read_from_directory(self.data_dir)
        super().download_and_prepare(download_config=download_config, **kwargs)
      if self._with_array_record and file_formats.add_array_record(self.data_dir, self.TASK):
        self.info.read_from_directory(self.data_dir)
        file_formats.restore_alternative_formats(self.info)
    except CorruptDataError as e:
      if self._sources and not any(source in str(e) for source in self._sources):
        e.args = (f'{e} (The build read: {"; ".join(self._sources)}.)', *e.args[1:])
      raise _named(e, self.TASK)
    except errors.UserError as e:
      raise _named(e, self.TASK)
    except Exception as e:  # pylint: disable=broad-except  # Re-raised unless expected.
      storage = errors.storage_problem(e)
      if storage is not None:
        number, where = storage
        raise StorageError(
            f'[{self.TASK}] {os.strerror(number)}{f" ({where})" if where else ""}: {e}. '
            f'{_STORAGE_ADVICE[number]}; nothing half-written is kept.') from e
      empty = _TFDS_EMPTY_SPLIT.search(str(e))
      if empty:  # Beam groups: splits are only known once the workers have read them.
        raise CorruptDataError(
            f'[{self.TASK}] The source data gave no examples for split {empty.group(1)}: it '
            f'looks incomplete. {self._delete_sources_advice()}') from e
      if archives.is_read_error(e):
        raise CorruptDataError(
            f'[{self.TASK}] The source data is damaged or incomplete ({type(e).__name__}: '
            f'{e}). {self._delete_sources_advice()}') from e
      raise

  def _encoder(self) -> ExampleEncoder:
    if self._class_names is None:
      raise TypeError(f'{type(self).__name__} has CLASS_NAMES = None, but its _examples did '
                      'not call set_class_names.')
    return ExampleEncoder(
        task=self.TASK,
        grayscale=self.GRAYSCALE,
        label_key=self.label_key,
        class_names=self._class_names,
        multi_label=self.task.multi_label,
    )

  def _examples_by_split(self, listed: Iterable[Example | ExampleGroup]
                         ) -> dict[str, list[Example]]:
    """The listed examples (groups read here) by split, checked for repeated keys and gaps."""
    by_split: dict[str, list[Example]] = {s: [] for s in splits.SPLITS}
    seen: set[str] = set()
    for example in _read_groups(listed):
      if example.key in seen:  # TFDS would fail late, with a bare AssertionError.
        raise CorruptDataError(
            f'[{self.TASK}] Two source examples have the key {example.key!r} (e.g. an archive '
            f'holding two members of that name): the source is not the expected one. '
            f'{self._delete_sources_advice()}')
      seen.add(example.key)
      by_split[self.SPLIT_RULE.assign(self.TASK, example.key, example.source_split)].append(
          example)
    empty = [s for s, examples in by_split.items() if not examples]
    if empty:
      raise CorruptDataError(
          f'[{self.TASK}] The source data gave no examples for split(s) {", ".join(empty)} '
          f'({sum(map(len, by_split.values()))} examples in all): it looks incomplete. '
          f'{self._delete_sources_advice()}')
    return by_split

  def _pool_split_generators(self, dl_manager: tfds.download.DownloadManager):
    """Local builds: `_split_generators` of tasks without Beam."""
    by_split = self._examples_by_split(self._listed(dl_manager))
    if self._max_examples_per_split is not None:
      return {split: self._generate_examples(split, examples)
              for split, examples in by_split.items()}
    # One ordered stream over all splits, in the order TFDS writes them: the workers go on
    # encoding the next split while TFDS shuffles and writes the previous one.
    self._progress.total = sum(map(len, by_split.values()))
    encoded = self._pool.map(self._encoder().try_encode,
                             self._readable(itertools.chain.from_iterable(by_split.values())),
                             size=self._progress.total)
    return {split: self._collect(split, itertools.islice(encoded, len(examples)))
            for split, examples in by_split.items()}

  def _beam_split_generators(self, dl_manager: tfds.download.DownloadManager, pipeline):
    """Beam builds: `_split_generators` of USE_BEAM tasks.

    Examples listed one by one are assigned their splits here (with the checks of
    `_examples_by_split`). Where the listing has groups, the workers read them and assign the
    splits of their examples; TFDS's writer then finds an empty split (`download_and_prepare`).
    """
    listed = list(self._listed(dl_manager))
    groups = [item for item in listed if isinstance(item, ExampleGroup)]
    if not groups:
      return {split: self._generate_examples(split, examples)
              for split, examples in self._examples_by_split(listed).items()}
    beam = tfds.core.lazy_imports.apache_beam
    singles = [item for item in listed if isinstance(item, Example)]
    examples = (pipeline | 'Create groups' >> beam.Create(groups)
                | 'Read groups' >> beam.FlatMap(_read_group))
    if singles:
      examples = ((examples, pipeline | 'Create examples' >> beam.Create(singles))
                  | 'All examples' >> beam.Flatten())
    by_split = examples | 'Assign splits' >> beam.Partition(
        _split_index, len(splits.SPLITS), rule=self.SPLIT_RULE, salt=self.TASK)
    encoder = self._encoder()
    return {split: by_split[i] | f'Encode {split}' >> beam.FlatMap(encoder.beam_encode,
                                                                    split=split)
            for i, split in enumerate(splits.SPLITS)}

  _split_generators = _pool_split_generators  # Per subclass: see `__init_subclass__`.

  def _generate_examples(self, split: str, examples: Iterable[Example]):
    encoder = self._encoder()
    if self._use_beam:
      beam = tfds.core.lazy_imports.apache_beam
      return (f'Create {split}' >> beam.Create(examples)
              | f'Encode {split}' >> beam.FlatMap(encoder.beam_encode, split=split))
    size = len(examples) if isinstance(examples, Sequence) else None
    return self._collect(split, self._pool.map(encoder.try_encode, self._readable(examples),
                                               size=size))

  def _collect(self, split: str, results: Iterable[tuple[str, dict[str, Any]] | Skipped]
               ) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yields the encoded examples of `split`; logs, counts and checks the skipped ones."""
    skipped: list[str] = []
    kept = 0
    for result in results:
      self._progress.advance()
      if isinstance(result, Skipped):
        logging.warning('[%s] skipping undecodable image %s (%s): %s', self.TASK, result.key,
                        split, result.reason)
        skipped.append(result.key)
      else:
        kept += 1
        yield result
    self._record_skipped(split, kept, skipped)

  def _download_and_prepare(self, dl_manager, download_config):
    # Encoding runs on every core through a process pool that lives for one build.
    self._pool = parallel.EncodingPool()
    self._spill: streaming.Spill | None = None  # Of a streamed archive (`_listed`).
    self._max_examples_per_split = download_config.max_examples_per_split
    self._sources = []
    self._progress = progress.Progress(self.TASK, total=None)
    try:
      result = super()._download_and_prepare(dl_manager, download_config)
      self._progress.close()
      return result
    finally:
      self._pool.close()
      if self._spill is not None:
        self._spill.close()

  def _example_writer(self) -> tfrecords.ExampleWriter:
    # TFRecord shards without importing TensorFlow, which a small build would mostly wait for.
    return tfrecords.ExampleWriter(file_format=self.info.file_format)

  def _process_pipeline_result(self, pipeline_result) -> None:
    super()._process_pipeline_result(pipeline_result)
    beam = tfds.core.lazy_imports.apache_beam
    results = pipeline_result.metrics().query(
        beam.metrics.MetricsFilter().with_namespace(_METRICS_NAMESPACE))
    def by_split(kind: str, prefix: str) -> dict[str, Any]:
      return {r.key.metric.name.split('/', 1)[1]: r.committed or r.attempted
              for r in results.get(kind, []) if r.key.metric.name.startswith(prefix)}

    kept = by_split('counters', 'kept/')
    skipped_keys = by_split('string_sets', 'skipped_keys/')
    for split in splits.SPLITS:
      self._record_skipped(split, kept.get(split, 0), sorted(skipped_keys.get(split, ())))

  def _record_skipped(self, split: str, kept: int, skipped: list[str]) -> None:
    """Logs, records in the metadata and enforces the skipped-image allowance of one split.

    A split may lose MAX_SKIPPED_FRACTION of its images, and at least one: one bad image in a
    44-image split is not a damaged archive.
    """
    total = kept + len(skipped)
    allowed = max(1, math.floor(self.MAX_SKIPPED_FRACTION * total))
    report = self.info.metadata.setdefault('skipped_images', {})
    report[split] = {'count': len(skipped), 'keys': sorted(skipped)[:_MAX_RECORDED_KEYS],
                     'allowed': allowed}
    if not skipped:
      return
    logging.warning('[%s] %d undecodable image(s) skipped in split %s: %s', self.TASK,
                    len(skipped), split, ', '.join(sorted(skipped)[:10]))
    if len(skipped) > allowed:
      raise CorruptDataError(
          f'[{self.TASK}] {len(skipped)} of {total} images of split {split!r} could not be '
          f'decoded (at most {allowed} may be: {self.MAX_SKIPPED_FRACTION:.0%} of a split, '
          f'and at least one), e.g. {sorted(skipped)[:3]}. The source data is probably corrupt '
          f'or truncated. {self._delete_sources_advice()}')


def _read_group(group: ExampleGroup) -> Iterable[Example]:
  return group.read()


def _read_groups(listed: Iterable[Example | ExampleGroup]) -> Iterator[Example]:
  for item in listed:
    if isinstance(item, ExampleGroup):
      yield from item.read()
    else:
      yield item


def _split_index(example: Example, num_splits: int, *, rule: splits.SplitRule,
                 salt: str) -> int:
  """`beam.Partition`'s function: the index of the example's split in `splits.SPLITS`."""
  del num_splits  # Always len(splits.SPLITS).
  return splits.SPLITS.index(rule.assign(salt, example.key, example.source_split))


def _named(error: errors.UserError, task: str) -> errors.UserError:
  """`error`, its message prefixed with `[task]` unless it names the task already."""
  if error.args and isinstance(error.args[0], str) and not error.args[0].startswith(f'[{task}]'):
    error.args = (f'[{task}] {error.args[0]}', *error.args[1:])
  return error
