"""A linear probe on raw pixels: the smallest learner that genuinely learns each task.

Every image is resized to `image_size` x `image_size` RGB, scaled to [0, 1] and flattened into
D = 3 * image_size**2 features (optionally followed by as many log-amplitude-spectrum features,
which are translation invariant), standardised with the training mean and std. A fresh linear head
(softmax regression, or one logistic regression per label for multi-label tasks) is trained per
task with NumPy minibatch Adam; there is no sharing between tasks, so it is the "independent"
reference point a continual learner should beat, and a quick learner for demo runs.

Learning-rate selection is honest: each candidate rate is trained on `train` and scored on `dev`;
the best one is then retrained on `train+dev` for the final head. Only NumPy does the learning,
so the FLOPs reported are counted analytically (see `_step_flops` and `_feature_flops`).

Training is deterministic given `(seed, task id)`: the minibatch RNG is seeded from a SHA-256 of
both (never Python's salted `hash()`), data is read in its stored order, and NumPy on one machine
gives the same result for the same operations.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
import tqdm
import tensorflow as tf
import tensorflow_datasets as tfds

from nevis_bench import learner as learner_lib
from nevis_bench import preprocessing
from nevis_streams import events as events_lib

_ADAM_B1, _ADAM_B2, _ADAM_EPS = 0.9, 0.999, 1e-8
_READ_BATCH = 256
# Adam per parameter: two moment updates (3 + 4 FLOPs), two bias corrections, sqrt, divide,
# scale and subtract, plus weight decay (2): about 14 FLOPs.
_ADAM_FLOPS_PER_PARAM = 14


def _stable_seed(*parts: Any) -> int:
  """A 64-bit seed that is the same in every process (unlike Python's salted `hash`)."""
  digest = hashlib.sha256('\x1f'.join(str(p) for p in parts).encode()).digest()
  return int.from_bytes(digest[:8], 'little')


def _preprocess(image_size: int) -> Callable[[tf.Tensor], tf.Tensor]:
  """uint8 image of any size with 1, 3 or 4 channels -> flat float32 [D] in [0, 1]."""

  def fn(image: tf.Tensor) -> tf.Tensor:
    image = preprocessing.to_rgb(image)  # Every task has the same D.
    image = tf.image.resize(tf.cast(image, tf.float32) / 255.0, [image_size, image_size],
                            method='bilinear', antialias=True)
    return tf.reshape(image, [3 * image_size * image_size])

  return fn


def _read(ds: tf.data.Dataset, image_size: int,
          label_key: str | None) -> tuple[np.ndarray, np.ndarray | None, int]:
  """All of `ds` as (features [N, D] float32, labels or None, total input pixels)."""
  preprocess = _preprocess(image_size)

  def fn(example):
    height_width = tf.shape(example['image'])[:2]
    out = {'x': preprocess(example['image']),
           'pixels': tf.cast(tf.reduce_prod(height_width), tf.int64)}  # For the FLOP count.
    if label_key is not None:
      out['y'] = example[label_key]
    return out

  ds = ds.map(fn, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
  xs, ys, pixels = [], [], 0
  for batch in tfds.as_numpy(ds.batch(_READ_BATCH).prefetch(tf.data.AUTOTUNE)):
    xs.append(batch['x'])
    pixels += int(batch['pixels'].sum())
    if label_key is not None:
      ys.append(batch['y'])
  dim = 3 * image_size * image_size
  x = np.concatenate(xs) if xs else np.zeros((0, dim), np.float32)
  y = None if label_key is None else (np.concatenate(ys) if ys else np.zeros((0,), np.int64))
  return x, y, pixels


def _feature_flops(num_examples: int, input_pixels: int, image_size: int) -> float:
  """FLOPs of reading pixels (in TensorFlow), approximated.

  The antialiased bilinear resize is separable: each input value feeds about 2 taps (a
  multiply-add each) per pass, over two passes, so ~4 FLOPs per input value, plus ~4 per output
  value to normalise the filter weights. /255 costs 1 per input value. Channel conversion is a
  copy. Standardising is counted where it is done (`train`).
  """
  return float(3 * input_pixels * (4 + 1) + num_examples * 3 * image_size * image_size * 4)


def _spectrum(x: np.ndarray, image_size: int) -> tuple[np.ndarray, float]:
  """Per-channel log(1 + |FFT2|) of flat [N, D] pixels, and its approximate FLOPs.

  A 2D FFT of m = image_size**2 points costs ~5 m log2(m) FLOPs (the radix-2 estimate); the
  magnitude ~3 and log1p ~1 FLOP per value.
  """
  images = x.reshape(len(x), image_size, image_size, 3)
  spec = np.log1p(np.abs(np.fft.fft2(images, axes=(1, 2)))).astype(np.float32)
  m = image_size * image_size
  flops = len(x) * 3 * (5 * m * np.log2(m) + 4 * m)
  return spec.reshape(len(x), -1), float(flops)


def _step_flops(batch: int, dim: int, classes: int) -> float:
  """Analytic FLOPs of one training step, as done in `_fit`.

  Forward: x @ w (2BDC) + bias (BC). Loss gradient: softmax ~ max, subtract, exp, sum, divide
  (5BC) and subtract one-hot (BC); sigmoid ~ 4BC. Backward: dW = x^T g (2BDC), db (BC). No input
  gradient is needed. Adam: ~14 per parameter.
  """
  return float(4 * batch * dim * classes + 8 * batch * classes
               + _ADAM_FLOPS_PER_PARAM * (dim * classes + classes))


def _logits(x: np.ndarray, head: dict[str, np.ndarray]) -> np.ndarray:
  return ((x - head['mean']) / head['std']) @ head['w'] + head['b']


def _grad_logits(z: np.ndarray, y: np.ndarray, multi_label: bool) -> np.ndarray:
  """d(mean loss)/d(logits) for a batch: softmax or sigmoid cross-entropy."""
  if multi_label:
    p = 1.0 / (1.0 + np.exp(-z))
    return (p - y) / z.shape[0]
  z = z - z.max(axis=1, keepdims=True)
  p = np.exp(z)
  p /= p.sum(axis=1, keepdims=True)
  p[np.arange(len(y)), y] -= 1.0
  return p / z.shape[0]


def _fit(x: np.ndarray, y: np.ndarray, classes: int, multi_label: bool, *, steps: int,
         learning_rate: float, batch_size: int, weight_decay: float,
         rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, float]:
  """Adam on standardised `x`; returns (w [D, C], b [C], FLOPs)."""
  n, dim = x.shape
  w = np.zeros((dim, classes), np.float32)
  b = np.zeros((classes,), np.float32)
  moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
  target = y.astype(np.float32) if multi_label else y.astype(np.int64)
  batch = min(batch_size, n)
  order, pos = rng.permutation(n), 0
  for t in tqdm.trange(1, steps + 1, desc='steps', unit='step', leave=False, mininterval=0.5):
    if pos + batch > n:  # Epochs without replacement; a fresh permutation each epoch.
      order, pos = rng.permutation(n), 0
    idx = order[pos:pos + batch]
    pos += batch
    xb = x[idx]
    g = _grad_logits(xb @ w + b, target[idx], multi_label)
    grads = (xb.T @ g + weight_decay * w, g.sum(axis=0))
    for i, (param, grad) in enumerate(zip((w, b), grads)):
      m, v = moments[2 * i], moments[2 * i + 1]
      m *= _ADAM_B1
      m += (1 - _ADAM_B1) * grad
      v *= _ADAM_B2
      v += (1 - _ADAM_B2) * grad * grad
      m_hat = m / (1 - _ADAM_B1**t)
      v_hat = v / (1 - _ADAM_B2**t)
      param -= (learning_rate * m_hat / (np.sqrt(v_hat) + _ADAM_EPS)).astype(np.float32)
  return w, b, steps * _step_flops(batch, dim, classes)


def _dev_score(z: np.ndarray, y: np.ndarray, multi_label: bool) -> float:
  """Higher is better: accuracy (multi-class) or minus mean sigmoid cross-entropy."""
  if multi_label:
    loss = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
    return -float(loss.mean())
  return float((z.argmax(axis=1) == y).mean())


def _standardiser(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
  """(mean, std, FLOPs): std floored so constant pixels (e.g. borders) do not blow up."""
  mean = x.mean(axis=0)
  std = np.maximum(x.std(axis=0), 1e-3)
  return mean.astype(np.float32), std.astype(np.float32), float(4 * x.size)


def make_learner(image_size: int = 16, steps: int = 300, learning_rate: float = 3e-3,
                 batch_size: int = 256, seed: int = 0,
                 lr_multipliers: Sequence[float] = (0.3, 1.0, 3.0),
                 weight_decay: float = 1e-4,
                 features: str = 'pixels+spectrum') -> learner_lib.Learner:
  """A per-task linear probe on `image_size`^2 RGB pixels.

  Args:
    image_size: images are resized to this square size; D = 3 * image_size**2 pixel features.
    steps: Adam steps per fit (each candidate learning rate, and the final fit).
    learning_rate: the central Adam learning rate.
    batch_size: minibatch size (capped at the number of training examples).
    seed: with the task id, seeds the minibatch order.
    lr_multipliers: candidate rates are `learning_rate * m`, picked on `dev`; `(1.0,)` skips the
      selection and trains once on `train+dev`.
    weight_decay: L2 coefficient added to the weight gradient.
    features: 'pixels', or 'pixels+spectrum' to append each channel's log amplitude spectrum
      (D doubles); the spectrum ignores where things are, which pixels alone cannot.

  Returns:
    The learner. Its state is `{'heads': {task_id: {'w', 'b', 'mean', 'std', 'learning_rate'}}}`.
  """

  if features not in ('pixels', 'pixels+spectrum'):
    raise ValueError(f"features must be 'pixels' or 'pixels+spectrum', not {features!r}.")
  dim = 3 * image_size * image_size * (2 if features == 'pixels+spectrum' else 1)

  def extract(pixels: np.ndarray) -> tuple[np.ndarray, float]:
    """Pixel features -> the probe's [N, D] inputs, and the FLOPs spent (spectrum only)."""
    if features == 'pixels':
      return pixels, 0.0
    spec, flops = _spectrum(pixels, image_size)
    return np.concatenate([pixels, spec], axis=1), flops

  def init() -> learner_lib.State:
    return {'heads': {}}

  def train(event: events_lib.TrainingEvent, state: learner_lib.State,
            data: learner_lib.TrainingData, *,
            write_checkpoint: Callable[[Any], None] | None = None,
            resume_from: Any = None) -> tuple[learner_lib.State, learner_lib.ResourceUsage]:
    """Fits a fresh head for `event.task` (a repeated task is retrained from scratch).

    `write_checkpoint` is never called and `resume_from` is ignored: a fit takes seconds, and
    training is deterministic, so re-running an interrupted event from scratch gives the same
    head as an uninterrupted run.
    """
    del write_checkpoint, resume_from
    info = data.info
    classes, multi_label = info.num_classes, info.multi_label
    rng_seed = _stable_seed('linear_probe', seed, info.task_id)

    x_train, y_train, px_train = _read(data.dataset('train'), image_size, info.label_key)
    x_dev, y_dev, px_dev = _read(data.dataset('dev'), image_size, info.label_key)
    (x_train, f_train), (x_dev, f_dev) = extract(x_train), extract(x_dev)
    flops = (_feature_flops(len(x_train), px_train, image_size)
             + _feature_flops(len(x_dev), px_dev, image_size) + f_train + f_dev)
    if not len(x_train) + len(x_dev):
      raise ValueError(f'Task {info.task_id!r} has no training examples.')

    def fit(x, y, lr, rng_tag):
      nonlocal flops
      mean, std, f = _standardiser(x)
      z = (x - mean) / std
      w, b, f_fit = _fit(z, y, classes, multi_label, steps=steps, learning_rate=lr,
                         batch_size=batch_size, weight_decay=weight_decay,
                         rng=np.random.default_rng([rng_seed, rng_tag]))
      flops += f + 2 * x.size + f_fit
      return {'w': w, 'b': b, 'mean': mean, 'std': std}

    rates = [learning_rate * m for m in lr_multipliers]
    best_lr = rates[0]
    if len(rates) > 1 and len(x_train) and len(x_dev):
      scores = []
      for i, lr in enumerate(rates):
        head = fit(x_train, y_train, lr, i)
        scores.append(_dev_score(_logits(x_dev, head), y_dev, multi_label))
        flops += 2 * x_dev.size + 2 * len(x_dev) * dim * classes + 2 * len(x_dev) * classes
      best_lr = rates[int(np.argmax(scores))]  # Ties go to the first (smallest) rate.

    nonempty = [(x, y) for x, y in ((x_train, y_train), (x_dev, y_dev)) if len(x)]
    head = fit(np.concatenate([x for x, _ in nonempty]), np.concatenate([y for _, y in nonempty]),
               best_lr, len(rates))
    head['learning_rate'] = float(best_lr)
    heads = {**state['heads'], info.task_id: head}
    # Every head the learner holds counts (earlier tasks' heads are kept for prediction).
    held = sum(h['w'].size + h['b'].size for h in heads.values())
    return ({**state, 'heads': heads},
            learner_lib.ResourceUsage(flops=flops, peak_parameter_count=held))

  def predict(event: events_lib.PredictionEvent, state: learner_lib.State,
              data: learner_lib.PredictionData) -> Iterator[np.ndarray]:
    """[batch, num_classes] logits for `data`'s images, in order."""
    task_id = data.info.task_id
    if task_id not in state['heads']:
      raise ValueError(f'linear_probe has no head for {task_id!r}: it predicts only tasks it '
                       f'has trained on ({event}).')
    head = state['heads'][task_id]
    preprocess = _preprocess(image_size)
    ds = data.dataset().map(lambda ex: preprocess(ex['image']),
                            num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
    for x in tfds.as_numpy(ds.batch(_READ_BATCH).prefetch(tf.data.AUTOTUNE)):
      yield _logits(extract(x)[0], head).astype(np.float32)

  return learner_lib.Learner(init=init, train=train, predict=predict)
