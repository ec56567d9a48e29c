"""JAX training throughput: the jitted train step alone against the full learner's loop.

Same task (demo_shapes), model, batch size and devices. "Step alone" runs the compiled train step
on one batch already on the device; "full loop" is `baselines_jax.train.fit` (tf.data decode,
augmentation and batching, host-to-device transfer, metrics every `log_every` steps). Compilation
and fixed costs are left out: the step alone is timed after compiling, the loop between its
first and last metric fetches. The last line is full / alone (target >= 0.9). With a GPU it
also prints the model FLOPs utilisation of the step alone against the card's peak
(`--peak_tflops`).

  python -m bench.train_throughput_jax [--steps 100] [--batch 64] [--image_size 64] [--json]

`--json` adds one JSON line of the figures (for `bench.gpu_report`).
"""

from __future__ import annotations

import argparse
import tempfile
import time

import jax
import numpy as np
import tensorflow_datasets as tfds

from baselines_jax import input_pipeline
from baselines_jax import models
from baselines_jax import train as train_lib
from bench import throughput_report
from nevis_bench import learner as learner_lib
from nevis_datasets import cli as datasets_cli
from nevis_streams import events as events_lib


def main() -> None:
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument('--steps', type=int, default=100)
  parser.add_argument('--batch', type=int, default=64)
  parser.add_argument('--image_size', type=int, default=64)
  parser.add_argument('--backbone', default='cifar_resnet18')
  parser.add_argument('--width', type=int, default=16)
  parser.add_argument('--peak_tflops', type=float, default=989.0,
                      help='accelerator peak (H100 SXM dense bf16: 989)')
  parser.add_argument('--json', action='store_true', help='also print the figures as JSON')
  args = parser.parse_args()

  with tempfile.TemporaryDirectory() as tmp:
    datasets_cli.build_demo_tasks(tmp)
    builder = tfds.builder('nevis/demo_shapes', data_dir=tmp)
    info = learner_lib.TaskInfo('demo_shapes', 4, False,
                                tuple(builder.info.features['label'].names), 'label')
    data = learner_lib.TrainingData(builder, info, events_lib.TRAINING_SPLITS,
                                    events_lib.TrainingEvent('demo_shapes'))
    model = models.Classifier(backbone=models.make_backbone(args.backbone, args.width),
                              num_outputs=4)
    image = np.zeros((1, args.image_size, args.image_size, 3), np.float32)
    variables = jax.tree.map(np.asarray, model.init(jax.random.PRNGKey(0), image, train=False))

    def full_loop(steps: int) -> float:
      """Images per second of `fit` between its first and last metric fetch (after compiling)."""
      log_every = max(1, steps // 10)
      config = train_lib.FitConfig(max_steps=steps, learning_rate=0.05, batch_size=args.batch,
                                   image_size=args.image_size, validate_every=10**9,
                                   log_every=log_every)
      history = [h for h in train_lib.fit(model, variables, data, config, seed=0).history
                 if 'seconds' in h]
      first, last = history[0], history[-1]
      return (last['step'] - first['step']) * args.batch / (last['seconds'] - first['seconds'])

    # The step alone, on one batch already on the devices.
    the_mesh = train_lib.mesh()
    steps_fns = train_lib.steps_for(model, False)
    tx = steps_fns.tx
    hyper = train_lib.hyperparams(
        train_lib.FitConfig(max_steps=10**6, learning_rate=0.05), num_train=10**5,
        batch_size=args.batch)
    batch = next(input_pipeline.train_batches(data, 'train', args.batch, seed=0,
                                              image_size=args.image_size))
    batch = train_lib._shard(batch, the_mesh)  # pylint: disable=protected-access
    params = train_lib._replicate(variables['params'], the_mesh)  # pylint: disable=protected-access
    stats = train_lib._replicate(variables['batch_stats'], the_mesh)  # pylint: disable=protected-access
    opt_state = train_lib._replicate(tx.init(params), the_mesh)  # pylint: disable=protected-access
    state = (params, stats, opt_state)

    step_flops = 0.0

    def step_alone(steps: int) -> float:
      nonlocal state, step_flops
      start = time.perf_counter()
      for _ in range(steps):
        (p, s, o, loss, _), step_flops = steps_fns.train(*state, batch, hyper,
                                                         np.float32(1.0))
        state = (p, s, o)
      loss.block_until_ready()
      return time.perf_counter() - start

    step_alone(3)  # Compile.
    full_loop(10)  # Warm the input pipeline and TF.
    n = args.steps
    alone = n * args.batch / step_alone(n)
    full = full_loop(n + n // 10)
  setup = (f'{jax.device_count()} x {jax.devices()[0].device_kind}; {args.backbone} width '
           f'{args.width}, {args.image_size}px, batch {args.batch}')
  peak = args.peak_tflops if jax.default_backend() == 'gpu' else None
  throughput_report.print_report(setup, alone=alone, full=full, step_flops=step_flops,
                                 batch=args.batch, peak_tflops=peak,
                                 json_framework='jax' if args.json else None)


if __name__ == '__main__':
  main()
