"""The JAX baselines' input pipelines and optimiser follow the reference and are deterministic."""

from __future__ import annotations

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest
import tensorflow as tf
import tensorflow_datasets as tfds

import nevis_datasets  # pylint: disable=unused-import  # Registers the nevis/* builders.
from baselines_jax import grain_pipeline
from baselines_jax import input_pipeline
from baselines_jax import optim
from nevis_bench import environment
from nevis_bench import learner as learner_lib
from nevis_streams import events as events_lib

_TASK = 'demo_shapes'
_SIZE = 16  # Small output images keep the tests fast.


@pytest.fixture(scope='module')
def data(tmp_path_factory) -> learner_lib.TrainingData:
  # ArrayRecord beside the TFRecords: the Grain pipeline reads them.
  builder = tfds.builder(f'nevis/{_TASK}', data_dir=tmp_path_factory.mktemp('data'),
                         file_format='array_record')
  builder.download_and_prepare()
  return learner_lib.TrainingData(builder, environment.task_info(builder),
                                  events_lib.TRAINING_SPLITS, events_lib.TrainingEvent(_TASK))


def _first(iterator):
  return next(iter(iterator))


# ---------------------------------------------------------------------------------------------
# Input pipeline.


def _train_batches(pipeline: str, data: learner_lib.TrainingData, seed: int):
  if pipeline == 'grain':
    return grain_pipeline.train_batches(data.data_source('train'), 'label', 8, seed=seed,
                                        image_size=_SIZE)
  return input_pipeline.train_batches(data, 'train', 8, seed=seed, image_size=_SIZE)


@pytest.mark.parametrize('pipeline', ['tf.data', 'grain'])
def test_train_batches_shapes_dtypes_and_range(data, pipeline):
  batch = _first(_train_batches(pipeline, data, seed=0))
  assert set(batch) == {'image', 'label'}
  assert batch['image'].shape == (8, _SIZE, _SIZE, 3) and batch['image'].dtype == np.float32
  assert batch['label'].shape == (8,) and batch['label'].dtype == np.int32
  assert batch['image'].min() >= -1.0 and batch['image'].max() <= 1.0
  assert batch['image'].max() - batch['image'].min() > 0.5  # Real images, not a constant.
  assert set(batch['label'].tolist()) <= set(range(4))


def test_train_batches_are_deterministic_per_seed(data):
  def batches(seed):
    iterator = input_pipeline.train_batches(data, 'train', 8, seed=seed, image_size=_SIZE)
    return [next(iterator) for _ in range(2)]

  first, again, other = batches(3), batches(3), batches(4)
  for a, b in zip(first, again):
    np.testing.assert_array_equal(a['image'], b['image'])
    np.testing.assert_array_equal(a['label'], b['label'])
  assert not np.array_equal(first[0]['image'], other[0]['image'])


