"""The report both train-throughput benchmarks print, so that their numbers read the same."""

from __future__ import annotations

import json


def print_report(setup: str, *, alone: float, full: float, step_flops: float, batch: int,
                 peak_tflops: float | None, json_framework: str | None = None) -> None:
  """Images per second of the step alone and of the full learner, their ratio, and MFU.

  Args:
    setup: one line naming the device and the model.
    alone: images per second of the train step alone.
    full: images per second of the full learner.
    step_flops: FLOPs of one train step.
    batch: images per step.
    peak_tflops: the accelerator's peak, for the model FLOPs utilisation; None on CPU.
    json_framework: also print the figures as one JSON line, under this framework's name
      (read by `bench.gpu_report`).
  """
  print(setup)
  print(f'train step alone: {alone:9.1f} images/s')
  print(f'full learner:     {full:9.1f} images/s')
  if peak_tflops is not None:
    achieved = step_flops * alone / batch
    print(f'model FLOPs utilisation (step alone): {achieved / (peak_tflops * 1e12):.1%} '
          f'({achieved / 1e12:.1f} TFLOP/s)')
  print(f'full / alone (target >= 0.9): {full / alone:.2f}')
  if json_framework:
    print(json.dumps(figures(json_framework, setup, alone=alone, full=full,
                             step_flops=step_flops, batch=batch, peak_tflops=peak_tflops)))


def figures(framework: str, setup: str, *, alone: float, full: float, step_flops: float,
            batch: int, peak_tflops: float | None) -> dict[str, object]:
  """The report's numbers as a dict (one JSON line of a benchmark, read by `gpu_report`)."""
  utilisation = (step_flops * alone / batch / (peak_tflops * 1e12)) if peak_tflops else None
  return {'framework': framework, 'setup': setup, 'alone': alone, 'full': full,
          'step_flops': step_flops, 'batch': batch, 'mfu': utilisation}
