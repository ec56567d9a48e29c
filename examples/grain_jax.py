"""Grain over a NEVIS task feeding the JAX baseline's train step, with no TensorFlow in the process.

  nevis demo --data_dir /tmp/nevis_demo   # or: nevis build TASK; nevis convert TASK
  python examples/grain_jax.py --data_dir /tmp/nevis_demo [--task demo_shapes] [--steps 30]

`tfds.data_source` gives random access to the task's ArrayRecord files, images already decoded
to NumPy; Grain shuffles them (every epoch differently, from the seed), augments each example as
the JAX baseline does (`grain_pipeline.preprocess_train`: Inception crop, bilinear resize, flip,
[-1, 1]), batches, and prefetches in threads; the batches go to the jitted train step of
`baselines_jax.train`. Prints the loss, the images/s of the loop and whether TensorFlow was
imported (it never is: TFDS imports it only for tf.data).
"""

from __future__ import annotations

import argparse
import functools
import sys
import time

import grain
import jax
import numpy as np
import tensorflow_datasets as tfds

from baselines_jax import grain_pipeline
from baselines_jax import models
from baselines_jax import train as train_lib
# Registers nevis/* (its builders give the errors below); imports no TensorFlow.
from nevis_datasets import catalog
from nevis_datasets import errors


def augment(example: dict[str, np.ndarray], rng: np.random.Generator, *,
            image_size: int) -> dict[str, np.ndarray]:
  return {'image': grain_pipeline.preprocess_train(example['image'], rng, image_size),
          'label': np.int32(example['label'])}


def main() -> None:
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument('--data_dir', required=True)
  parser.add_argument('--task', default='demo_shapes', help='a single-label task')
  parser.add_argument('--steps', type=int, default=30)
  parser.add_argument('--batch', type=int, default=32)
  parser.add_argument('--image_size', type=int, default=32)
  parser.add_argument('--seed', type=int, default=0)
  args = parser.parse_args()
  try:
    if catalog.get(args.task).multi_label:
      parser.error(f'{args.task} is multi-label; pass a single-label task (`nevis list`).')
    if not tfds.builder(f'nevis/{args.task}', data_dir=args.data_dir).is_prepared():
      parser.error(f'{args.task} is not built in {args.data_dir}: nevis build {args.task} '
                   f'--data_dir {args.data_dir} --file_format array_record')
    # Raises NoArrayRecordError, naming the `nevis convert` command, on a TFRecord-only task.
    source = tfds.data_source(f'nevis/{args.task}', split='train', data_dir=args.data_dir)
  except errors.UserError as e:
    parser.exit(2, f'{parser.prog}: {e}\n')
  num_classes = source.dataset_info.features['label'].num_classes
  dataset = (grain.MapDataset.source(source)
             .seed(args.seed)
             .shuffle()  # A new permutation every epoch (grain_pipeline caches a NumPy one).
             .repeat()
             .random_map(functools.partial(augment, image_size=args.image_size))
             .batch(args.batch, drop_remainder=True)
             .to_iter_dataset(grain.ReadOptions(num_threads=4, prefetch_buffer_size=8)))

  model = models.Classifier(backbone=models.make_backbone('cifar_resnet18', 8),
                            num_outputs=num_classes)
  image = np.zeros((1, args.image_size, args.image_size, 3), np.float32)
  # Jitted, with an RBG key: on CPU XLA compiles the initialisers ~4x faster than threefry's.
  init = jax.jit(model.init, static_argnames='train')
  variables = init(jax.random.key(args.seed, impl='rbg'), image, train=False)
  params, stats = variables['params'], variables['batch_stats']
  steps = train_lib.steps_for(model, multi_label=False)  # The baseline's jitted steps.
  opt_state = steps.tx.init(params)
  config = train_lib.FitConfig(max_steps=args.steps, learning_rate=0.05, warmup_epochs=1)
  hyper = train_lib.hyperparams(config, len(source), args.batch)

  print(f'nevis/{args.task}: {len(source)} train examples, {num_classes} classes; '
        f'batch {args.batch}, {args.image_size} px, on {jax.devices()[0].device_kind}')
  started = None
  for step, batch in zip(range(1, args.steps + 1), dataset):
    (params, stats, opt_state, loss, _), _ = steps.train(params, stats, opt_state, batch, hyper,
                                                         np.float32(1.0))
    if step == 1:  # Compiled: time the rest.
      loss.block_until_ready()
      started = time.perf_counter()
    if step % 10 == 0 or step == args.steps:
      print(f'step {step}: loss {float(loss):.4f}')
  loss.block_until_ready()
  if args.steps > 1:
    rate = (args.steps - 1) * args.batch / (time.perf_counter() - started)
    print(f'{rate:.0f} images/s over steps 2-{args.steps} (input and train step)')
  print('tensorflow imported:', 'tensorflow' in sys.modules)
  assert 'tensorflow' not in sys.modules, 'the Grain path imported TensorFlow'


if __name__ == '__main__':
  main()