def test_train_batches_repeat_past_one_epoch(data):
  num = data.num_examples('dev')
  iterator = input_pipeline.train_batches(data, 'dev', 16, seed=0, image_size=_SIZE)
  batches = [next(iterator) for _ in range(num // 16 + 2)]
  assert all(b['image'].shape[0] == 16 for b in batches)


def test_eval_batches_keep_order_and_pad_with_mask(data):
  dataset = data.dataset('dev')
  num = data.num_examples('dev')
  labels = np.array([ex['label'] for ex in tfds.as_numpy(dataset)])
  batches = list(input_pipeline.eval_batches(dataset, 32, image_size=_SIZE, label_key='label',
                                             pad_to_multiple_of=8))
  assert (num % 32) % 8, 'the sizes must leave a last batch that needs padding'
  assert [len(b['mask']) for b in batches[:-1]] == [32] * (len(batches) - 1)
  last = batches[-1]
  assert len(last['mask']) == -(-(num % 32) // 8) * 8 and last['mask'].sum() == num % 32
  assert not last['mask'][num % 32:].any() and last['mask'][:num % 32].all()
  assert (last['image'][num % 32:] == 0).all()
  mask = np.concatenate([b['mask'] for b in batches])
  got = np.concatenate([b['label'] for b in batches])[mask]
  np.testing.assert_array_equal(got, labels)
  assert all(b['image'].shape[1:] == (_SIZE, _SIZE, 3) for b in batches)
  assert all(b['image'].dtype == np.float32 and b['label'].dtype == np.int32 for b in batches)
  # Without padding the batches are exactly the data.
  plain = list(input_pipeline.eval_batches(dataset, 32, image_size=_SIZE))
  assert sum(len(b['image']) for b in plain) == num and all(b['mask'].all() for b in plain)
  assert set(plain[0]) == {'image', 'mask'}


def _arrays_dataset(images: np.ndarray) -> tf.data.Dataset:
  return tf.data.Dataset.from_tensor_slices({'image': images,
                                             'label': np.arange(len(images), dtype=np.int64)})


def test_grayscale_becomes_rgb():
  rng = np.random.default_rng(0)
  images = rng.integers(0, 256, size=(5, 12, 20, 1), dtype=np.uint8)
  batch = _first(input_pipeline.eval_batches(_arrays_dataset(images), 8, image_size=_SIZE,
                                             label_key='label'))
  assert batch['image'].shape == (5, _SIZE, _SIZE, 3)
  np.testing.assert_array_equal(batch['image'][..., 0], batch['image'][..., 1])
  np.testing.assert_array_equal(batch['image'][..., 0], batch['image'][..., 2])
  seed = tf.constant([1, 2], tf.int64)
  train = input_pipeline.preprocess_train(tf.constant(images[0]), seed, _SIZE).numpy()
  assert train.shape == (_SIZE, _SIZE, 3)
  np.testing.assert_array_equal(train[..., 0], train[..., 2])


def test_normalize_maps_0_255_to_minus_one_one():
  image = tf.constant([[[0, 255, 127]]], tf.uint8)
  np.testing.assert_allclose(input_pipeline.normalize(image).numpy(),
                             [[[-1.0, 1.0, 127 / 127.5 - 1]]], atol=1e-6)


def test_eval_central_crop_of_non_square_image():
  # 8 x 16 image: columns 0-3 and 12-15 are black, the central 8 x 8 square is white.
  image = np.zeros((8, 16, 3), np.uint8)
  image[:, 4:12] = 255
  out = input_pipeline.preprocess_eval(tf.constant(image), 8).numpy()
  np.testing.assert_allclose(out, np.ones((8, 8, 3)), atol=1e-6)
  # Tall image: the central rows.
  tall = np.zeros((16, 8, 1), np.uint8)
  tall[4:12] = 255
  out = input_pipeline.preprocess_eval(tf.constant(tall), 4).numpy()
  np.testing.assert_allclose(out, np.ones((4, 4, 3)), atol=1e-6)


def test_random_crop_stays_inside_and_is_seeded():
  image = tf.zeros((30, 50, 3), tf.uint8)
  windows = set()
  for i in range(20):
    seed = tf.constant([7, i], tf.int64)
    y, x, h, w = (int(v) for v in input_pipeline._random_crop_window(tf.shape(image), seed))  # pylint: disable=protected-access
    assert 0 <= y and 0 <= x and y + h <= 30 and x + w <= 50 and h > 0 and w > 0
    assert (h, w) != (30, 50)  # A whole-image window is replaced by the central square.
    windows.add((y, x, h, w))
    again = input_pipeline._random_crop_window(tf.shape(image), seed)  # pylint: disable=protected-access
    assert tuple(int(v) for v in again) == (y, x, h, w)
  assert len(windows) > 10


def test_sample_is_bounded_shuffled_and_seeded():
  images = np.repeat(np.arange(40, dtype=np.uint8)[:, None, None, None], 4, axis=1)
  images = np.repeat(images, 4, axis=2)
  dataset = _arrays_dataset(images)
  a = input_pipeline.sample(dataset, 10, seed=0, image_size=4, label_key='label')
  b = input_pipeline.sample(dataset, 10, seed=0, image_size=4, label_key='label')
  assert a['image'].shape == (10, 4, 4, 3) and a['label'].dtype == np.int32
  np.testing.assert_array_equal(a['label'], b['label'])
  assert len(set(a['label'].tolist())) == 10 and a['label'].tolist() != list(range(10))
  # The images still match their labels (image value = label).
  np.testing.assert_allclose(a['image'][:, 0, 0, 0], a['label'] / 127.5 - 1, atol=1e-6)
  everything = input_pipeline.sample(dataset, 100, seed=1, image_size=4, label_key='label')
  assert sorted(everything['label'].tolist()) == list(range(40))
  empty = input_pipeline.sample(dataset.take(0), 5, seed=0, image_size=4, label_key='label')
  assert empty['image'].shape == (0, 4, 4, 3) and empty['label'].shape == (0,)


def test_multi_label_targets_are_float():
  dataset = tf.data.Dataset.from_tensor_slices({
      'image': np.zeros((3, 6, 6, 3), np.uint8),
      'labels': np.array([[1, 0, 1], [0, 0, 0], [0, 1, 0]], np.int32)})
  batch = _first(input_pipeline.eval_batches(dataset, 4, image_size=4, label_key='labels'))
  assert batch['labels'].dtype == np.float32 and batch['labels'].shape == (3, 3)


# ---------------------------------------------------------------------------------------------
# Optimiser.


def test_warmup_cosine_values():
  schedule = optim.warmup_cosine(0.1, max_steps=1000, warmup_steps=100)
  assert float(schedule(0)) == 0.0
  np.testing.assert_allclose(float(schedule(50)), 0.05, rtol=1e-5)
  np.testing.assert_allclose(float(schedule(100)), 0.1, rtol=1e-5)
  # Cosine over decay_steps = max_steps counted from step 0: halfway at (100 + 1000) / 2.
  np.testing.assert_allclose(float(schedule(550)), 0.05 + 0.5e-8, rtol=1e-4)
  np.testing.assert_allclose(float(schedule(1000)), 1e-8, rtol=1e-3, atol=1e-9)
  assert float(schedule(999)) < 1e-6
  # Warmup is clipped to max_steps - 1, as the reference computes it.
  short = optim.warmup_cosine(0.1, max_steps=10, warmup_steps=70)
  np.testing.assert_allclose(float(short(9)), 0.1, rtol=1e-5)


@pytest.mark.parametrize('peak, max_steps, warmup', [(0.1, 1000, 100), (0.02, 10, 70),
                                                    (0.3, 50, 0), (1e-4, 7, 1)])
def test_traced_warmup_cosine_equals_the_optax_schedule(peak, max_steps, warmup):
  schedule = optim.warmup_cosine(peak, max_steps=max_steps, warmup_steps=warmup)
  clipped = optim.clipped_warmup_steps(warmup, max_steps)
  value = jax.jit(optim.warmup_cosine_value)
  for count in sorted({0, 1, clipped - 1, clipped, clipped + 1, max_steps // 2, max_steps - 1,
                       max_steps, max_steps + 5} - {-1}):
    np.testing.assert_allclose(
        float(value(count, np.float32(peak), np.float32(clipped), np.float32(max_steps),
                    np.float32(1e-8))),
        float(schedule(count)), rtol=2e-5, atol=1e-10, err_msg=f'count {count}')


def test_with_hyperparams_sets_values_and_rejects_unknown_names():
  opt = optim.sgdw(0.0, weight_decay=0.0)
  state = opt.init({'kernel': jnp.ones(2)})
  new = optim.with_hyperparams(state, learning_rate=0.5, weight_decay=1e-3)
  assert float(new.hyperparams['learning_rate']) == 0.5
  assert float(state.hyperparams['learning_rate']) == 0.0  # The input is kept.
  with pytest.raises(KeyError, match='momentm'):
    optim.with_hyperparams(state, momentm=0.5)


class _Tiny(nn.Module):
  """Conv + BatchNorm + Dense: every kind of leaf the baselines have."""

  @nn.compact
  def __call__(self, x, train: bool = False):
    x = nn.Conv(2, (3, 3))(x)
    x = nn.BatchNorm(use_running_average=not train)(x)
    return nn.Dense(3)(x.mean(axis=(1, 2)))


@pytest.fixture(scope='module')
def params():
  return _Tiny().init(jax.random.PRNGKey(0), jnp.zeros((1, 4, 4, 3)))['params']


def test_kernel_mask_marks_only_kernels(params):
  mask = optim.kernel_mask(params)
  assert mask == {'Conv_0': {'kernel': True, 'bias': False},
                  'BatchNorm_0': {'scale': False, 'bias': False},
                  'Dense_0': {'kernel': True, 'bias': False}}


def _step(opt, params, grads, opt_state):
  updates, opt_state = jax.jit(opt.update)(grads, opt_state, params)
  return optax.apply_updates(params, updates), opt_state


def test_weight_decay_only_on_kernels(params):
  opt = optim.sgdw(0.1, momentum=0.9, nesterov=True, weight_decay=1e-2)
  zeros = jax.tree_util.tree_map(jnp.zeros_like, params)
  new, _ = _step(opt, params, zeros, opt.init(params))
  for module in ('Conv_0', 'Dense_0'):
    # Nesterov on the first step: -lr * (g + m * g) with g = wd * w.
    np.testing.assert_allclose(new[module]['kernel'],
                               params[module]['kernel'] * (1 - 0.1 * 1.9 * 1e-2), rtol=1e-6)
    np.testing.assert_array_equal(new[module]['bias'], params[module]['bias'])
  np.testing.assert_array_equal(new['BatchNorm_0']['scale'], params['BatchNorm_0']['scale'])
  np.testing.assert_array_equal(new['BatchNorm_0']['bias'], params['BatchNorm_0']['bias'])


def test_nesterov_momentum_matches_hand_computation():
  lr, m, wd = (lambda step: 0.1 * (step + 1)), 0.9, 0.05
  params = {'kernel': jnp.array([1.0, -2.0]), 'bias': jnp.array([0.5])}
  grads = {'kernel': jnp.array([0.3, 0.1]), 'bias': jnp.array([-0.2])}
  opt = optim.sgdw(lr, momentum=m, nesterov=True, weight_decay=wd)
  state = opt.init(params)
  p1, state = _step(opt, params, grads, state)
  p2, state = _step(opt, p1, grads, state)

  def by_hand(w0, g, decay):
    g1 = g + decay * w0
    buf1 = g1
    w1 = w0 - lr(0) * (g1 + m * buf1)
    g2 = g + decay * w1
    buf2 = g2 + m * buf1
    return w1, w1 - lr(1) * (g2 + m * buf2)

  for name, decay in (('kernel', wd), ('bias', 0.0)):
    w1, w2 = by_hand(np.asarray(params[name]), np.asarray(grads[name]), decay)
    np.testing.assert_allclose(p1[name], w1, rtol=1e-6)
    np.testing.assert_allclose(p2[name], w2, rtol=1e-6)
  np.testing.assert_allclose(float(state.hyperparams['learning_rate']), lr(1), rtol=1e-6)


def test_plateau_scale_halves_the_update():
  params = {'kernel': jnp.array([1.0, -2.0]), 'bias': jnp.array([0.5])}
  grads = {'kernel': jnp.array([0.3, 0.1]), 'bias': jnp.array([-0.2])}
  opt = optim.sgdw(optim.warmup_cosine(0.1, 100, 5), weight_decay=1e-3)
  update = jax.jit(opt.update)
  state = opt.init(params)
  for _ in range(3):
    _, state = update(grads, state, params)
  assert optim.lr_scale(state) == 1.0
  halved = optim.with_lr_scale(state, 0.5 * optim.lr_scale(state))
  assert optim.lr_scale(halved) == 0.5 and optim.lr_scale(state) == 1.0  # A copy.
  full, full_state = update(grads, state, params)
  half, half_state = update(grads, halved, params)
  for name in params:
    np.testing.assert_allclose(half[name], 0.5 * full[name], rtol=1e-6)
  # The momentum buffer does not depend on the scale; the scale persists in the state.
  jax.tree_util.tree_map(np.testing.assert_allclose, full_state.inner_state,
                         half_state.inner_state)
  assert optim.lr_scale(half_state) == 0.5
