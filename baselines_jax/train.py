"""One training run: SGD with warm-up and cosine decay, best-on-dev state, early stopping.

Data-parallel over every local device (`jax.sharding`: batches split along a 'data' mesh axis,
parameters replicated). Metrics stay on the device and are fetched every `log_every` steps, so
the loop never waits on the host in between. FLOPs come from XLA's cost analysis of the compiled
train and eval steps, times the steps actually run.

The steps are compiled once per model and task kind (`steps_for`): the learning-rate schedule,
weight decay, label smoothing and plateau scale are arguments of the compiled train step, not
constants, so every trial of a search reuses one executable.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from absl import logging
import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import optax

from baselines_jax import flops as flops_lib
from baselines_jax import optim
from nevis_bench.protocol import configs
from nevis_bench.protocol import rules

Variables = Any  # {'params': ..., 'batch_stats': ...}


FitConfig = configs.FitConfig


@dataclasses.dataclass
class FitResult:
  variables: Variables  # Host (NumPy) copy of the best-on-dev state.
  dev_error: float  # Error of `variables` on dev.
  steps: int
  train_flops: float
  validation_flops: float
  history: list[dict[str, float]]  # Train and validation metrics every few steps.


def mesh(devices: Sequence[jax.Device] | None = None) -> jax.sharding.Mesh:
  """A 1-D 'data' mesh over `devices` (default: every local device)."""
  return jax.sharding.Mesh(np.array(devices or jax.local_devices()), ('data',))


def _shard(batch: dict[str, np.ndarray], the_mesh: jax.sharding.Mesh) -> dict[str, jax.Array]:
  sharding = jax.sharding.NamedSharding(the_mesh, jax.sharding.PartitionSpec('data'))
  return jax.device_put(batch, sharding)


def _replicate(tree: Any, the_mesh: jax.sharding.Mesh) -> Any:
  return jax.device_put(tree, jax.sharding.NamedSharding(the_mesh, jax.sharding.PartitionSpec()))


def loss_and_error(logits: jax.Array, batch: dict[str, jax.Array], label_smoothing: float,
                   multi_label: bool) -> tuple[jax.Array, jax.Array]:
  """Per-example loss (smoothed targets, as the reference) and 0/1 (or per-label) error."""
  if multi_label:
    targets = batch['labels']
    smoothed = targets * (1 - label_smoothing) + label_smoothing / 2
    loss = optax.sigmoid_binary_cross_entropy(logits, smoothed).mean(-1)
    error = ((logits > 0) != (targets > 0.5)).mean(-1)
  else:
    onehot = jax.nn.one_hot(batch['label'], logits.shape[-1])
    smoothed = onehot * (1 - label_smoothing) + label_smoothing / logits.shape[-1]
    loss = optax.softmax_cross_entropy(logits, smoothed)
    error = (logits.argmax(-1) != batch['label']).astype(jnp.float32)
  return loss, error


class Compiled:
  """A jitted function, compiled once per argument shapes, returning its output and XLA FLOPs.

  Lowering and compiling explicitly gives the cost analysis of exactly the executable that runs,
  without compiling twice.
  """

  def __init__(self, jitted):
    self._jitted = jitted
    self._cache: dict[Any, tuple[Any, float]] = {}
    self.compilations = 0  # Executables built (one per argument shapes and shardings).

  def __call__(self, *args) -> tuple[Any, float]:
    leaves, structure = jax.tree.flatten(args)
    # The sharding too: trials run side by side on different devices need their own executable.
    key = (structure, tuple((np.shape(x), np.result_type(x), getattr(x, 'sharding', None))
                            for x in leaves))
    if key not in self._cache:
      compiled = self._jitted.lower(*args).compile()
      self._cache[key] = (compiled, flops_lib.executable_flops(compiled))
      self.compilations += 1
    compiled, flops = self._cache[key]
    return compiled(*args), flops


FINAL_LR = 1e-8  # The cosine's end value, as `optim.warmup_cosine`'s default.


def hyperparams(config: FitConfig, num_train: int, batch_size: int) -> dict[str, np.ndarray]:
  """The train step's per-trial numbers (float32 scalars): its arguments, not constants."""
  warmup = optim.clipped_warmup_steps(
      rules.warmup_steps(num_train, batch_size, config.warmup_epochs, config.max_steps),
      config.max_steps)
  values = {'peak_lr': config.learning_rate, 'warmup_steps': warmup,
            'max_steps': config.max_steps, 'final_lr': FINAL_LR,
            'weight_decay': config.weight_decay, 'label_smoothing': config.label_smoothing}
  return {name: np.float32(value) for name, value in values.items()}


