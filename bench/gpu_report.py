"""One GPU report: JAX and PyTorch CifarResNet-34 at 64x64, bare step against full learner.

Runs `bench.train_throughput_jax` and `bench.train_throughput_torch` (bf16 on, then off) in
separate processes (JAX would otherwise hold most of the GPU's memory), each on the demo task
`demo_shapes` with the same model, image size and batch, and prints one table: images/s of the
train step alone and of the full learner (input pipeline, augmentation, metrics), their ratio,
model FLOPs utilisation against `--peak_tflops`, and the FLOPs per step each framework counts
(XLA's cost analysis; PyTorch's FLOP counter) with their ratio: the agreement of the two
baselines' compute accounting on the device. The same script runs on a CPU (small settings,
`--steps 3 --batch 8 --width 8`) to check it; MFU is then not applicable.

  python -m bench.gpu_report [--steps 200] [--batch 256] [--width 64] [--peak_tflops 989]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys


def _run(module: str, flags: list[str]) -> dict[str, object]:
  env = {**os.environ, 'XLA_PYTHON_CLIENT_PREALLOCATE': 'false'}
  out = subprocess.run([sys.executable, '-m', module, *flags, '--json'], check=True, env=env,
                       capture_output=True, text=True).stdout
  return json.loads(out.strip().splitlines()[-1])


def main() -> None:
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument('--steps', type=int, default=200)
  parser.add_argument('--batch', type=int, default=256)
  parser.add_argument('--width', type=int, default=64)
  parser.add_argument('--image_size', type=int, default=64)
  parser.add_argument('--workers', type=int, default=8, help='PyTorch DataLoader workers')
  parser.add_argument('--peak_tflops', type=float, default=989.0,
                      help='accelerator peak (H100/H200 SXM dense bf16: 989)')
  args = parser.parse_args()
  common = ['--steps', str(args.steps), '--batch', str(args.batch), '--width', str(args.width),
            '--image_size', str(args.image_size), '--backbone', 'cifar_resnet34',
            '--peak_tflops', str(args.peak_tflops)]
  rows = [('JAX', _run('bench.train_throughput_jax', common))]
  for bf16 in ('on', 'off'):
    rows.append((f'PyTorch bf16 {bf16}', _run(
        'bench.train_throughput_torch', [*common, '--workers', str(args.workers), '--bf16', bf16])))
  print(f'CifarResNet-34 width {args.width}, {args.image_size}x{args.image_size}, batch '
        f'{args.batch}, {args.steps} steps')
  for name, r in rows:
    print(f'  {name}: {r["setup"]}')
  print(f'{"":18s} {"step alone":>12s} {"full":>12s} {"full/alone":>10s} {"MFU":>7s} '
        f'{"GFLOPs/step":>12s}')
  for name, r in rows:
    mfu = f'{r["mfu"]:.1%}' if r['mfu'] is not None else 'n/a'
    print(f'{name:18s} {r["alone"]:10.1f}/s {r["full"]:10.1f}/s {r["full"] / r["alone"]:10.2f} '
          f'{mfu:>7s} {r["step_flops"] / 1e9:12.2f}')
  jax_flops, torch_flops = rows[0][1]['step_flops'], rows[1][1]['step_flops']
  print(f'FLOPs per train step, PyTorch / JAX: {torch_flops / jax_flops:.3f}')


if __name__ == '__main__':
  main()
