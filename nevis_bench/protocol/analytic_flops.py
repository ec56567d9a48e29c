"""Analytic FLOPs of dense layers and convolutions, to check the baselines' FLOPs counters.

A multiply-add counts 2 FLOPs, the convention of XLA's cost model and of PyTorch's
`FlopCounterMode`.
"""

from __future__ import annotations


def dense_flops(batch: int, fan_in: int, fan_out: int) -> float:
  """FLOPs of `x @ W` for x [batch, fan_in]: 2 * batch * fan_in * fan_out."""
  return 2.0 * batch * fan_in * fan_out


def conv2d_flops(batch: int, out_h: int, out_w: int, kernel_h: int, kernel_w: int, in_ch: int,
                 out_ch: int) -> float:
  """FLOPs of a dense (ungrouped) 2D convolution: 2 per kernel tap and output element.

  With SAME padding XLA skips the taps that fall on padding, so its count is slightly lower
  (about 4% for a 3x3 kernel on a 32x32 map); PyTorch counts every tap.
  """
  return 2.0 * batch * out_h * out_w * kernel_h * kernel_w * in_ch * out_ch