@dataclasses.dataclass(frozen=True)
class Steps:
  """The jitted train and eval steps of one model and task kind (see `steps_for`)."""

  model: nn.Module
  multi_label: bool

  @functools.cached_property
  def tx(self) -> optax.GradientTransformation:
    """SGD whose rate and weight decay the train step sets from its arguments at every step."""
    return optim.sgdw(0.0, weight_decay=0.0)

  @functools.cached_property
  def train(self):
    def step(params, batch_stats, opt_state, batch, hyper, lr_scale):
      def loss_fn(p):
        (logits, _), updates = self.model.apply(
            {'params': p, 'batch_stats': batch_stats}, batch['image'], train=True,
            mutable=['batch_stats'])
        loss, error = loss_and_error(logits, batch, hyper['label_smoothing'], self.multi_label)
        return loss.mean(), (updates['batch_stats'], error.mean())

      (loss, (new_stats, error)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
      rate = optim.warmup_cosine_value(opt_state.count, hyper['peak_lr'], hyper['warmup_steps'],
                                       hyper['max_steps'], hyper['final_lr'])
      opt_state = optim.with_hyperparams(opt_state, learning_rate=rate,
                                         weight_decay=hyper['weight_decay'])
      updates, opt_state = self.tx.update(grads, opt_state, params)
      updates = jax.tree.map(lambda u: u * lr_scale, updates)  # Plateau halving.
      return optax.apply_updates(params, updates), new_stats, opt_state, loss, error
    return Compiled(jax.jit(step, donate_argnums=(0, 1, 2)))

  @functools.cached_property
  def logits(self):
    def step(variables, images):
      return self.model.apply(variables, images, train=False)[0]
    return Compiled(jax.jit(step))

  @functools.cached_property
  def features(self):
    def step(variables, images):
      # Batch statistics, as the reference's kNN did: a random model's running averages are
      # meaningless.
      (_, features), _ = self.model.apply(variables, images, train=True, mutable=['batch_stats'])
      return features
    return Compiled(jax.jit(step))


@functools.lru_cache(maxsize=4)  # A few task shapes; older executables are freed.
def steps_for(model: nn.Module, multi_label: bool) -> Steps:
  """The one `Steps` of a model and task kind, shared by every trial and event using them."""
  return Steps(model, multi_label)


def evaluate(steps: Steps, variables: Variables, batches: Iterable[dict[str, np.ndarray]],
             the_mesh: jax.sharding.Mesh) -> tuple[float, float]:
  """(error, FLOPs) over `batches` (padded examples masked out)."""
  errors, count, flops = 0.0, 0, 0.0
  variables = _replicate(variables, the_mesh)
  for batch in batches:
    mask = batch.pop('mask')
    sharded = _shard(batch, the_mesh)
    logits, batch_flops = steps.logits(variables, sharded['image'])
    flops += batch_flops
    _, error = loss_and_error(logits, sharded, 0.0, steps.multi_label)
    errors += float(np.asarray(error)[mask].sum())
    count += int(mask.sum())
  return (errors / count if count else math.nan), flops


def predict_logits(steps: Steps, variables: Variables,
                   batches: Iterable[dict[str, np.ndarray]]) -> Iterator[np.ndarray]:
  """Logits per batch, padding removed, in order; the FLOPs spent are logged."""
  the_mesh = mesh()
  variables = _replicate(variables, the_mesh)
  flops = 0.0
  for batch in batches:
    mask = batch.pop('mask')
    logits, batch_flops = steps.logits(variables, _shard(batch, the_mesh)['image'])
    flops += batch_flops
    yield np.asarray(logits)[mask]
  logging.info('prediction FLOPs: %.4g', flops)


def embed(steps: Steps, variables: Variables, images: np.ndarray,
          batch_size: int = 128) -> tuple[np.ndarray, float]:
  """(features, FLOPs) of `images` (already preprocessed), for the kNN choice of a start."""
  the_mesh = mesh()
  devices = the_mesh.size
  variables = _replicate(variables, the_mesh)
  outputs, flops = [], 0.0
  for start in range(0, len(images), batch_size):
    chunk = images[start:start + batch_size]
    pad = (-len(chunk)) % devices
    padded = np.concatenate([chunk, np.repeat(chunk[-1:], pad, axis=0)]) if pad else chunk
    features, batch_flops = steps.features(variables, _shard({'image': padded}, the_mesh)['image'])
    flops += batch_flops
    outputs.append(np.asarray(features)[:len(chunk)])
  return np.concatenate(outputs), flops


def fit(model: nn.Module, variables: Variables, data, config: FitConfig, *, seed: int,
        devices: Sequence[jax.Device] | None = None) -> FitResult:
  """Trains `variables` on `data`'s train split, validating on dev; returns the best state.

  Args:
    model: a `models.Classifier` for the task.
    variables: the starting state (fresh, or a previous task's backbone with a fresh head).
    data: the event's `nevis_bench.learner.TrainingData`.
    config: hyper-parameters.
    seed: seeds the input order and augmentation.
    devices: the devices to train on, data-parallel (default: every local device).
  """
  # Imported here: it imports TensorFlow, which the steps above never need (examples/grain_jax.py
  # trains with them in a process without it).
  from baselines_jax import input_pipeline  # pylint: disable=g-import-not-at-top

  info = data.info
  the_mesh = mesh(devices)
  devices = the_mesh.size
  num_train = data.num_examples('train')
  batch_size = config.batch_size or rules.adaptive_batch_size(num_train)
  batch_size = max(devices, batch_size // devices * devices)  # Divisible across devices.
  steps = steps_for(model, info.multi_label)
  tx = steps.tx
  hyper = hyperparams(config, num_train, batch_size)

  params = _replicate(variables['params'], the_mesh)
  batch_stats = _replicate(variables.get('batch_stats', {}), the_mesh)
  opt_state = _replicate(tx.init(params), the_mesh)
  batches = input_pipeline.train_batches(data, 'train', batch_size, seed=seed,
                                         image_size=config.image_size)

  def validate() -> tuple[float, float]:
    dev = input_pipeline.eval_batches(
        data.dataset('dev'), 256, image_size=config.image_size, label_key=info.label_key,
        pad_to_multiple_of=devices)
    return evaluate(steps, {'params': params, 'batch_stats': batch_stats}, dev, the_mesh)

  stopping = rules.EarlyStopping(config.patience, config.max_lr_halvings)
  best = None
  history: list[dict[str, float]] = []
  step_flops = validation_flops = 0.0
  running: list[tuple[jax.Array, jax.Array]] = []
  step = 0
  started = time.perf_counter()
  for step in range(1, config.max_steps + 1):
    batch = _shard(next(batches), the_mesh)
    (params, batch_stats, opt_state, loss, error), step_flops = steps.train(
        params, batch_stats, opt_state, batch, hyper, np.float32(stopping.lr_scale))
    running.append((loss, error))
    if step % config.log_every == 0 or step == config.max_steps:
      losses, errors = np.asarray(jax.device_get(running)).T  # The only host sync.
      history.append({'step': step, 'train_loss': float(losses.mean()),
                      'train_error': float(errors.mean()), 'lr_scale': stopping.lr_scale,
                      'seconds': time.perf_counter() - started})
      running = []
    if step % config.validate_every == 0 or step == config.max_steps:
      dev_error, flops = validate()
      validation_flops += flops
      history.append({'step': step, 'dev_error': dev_error})
      logging.info('[%s] step %d: dev error %.4f', info.task_id, step, dev_error)
      improved, stop = stopping.update(dev_error)
      if improved:
        best = jax.device_get({'params': params, 'batch_stats': batch_stats})
      if stop:
        logging.info('[%s] early stop at step %d', info.task_id, step)
        break
  return FitResult(
      variables=jax.tree.map(np.asarray, best),
      dev_error=stopping.best_error,
      steps=step,
      train_flops=step_flops * step,
      validation_flops=validation_flops,
      history=history,
  )
