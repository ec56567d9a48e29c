"""FLOPs accounting for the PyTorch baselines with `torch.utils.flop_counter.FlopCounterMode`.

The counter records the matmuls and convolutions (forward and backward) that actually run, on
the device the model runs on (the reference fed CPU tensors to a CUDA model under its own
counter, which crashed). A multiply-add counts 2, as in XLA's cost model; unlike XLA, PyTorch
counts the taps of a convolution that fall on padding, and it leaves out elementwise work
(batch norm, ReLU, the optimiser update), which is a few percent of a ResNet step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from torch.utils import flop_counter


def count_flops(fn: Callable[[], Any]) -> tuple[Any, float]:
  """Runs `fn()` once under the counter; returns (its result, the FLOPs it spent)."""
  with flop_counter.FlopCounterMode(display=False) as counter:
    result = fn()
  return result, float(counter.get_total_flops())
