"""PyTorch training throughput: the train step alone against the full learner with its DataLoader.

Same task (demo_shapes), model, batch size and device. "Step alone" runs forward, backward and the
optimiser step on one batch already on the device; "full loop" is `baselines_torch.train.fit`
(ArrayRecord reads and decoding, augmentation in DataLoader workers, host-to-device copies,
metrics every `log_every` steps). Start-up is left out: the loop is timed between its first and
last metric fetches. The last line is full / alone (target >= 0.9). With a GPU it also prints
the model FLOPs utilisation of the step alone against the card's peak (`--peak_tflops`).

  python -m bench.train_throughput_torch [--steps 100] [--batch 64] [--image_size 64]
                                         [--workers 1] [--bf16 on|off] [--json]

`--bf16 off` runs both in float32 (bfloat16 autocast, the default, applies on a GPU only);
`--json` adds one JSON line of the figures (for `bench.gpu_report`).
"""

from __future__ import annotations

import argparse
import tempfile
import time

import torch
import tensorflow_datasets as tfds

from baselines_torch import distributed
from baselines_torch import flops as flops_lib
from baselines_torch import models
from baselines_torch import optim
from baselines_torch import train as train_lib
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
  parser.add_argument('--workers', type=int, default=1, help='DataLoader worker processes')
  parser.add_argument('--bf16', choices=('on', 'off'), default='on',
                      help='bfloat16 autocast on a GPU (the learner default: on)')
  parser.add_argument('--json', action='store_true', help='also print the figures as JSON')
  parser.add_argument('--peak_tflops', type=float, default=989.0,
                      help='accelerator peak (H100 SXM dense bf16: 989)')
  args = parser.parse_args()
  ctx = distributed.context()
  bf16 = args.bf16 == 'on'

  with tempfile.TemporaryDirectory() as tmp:
    datasets_cli.build_demo_tasks(tmp)  # With ArrayRecord files.
    builder = tfds.builder('nevis/demo_shapes', data_dir=tmp)
    info = learner_lib.TaskInfo('demo_shapes', 4, False,
                                tuple(builder.info.features['label'].names), 'label')
    data = learner_lib.TrainingData(builder, info, events_lib.TRAINING_SPLITS,
                                    events_lib.TrainingEvent('demo_shapes'))

    def new_model() -> models.Classifier:
      torch.manual_seed(0)
      return models.Classifier(models.make_backbone(args.backbone, args.width), 4)

    def full_loop(steps: int) -> float:
      """Images per second of `fit` between its first and last metric fetch."""
      config = train_lib.FitConfig(max_steps=steps, learning_rate=0.05, batch_size=args.batch,
                                   image_size=args.image_size, validate_every=10**9,
                                   log_every=max(1, steps // 10))
      runtime = train_lib.Runtime(num_workers=args.workers, mixed_precision=bf16)
      history = [h for h in train_lib.fit(new_model(), data, config, seed=0, ctx=ctx,
                                          runtime=runtime).history if 'seconds' in h]
      first, last = history[0], history[-1]
      return (last['step'] - first['step']) * args.batch / (last['seconds'] - first['seconds'])

    model = new_model().to(ctx.device).train()
    optimizer = optim.sgdw(model)
    optim.set_learning_rate(optimizer, 0.05)
    images = torch.randn(args.batch, 3, args.image_size, args.image_size, device=ctx.device)
    labels = torch.randint(0, 4, (args.batch,), device=ctx.device)

    def one_step() -> torch.Tensor:
      with train_lib._autocast(ctx.device, bf16):  # pylint: disable=protected-access
        logits, _ = model(images)
      loss, _ = train_lib.loss_and_error(logits, labels, 0.0, False)
      optimizer.zero_grad(set_to_none=True)
      loss.mean().backward()
      optimizer.step()
      return loss.mean().detach()

    def step_alone(steps: int) -> float:
      start = time.perf_counter()
      for _ in range(steps):
        loss = one_step()
      float(loss)  # Waits for the device.
      return time.perf_counter() - start

    _, step_flops = flops_lib.count_flops(one_step)
    step_alone(3)  # Warm-up.
    full_loop(10)  # Warm the readers.
    n = args.steps
    alone = n * args.batch / step_alone(n)
    full = full_loop(n + n // 10)
  setup = (f'{ctx.device} ({torch.get_num_threads()} threads); {args.backbone} width '
           f'{args.width}, {args.image_size}px, batch {args.batch}, {args.workers} DataLoader '
           f'worker(s), bf16 {args.bf16 if ctx.device.type == "cuda" else "n/a (CPU)"}')
  peak = args.peak_tflops if ctx.device.type == 'cuda' else None
  throughput_report.print_report(setup, alone=alone, full=full, step_flops=step_flops,
                                 batch=args.batch, peak_tflops=peak,
                                 json_framework='torch' if args.json else None)

if __name__ == '__main__':
  main()
