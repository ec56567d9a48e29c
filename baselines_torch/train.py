"""One PyTorch training run: SGD with warm-up and cosine decay, best-on-dev state, early stopping.

The protocol of `baselines_jax.train` (shared rules in `nevis_bench.protocol.rules`), in PyTorch:
data-parallel with DDP when launched by torchrun, bfloat16 autocast on GPU, metrics kept on the
device and fetched every `log_every` steps. FLOPs: the first train step and the first eval batch
run under `FlopCounterMode` on the model's device; steps (and examples) times those counts give
the totals, summed over processes.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import math
import time
from collections.abc import Iterator

from absl import logging
import numpy as np
import torch
from torch.nn import functional as F

from baselines_torch import data as data_lib
from baselines_torch import distributed
from baselines_torch import flops as flops_lib
from baselines_torch import models
from baselines_torch import optim
from nevis_bench.protocol import configs
from nevis_bench.protocol import rules

StateDict = dict[str, np.ndarray]
EVAL_BATCH_SIZE = 256


FitConfig = configs.FitConfig


@dataclasses.dataclass(frozen=True)
class Runtime:
  """PyTorch-only settings (a config's optional `torch` section)."""

  num_workers: int = 4  # DataLoader worker processes per training process.
  mixed_precision: bool = True  # bfloat16 autocast on GPU (ignored on CPU).


@dataclasses.dataclass
class FitResult:
  state: StateDict  # CPU copy of the best-on-dev model state.
  dev_error: float
  steps: int
  train_flops: float
  validation_flops: float
  history: list[dict[str, float]]


def to_numpy(model: torch.nn.Module) -> StateDict:
  """The model's state (parameters and batch-norm buffers) as NumPy arrays."""
  return {k: v.detach().cpu().numpy().copy() for k, v in model.state_dict().items()}


def load(model: torch.nn.Module, state: StateDict, *, prefix: str = '') -> None:
  """Loads the entries of `state` under `prefix` (e.g. 'backbone.') into `model`, shape-checked."""
  own = model.state_dict()
  chosen = {k: v for k, v in state.items() if k.startswith(prefix)}
  if not chosen or set(chosen) - set(own) or any(own[k].shape != np.shape(v)
                                                  for k, v in chosen.items()):
    raise ValueError('The saved model does not have this model\'s architecture; check '
                     'model.backbone and model.width against the checkpoint.')
  model.load_state_dict({k: torch.as_tensor(np.array(v)) for k, v in chosen.items()},
                        strict=not prefix)


def loss_and_error(logits: torch.Tensor, labels: torch.Tensor, label_smoothing: float,
                   multi_label: bool) -> tuple[torch.Tensor, torch.Tensor]:
  """Per-example loss (smoothed targets, as the reference) and 0/1 (or per-label) error."""
  logits = logits.float()
  if multi_label:
    smoothed = labels * (1 - label_smoothing) + label_smoothing / 2
    loss = F.binary_cross_entropy_with_logits(logits, smoothed, reduction='none').mean(-1)
    error = ((logits > 0) != (labels > 0.5)).float().mean(-1)
  else:
    loss = F.cross_entropy(logits, labels, reduction='none', label_smoothing=label_smoothing)
    error = (logits.argmax(-1) != labels).float()
  return loss, error


def _autocast(device: torch.device, enabled: bool):
  if enabled and device.type == 'cuda':
    return torch.autocast('cuda', dtype=torch.bfloat16)
  return contextlib.nullcontext()


class _Evaluator:
  """Eval forward passes with FLOPs: the first batch is counted, then FLOPs per example."""

  def __init__(self, model: torch.nn.Module, ctx: distributed.Context, mixed_precision: bool):
    self.model, self.ctx, self.mixed_precision = model, ctx, mixed_precision
    self.flops_per_example: float | None = None
    self.flops = 0.0

  @torch.no_grad()
  def __call__(self, images: torch.Tensor, *, batch_stats: bool = False
               ) -> tuple[torch.Tensor, torch.Tensor]:
    images = images.to(self.ctx.device, non_blocking=True)
    self.model.train(batch_stats)
    with _autocast(self.ctx.device, self.mixed_precision):
      if self.flops_per_example is None:
        out, flops = flops_lib.count_flops(lambda: self.model(images))
        self.flops_per_example = flops / len(images)
      else:
        out = self.model(images)
    self.flops += self.flops_per_example * len(images)
    return out


def evaluate(evaluator: _Evaluator, batches, multi_label: bool) -> float:
  """Error over this process's `batches`, summed over processes."""
  errors = torch.zeros((), dtype=torch.float64, device=evaluator.ctx.device)
  count = 0
  for images, labels in batches:
    logits, _ = evaluator(images)
    _, error = loss_and_error(logits, labels.to(evaluator.ctx.device), 0.0, multi_label)
    errors += error.sum()
    count += len(labels)
  total, n = distributed.all_sum([float(errors), float(count)], evaluator.ctx)
  return total / n if n else math.nan


def predict_logits(model: torch.nn.Module, batches, ctx: distributed.Context, *,
                   mixed_precision: bool) -> Iterator[np.ndarray]:
  """float32 logits per batch, in order; the FLOPs spent are logged."""
  evaluator = _Evaluator(model, ctx, mixed_precision)
  for (images,) in batches:
    logits, _ = evaluator(images)
    yield logits.float().cpu().numpy()
  logging.info('prediction FLOPs: %.4g', evaluator.flops)


def embed(model: torch.nn.Module, images: torch.Tensor, ctx: distributed.Context, *,
          mixed_precision: bool, batch_size: int = 128) -> tuple[np.ndarray, float]:
  """(features, FLOPs) of preprocessed `images`, with batch statistics as the reference's kNN.

  A copy of the model runs in train mode, so the candidate's running averages stay untouched.
  """
  evaluator = _Evaluator(copy.deepcopy(model).to(ctx.device), ctx, mixed_precision)
  features = [evaluator(images[i:i + batch_size], batch_stats=True)[1].float().cpu().numpy()
              for i in range(0, len(images), batch_size)]
  return np.concatenate(features), evaluator.flops


def fit(model: models.Classifier, data, config: FitConfig, *, seed: int,
        ctx: distributed.Context, runtime: Runtime = Runtime()) -> FitResult:
  """Trains `model` on `data`'s train split, validating on dev; returns the best state.

  Args:
    model: the task's classifier, already holding its starting state.
    data: the event's `nevis_bench.learner.TrainingData`.
    config: hyper-parameters.
    seed: seeds the input order and augmentation.
    ctx: this process and its device (all processes of a torchrun job call `fit` together).
    runtime: DataLoader workers and mixed precision.
  """
  info = data.info
  model = model.to(ctx.device)
  trained = model
  if ctx.world > 1:
    trained = torch.nn.parallel.DistributedDataParallel(
        model, device_ids=[ctx.device.index] if ctx.device.type == 'cuda' else None)
  num_train = data.num_examples('train')
  batch_size = config.batch_size or rules.adaptive_batch_size(num_train)
  local_batch = max(1, batch_size // ctx.world)  # The global batch, divided over processes.
  schedule = optim.warmup_cosine(
      config.learning_rate, config.max_steps,
      warmup_steps=rules.warmup_steps(num_train, local_batch * ctx.world, config.warmup_epochs,
                                      config.max_steps))
  optimizer = optim.sgdw(model, weight_decay=config.weight_decay)
  train_set = data_lib.TrainSet(data.data_source('train'), info.label_key, seed=seed,
                                image_size=config.image_size)
  batches = iter(data_lib.loader(
      train_set, local_batch, num_workers=runtime.num_workers, drop_last=True,
      sampler=data_lib.EpochSampler(num_train, seed=seed, rank=ctx.rank, world=ctx.world)))
  dev_source = data.data_source('dev')
  dev_set = data_lib.EvalSet(dev_source, info.label_key, image_size=config.image_size,
                             indices=range(ctx.rank, len(dev_source), ctx.world))
  dev_loader = data_lib.loader(dev_set, EVAL_BATCH_SIZE, num_workers=runtime.num_workers,
                               persistent=True)
  evaluator = _Evaluator(model, ctx, runtime.mixed_precision)

  stopping = rules.EarlyStopping(config.patience, config.max_lr_halvings)
  best: StateDict | None = None
  history: list[dict[str, float]] = []
  running: list[torch.Tensor] = []
  step_flops = 0.0
  step = 0
  started = time.perf_counter()

  def train_step(images: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    with _autocast(ctx.device, runtime.mixed_precision):
      logits, _ = trained(images)
    loss, error = loss_and_error(logits, labels, config.label_smoothing, info.multi_label)
    optimizer.zero_grad(set_to_none=True)
    loss.mean().backward()
    optimizer.step()
    return torch.stack([loss.mean().detach(), error.mean().detach()])

  for step in range(1, config.max_steps + 1):
    images, labels = next(batches)
    images = images.to(ctx.device, non_blocking=True)
    labels = labels.to(ctx.device, non_blocking=True)
    optim.set_learning_rate(optimizer, schedule(step - 1) * stopping.lr_scale)
    trained.train()
    if step == 1:
      metrics, step_flops = flops_lib.count_flops(lambda: train_step(images, labels))
    else:
      metrics = train_step(images, labels)
    running.append(metrics)
    if step % config.log_every == 0 or step == config.max_steps:
      losses, errors = torch.stack(running).cpu().numpy().T  # The only host sync.
      history.append({'step': step, 'train_loss': float(losses.mean()),
                      'train_error': float(errors.mean()), 'lr_scale': stopping.lr_scale,
                      'seconds': time.perf_counter() - started})
      running = []
    if step % config.validate_every == 0 or step == config.max_steps:
      dev_error = evaluate(evaluator, dev_loader, info.multi_label)
      history.append({'step': step, 'dev_error': dev_error})
      logging.info('[%s] step %d: dev error %.4f', info.task_id, step, dev_error)
      improved, stop = stopping.update(dev_error)
      if improved or best is None:
        best = to_numpy(model)
      if stop:
        logging.info('[%s] early stop at step %d', info.task_id, step)
        break
  validation_flops, = distributed.all_sum([evaluator.flops], ctx)
  return FitResult(
      state=best,
      dev_error=stopping.best_error,
      steps=step,
      train_flops=step_flops * step * ctx.world,
      validation_flops=validation_flops,
      history=history,
  )
