"""PyTorch optimiser and input pipeline: the JAX baseline's schedule, decay mask and data rules."""

from __future__ import annotations

import itertools
import numpy as np
import optax
import pytest
import torch

from baselines_torch import data as data_lib
from baselines_torch import models
from baselines_torch import optim
from nevis_bench import preprocessing
from nevis_datasets import cli as datasets_cli


def test_schedule_equals_the_optax_schedule_of_the_jax_baseline():
  ours = optim.warmup_cosine(0.1, max_steps=1000, warmup_steps=70)
  reference = optax.warmup_cosine_decay_schedule(0.0, 0.1, 70, 1000, 1e-8)
  for step in (0, 1, 35, 69, 70, 71, 500, 999, 1000, 1200):
    assert ours(step) == pytest.approx(float(reference(step)), rel=1e-5, abs=1e-9), step
  # Warm-up is clipped below max_steps, as in the JAX baseline.
  assert optim.warmup_cosine(0.1, 10, 70)(9) == pytest.approx(0.1)


def test_weight_decay_only_on_conv_and_linear_weights():
  model = models.Classifier(models.make_backbone('cifar_resnet18', 4), 3)
  decayed = {n for n, p in model.named_parameters() if optim.decays(n, p)}
  assert 'backbone.stem.0.weight' in decayed and 'head.weight' in decayed
  assert not any(n.endswith('bias') or '.bn' in n or 'stem.1' in n for n in decayed)
  groups = optim.sgdw(model, weight_decay=1e-3).param_groups
  assert [g['weight_decay'] for g in groups] == [1e-3, 0.0]
  assert sum(len(g['params']) for g in groups) == len(list(model.parameters()))


def test_sgdw_step_is_nesterov_with_l2_and_the_lr_scale_leaves_momentum_alone():
  w = torch.nn.Parameter(torch.tensor([[1.0, -2.0]]))
  module = torch.nn.Module()
  module.weight = w
  opt = optim.sgdw(module, weight_decay=0.1, momentum=0.9)
  trace = np.zeros(2)
  value = np.array([1.0, -2.0])
  for lr in (0.5, 0.25):  # The second step as after a plateau halving.
    optim.set_learning_rate(opt, lr)
    grad = np.array([0.3, 0.4])
    w.grad = torch.tensor(grad[None], dtype=torch.float32)
    opt.step()
    g = grad + 0.1 * value  # L2 before momentum.
    trace = 0.9 * trace + g
    value = value - lr * (g + 0.9 * trace)  # Nesterov.
    np.testing.assert_allclose(w.detach().numpy()[0], value, rtol=1e-6)


def test_random_windows_follow_the_inception_constraints():
  rng = np.random.default_rng(0)
  for _ in range(200):
    h, w = rng.integers(8, 300, size=2)
    window = top, left, height, width = preprocessing.random_window(int(h), int(w), rng)
    assert 0 <= top and top + height <= h and 0 <= left and left + width <= w
    # Either a sampled window covering >= 10% or, when all attempts fail, the central square.
    assert (height * width >= 0.1 * h * w
            or window == preprocessing.central_square(int(h), int(w))), (h, w, window)
  assert preprocessing.random_window(1, 1, rng) == (0, 0, 1, 1)


def test_to_tensor_makes_rgb_in_minus_one_one():
  gray = np.full((10, 20, 1), 255, np.uint8)
  x = data_lib.to_tensor(gray, preprocessing.central_square(10, 20), 8)
  assert x.shape == (3, 8, 8) and torch.all(x == 1.0)
  ramp = np.tile(np.arange(4, dtype=np.uint8)[None, :, None] * 80, (4, 1, 3))
  flipped = data_lib.to_tensor(ramp, (0, 0, 4, 4), 4, flip=True)
  assert flipped[0, 0, 0] > flipped[0, 0, -1]  # Brightest column first after the flip.
  assert flipped.min() >= -1.0 and flipped.max() <= 1.0


def test_epoch_sampler_shards_the_single_process_stream():
  single = data_lib.EpochSampler(7, seed=3)
  stream = [next(it) for it in [iter(single)] for _ in range(21)]
  assert sorted(i for _, i in stream[:7]) == list(range(7))  # Each epoch is a permutation.
  shards = [iter(data_lib.EpochSampler(7, seed=3, rank=r, world=2)) for r in range(2)]
  merged = sorted([next(shards[0]) for _ in range(11)] + [next(shards[1]) for _ in range(10)])
  assert merged == stream


@pytest.fixture(scope='module')
def source(tmp_path_factory):
  import tensorflow_datasets as tfds  # pylint: disable=g-import-not-at-top
  path = str(tmp_path_factory.mktemp('data'))
  datasets_cli.build_demo_tasks(path)
  return tfds.builder('nevis/demo_gratings', data_dir=path).as_data_source('dev')


def _batches(dataset, sampler, workers: int, count: int):
  loader = data_lib.loader(dataset, 16, sampler=sampler, num_workers=workers, drop_last=True)
  it = iter(loader)
  return [next(it) for _ in range(count)]


def test_several_workers_give_the_same_batches_as_none(source):
  dataset = data_lib.TrainSet(source, 'label', seed=5, image_size=16)
  sampler = data_lib.EpochSampler(len(source), seed=5)
  in_process = _batches(dataset, sampler, 0, 12)  # More than an epoch (159 examples).
  with_workers = _batches(dataset, sampler, 2, 12)
  for (x0, y0), (x2, y2) in zip(in_process, with_workers):
    assert x0.shape == (16, 3, 16, 16) and y0.dtype == torch.int64
    torch.testing.assert_close(x0, x2, rtol=0, atol=0)
    torch.testing.assert_close(y0, y2)
  labels = np.array([int(source[i]['label']) for i in range(len(source))])
  first_indices = [index for _, index in itertools.islice(iter(sampler), 16)]
  assert in_process[0][1].tolist() == labels[first_indices].tolist()


def test_eval_set_keeps_the_source_order(source):
  examples = data_lib.EvalSet(source, 'label', image_size=8)
  batches = list(data_lib.loader(examples, 64, num_workers=2))
  labels = torch.cat([y for _, y in batches]).numpy()
  np.testing.assert_array_equal(labels, [int(source[i]['label']) for i in range(len(source))])
  images = torch.cat([x for x, _ in batches])
  assert images.shape == (len(source), 3, 8, 8)
  assert -1.0 <= float(images.min()) < float(images.max()) <= 1.0
