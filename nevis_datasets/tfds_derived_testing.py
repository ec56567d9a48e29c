"""Test helpers for TFDS-derived tasks: a fake upstream, and "the NEVIS splits are these slices".

Imported by tests only (it needs `dill` and TensorFlow, through `nevis_datasets.testing`).

No fake archives: the upstream TFDS builder is really prepared in the test's data dir, but its
`_split_generators` yields fake examples: random values for every feature (TFDS's
`RandomFakeGenerator`), the test's overrides (labels, the features a custom rule reads), and a
tiny PNG whose pixels spell the example's identity (upstream dataset, split, generation index).
TFDS then writes the upstream in its own (key-hash) order, as it does the real one. After the
NEVIS build, `TfdsDerivedTestCase` reads the upstream back in TFDS order and asserts that every
NEVIS split holds exactly the expected slices of it, and that every label is the expected one.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
import unittest
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, ClassVar
from unittest import mock

import numpy as np
from PIL import Image
import tensorflow_datasets as tfds
from tensorflow_datasets.testing import mocking

from nevis_datasets import catalog
from nevis_datasets import testing
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import tfds_derived

# The pixels of the first row, channel 0, that spell an identity (values < 256 each).
_IDENTITY_PIXELS = 4
_SPEC = re.compile(r'^(?P<split>[\w-]+)\[(?P<start>\d+):(?P<stop>\d+)\]$')

# (upstream dataset code, upstream split code, generation index).
Identity = tuple[int, int, int]
# An upstream slice in EXPECTED_SLICES: 'train[0:14]' (the task's first upstream), or
# ('domainnet/real', 'train[0:14]').
SliceSpec = str | tuple[str, str]


def identity_png(identity: Identity, shape: Sequence[int | None]) -> bytes:
  """A PNG of `shape` (None: small) whose first row spells `identity`, in grey levels."""
  dataset, split, index = identity
  if index >= 2**16:
    raise ValueError(f'Fake upstream index {index} too large to spell in pixels.')
  height, width = (s or _IDENTITY_PIXELS for s in shape[:2])
  channels = shape[2] if len(shape) > 2 and shape[2] else 3
  pixels = np.zeros((height, max(width, _IDENTITY_PIXELS)), np.uint8)
  pixels[0, :_IDENTITY_PIXELS] = (index % 256, index // 256, split, dataset)
  image = Image.fromarray(pixels, 'L')
  if channels == 3:
    image = image.convert('RGB')  # Grey: every channel spells the identity.
  buffer = io.BytesIO()
  image.save(buffer, format='PNG')
  return buffer.getvalue()


def identity_of(image: np.ndarray) -> Identity:
  """The identity spelled by a decoded fake image (HxW or HxWxC)."""
  row = image[0, :_IDENTITY_PIXELS, 0] if image.ndim == 3 else image[0, :_IDENTITY_PIXELS]
  low, high, split, dataset = (int(value) for value in row)
  return dataset, split, high * 256 + low


def _decode(data: bytes) -> np.ndarray:
  with Image.open(io.BytesIO(data)) as image:
    return np.asarray(image)


def _valid_boxes(feature: tfds.features.FeatureConnector, value: Any) -> Any:
  """`value` with every bounding box ordered min <= max (TFDS's random boxes are not)."""
  if isinstance(feature, tfds.features.BBoxFeature):
    box = np.asarray(value, np.float32)
    low, high = box[..., :2], box[..., 2:]
    return np.concatenate([np.minimum(low, high), np.maximum(low, high)], axis=-1)
  if isinstance(feature, tfds.features.Sequence):
    return _valid_boxes(feature.feature, value)  # Boxes of a sequence are stacked: same rule.
  if isinstance(feature, tfds.features.FeaturesDict):
    return {key: _valid_boxes(feature[key], item) for key, item in value.items()}
  return value


class FakeUpstreams:
  """Makes upstream TFDS builders generate fake examples instead of downloading.

  Args:
    sizes: upstream `name[/config]` -> {upstream split: number of examples}.
    overrides: (upstream name, split, generation index) -> feature values to set (labels,
      features a custom split rule reads); the rest is random, the image spells the identity.
    image_feature: the feature that carries the identity image.
  """

  def __init__(self, sizes: Mapping[str, Mapping[str, int]],
               overrides: Callable[[str, str, int], Mapping[str, Any]],
               image_feature: str = 'image'):
    self.sizes = {name: dict(splits) for name, splits in sizes.items()}
    self.overrides = overrides
    self.image_feature = image_feature
    self.dataset_codes = {name: code for code, name in enumerate(sorted(self.sizes))}
    self.split_codes = {split: code for code, split in enumerate(
        sorted({split for splits in self.sizes.values() for split in splits}))}

  def identity(self, name: str, split: str, index: int) -> Identity:
    return self.dataset_codes[name], self.split_codes[split], index

  @contextlib.contextmanager
  def patch(self) -> Iterator[None]:
    """Within: preparing any of the upstreams writes the fake examples."""
    fakes = self

    def split_generators(builder, dl_manager):
      del dl_manager  # Nothing is downloaded.
      config = builder.builder_config
      name = f'{builder.name}/{config.name}' if config else builder.name
      if name not in fakes.sizes:
        raise AssertionError(f'Upstream {name} prepared, but the test fakes only '
                             f'{sorted(fakes.sizes)}.')
      return {split: fakes._examples(builder.info.features, name, split, count)
              for split, count in fakes.sizes[name].items()}

    with contextlib.ExitStack() as stack:
      classes = {tfds.builder_cls(name.split('/')[0]) for name in self.sizes}
      for cls in classes:
        stack.enter_context(mock.patch.object(cls, '_split_generators', split_generators))
      yield

  def _examples(self, features, name: str, split: str, count: int):
    random = mocking.RandomFakeGenerator(features, num_examples=count,
                                         constant_dynamic_shape=True)
    shape = features[self.image_feature].shape
    for index in range(count):
      example = _valid_boxes(features, random[self.identity(name, split, index)[1] * 10_000 + index])
      example[self.image_feature] = identity_png(self.identity(name, split, index), shape)
      example.update(self.overrides(name, split, index))
      yield f'{split}-{index:06d}', example


class TfdsDerivedTestCase(testing.TaskTestCase):
  """A TaskTestCase for a `TfdsDerivedTaskBuilder` on a fake prepared upstream.

  Subclasses set DATASET_CLASS, SPLITS (the NEVIS split sizes), UPSTREAM_SPLITS and
  EXPECTED_SLICES, and may override `upstream_features`, `expected_keep` and `expected_label`.
  No dummy_data/ is needed. `check_labels` is done here: each NEVIS example's label must be
  the expected label of the upstream example it copies.
  """

  # {upstream split: count} of the task's single upstream, or {upstream name: {split: count}}.
  UPSTREAM_SPLITS: ClassVar[Mapping[str, Any]] = {}
  # NEVIS split -> the upstream slices it must hold exactly (in upstream TFDS order).
  EXPECTED_SLICES: ClassVar[Mapping[str, Sequence[SliceSpec]]] = {}

  @classmethod
  def setUpClass(cls):
    cls._no_dummy_data = None
    if cls.EXAMPLE_DIR is None:  # Nothing is downloaded; TFDS still wants a dir.
      cls._no_dummy_data = tempfile.mkdtemp(prefix='nevis-no-dummy-data-')
      cls.EXAMPLE_DIR = cls._no_dummy_data
    super().setUpClass()

  @classmethod
  def tearDownClass(cls):
    super().tearDownClass()
    if cls._no_dummy_data:
      shutil.rmtree(cls._no_dummy_data, ignore_errors=True)
      cls.EXAMPLE_DIR = None

  def setUp(self):
    super().setUp()
    # The fake upstream is tiny: DISK_NEEDS (the real sizes) is tested on its own.
    patcher = mock.patch.dict(os.environ, {disk.SKIP_ENV: '1'})
    patcher.start()
    self.addCleanup(patcher.stop)
    task = self.DATASET_CLASS(data_dir=self.tmp_dir)
    self.upstream_names = task.upstream_names()
    single = all(isinstance(count, int) for count in self.UPSTREAM_SPLITS.values())
    sizes = ({self.upstream_names[0]: self.UPSTREAM_SPLITS} if single
             else self.UPSTREAM_SPLITS)
    self.fakes = FakeUpstreams(sizes, self.upstream_features,
                               image_feature=self.DATASET_CLASS.IMAGE_FEATURE)
    patcher = self.fakes.patch()
    patcher.__enter__()
    self.addCleanup(patcher.__exit__, None, None, None)

  # ---------------------------------------------------------------- what a test may override

  def upstream_features(self, name: str, split: str, index: int) -> Mapping[str, Any]:
    """Feature values of fake upstream example `index` (default: a label, cycling classes)."""
    del name, split
    return {self.DATASET_CLASS.LABEL_FEATURE: index % len(self.DATASET_CLASS.CLASS_NAMES)}

  def expected_keep(self, split: str, features: Mapping[str, Any]) -> bool:
    """Whether an upstream example of EXPECTED_SLICES[split] belongs to the split (filters)."""
    del split, features
    return True

  def expected_label(self, features: Mapping[str, Any]) -> int | Sequence[int]:
    """The label (id, or the ids of a multi-label task) of an upstream example (as NumPy)."""
    return int(features[self.DATASET_CLASS.LABEL_FEATURE])

  # ---------------------------------------------------------------- checks

  def _upstream_in_order(self, name: str, split: str) -> list[dict[str, Any]]:
    """The prepared fake upstream split, in TFDS order, with each example's `_identity`."""
    builder = self.DATASET_CLASS(data_dir=self.tmp_dir).upstream_builder(name)
    image = self.DATASET_CLASS.IMAGE_FEATURE
    dataset = builder.as_dataset(split=split, shuffle_files=False,
                                 decoders={image: tfds.decode.SkipDecoding()},
                                 read_config=tfds.ReadConfig(interleave_cycle_length=1))
    examples = []
    for features in tfds.as_numpy(dataset):
      features['_identity'] = identity_of(_decode(features[image]))
      examples.append(features)
    return examples

  def expected_examples(self, split: str) -> list[dict[str, Any]]:
    """The upstream examples NEVIS split `split` must hold, from EXPECTED_SLICES."""
    expected = []
    for spec in self.EXPECTED_SLICES[split]:
      name, spec = spec if isinstance(spec, tuple) else (self.upstream_names[0], spec)
      match = _SPEC.match(spec)
      if not match:
        raise ValueError(f'EXPECTED_SLICES wants "split[start:stop]" specs, got {spec!r}.')
      examples = self._upstream_in_order(name, match['split'])
      start, stop = int(match['start']), int(match['stop'])
      self.assertLessEqual(stop, len(examples), f'{spec} is past the end of the fake upstream.')
      expected.extend(ex for ex in examples[start:stop] if self.expected_keep(split, ex))
    return expected

  def _label_ids(self, label) -> int | list[int]:
    if catalog.get(self.DATASET_CLASS.TASK).multi_label:
      return sorted(set(int(i) for i in label))
    return int(label)

  def check_labels(self, labels):
    expected = {split: sorted(self._as_stored(self._label_ids(self.expected_label(ex)))
                              for ex in self.expected_examples(split))
                for split in self.EXPECTED_SLICES}
    self.assertEqual(labels, expected)

  def _as_stored(self, label: int | list[int]) -> int | list[int]:
    """A label as the NEVIS dataset stores it (multi-hot for multi-label tasks)."""
    if isinstance(label, int):
      return label
    hot = [0] * len(self.DATASET_CLASS.CLASS_NAMES)
    for i in label:
      hot[i] = 1
    return hot

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    self.assertEqual(sorted(self.EXPECTED_SLICES), sorted(builder.info.splits))
    key = builder.label_key
    for split in self.EXPECTED_SLICES:
      expected = {ex['_identity']: ex for ex in self.expected_examples(split)}
      got = [(identity_of(ex['image']), ex[key])
             for ex in tfds.as_numpy(builder.as_dataset(split=split))]
      self.assertCountEqual([identity for identity, _ in got], list(expected), split)
      for identity, label in got:
        want = self._as_stored(self._label_ids(self.expected_label(expected[identity])))
        self.assertEqual(label.tolist() if key == 'labels' else int(label), want,
                         f'{split}: upstream example {identity}')


class TrainTestSlicesTestCase(TfdsDerivedTestCase):
  """For tasks with the TRAIN_TEST_SLICES rule: 20 train and 6 test fake upstream examples."""

  UPSTREAM_SPLITS = {'train': 20, 'test': 6}
  SPLITS = {'train': 14, 'dev': 3, 'dev_test': 3, 'test': 6}
  EXPECTED_SLICES = {
      'train': ['train[0:14]'],
      'dev': ['train[14:17]'],
      'dev_test': ['train[17:20]'],
      'test': ['test[0:6]'],
  }


class TrainValidationTestSlicesTestCase(TfdsDerivedTestCase):
  """For tasks with TRAIN_VALIDATION_TEST_SLICES: 10/4/5 fake upstream examples."""

  UPSTREAM_SPLITS = {'train': 10, 'validation': 4, 'test': 5}
  SPLITS = {'train': 8, 'dev': 2, 'dev_test': 4, 'test': 5}
  EXPECTED_SLICES = {
      'train': ['train[0:8]'],
      'dev': ['train[8:10]'],
      'dev_test': ['validation[0:4]'],
      'test': ['test[0:5]'],
  }


class RealSizesTestCase(unittest.TestCase):
  """Pins the slices a SliceRule cuts from the REAL upstream split sizes (cheap, no data).

  Subclasses set RULE, SIZES ({upstream split: real size}) and EXPECTED ({NEVIS split:
  ['split[start:stop]', ...]}).
  """

  RULE: ClassVar[tfds_derived.SliceRule | None] = None
  SIZES: ClassVar[Mapping[str, int]] = {}
  EXPECTED: ClassVar[Mapping[str, Sequence[str]]] = {}

  def test_reference_slices_of_the_real_sizes(self):
    if self.RULE is None:
      self.skipTest('Base class.')
    plan = self.RULE.plan(self.SIZES)
    self.assertEqual({split: [piece.spec for piece in pieces] for split, pieces in plan.items()},
                     {split: list(specs) for split, specs in self.EXPECTED.items()})
