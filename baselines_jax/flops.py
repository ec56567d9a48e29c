"""FLOPs accounting for the JAX baselines (protocol section 4).

The reference counts the FLOPs of the whole compiled training step with XLA's cost model (forward, backward, weight
decay and optimiser update, elementwise ops included) and multiplies by the number of steps. `compiled_flops` does the
same with the current AOT API (`jit(...).lower(...).compile().cost_analysis()`) instead of the removed
`jax.xla_computation`. XLA counts a multiply-add as 2 FLOPs, as `nevis_bench.protocol.analytic_flops` does, whose
counts check the compiled ones.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

import jax


def _flops_from_cost_analysis(cost: Any) -> float:
  """'flops' of a cost analysis, which is a dict in recent JAX, a list of per-module dicts in older ones."""
  if cost is None:
    entries = []
  elif isinstance(cost, Mapping):
    entries = [cost]
  else:
    entries = [c for c in cost if c is not None]
  values = [float(c['flops']) for c in entries if 'flops' in c]
  if not values or any(v < 0 for v in values):
    raise RuntimeError(
        f'The {jax.default_backend()!r} backend gave no FLOPs estimate (cost_analysis returned {cost!r}).')
  return sum(values)


def compiled_flops(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> float:
  """FLOPs of one call of `fn(*args, **kwargs)` as compiled by XLA for the default backend.

  Every argument is traced (abstract values suffice, e.g. `jax.ShapeDtypeStruct`); bind Python values that control
  the trace, such as `train=True`, with `functools.partial` first. Nothing is executed.

  Raises:
    RuntimeError: if the backend's cost analysis has no 'flops' entry.
  """
  return executable_flops(jax.jit(fn).lower(*args, **kwargs).compile())


def executable_flops(compiled: Any) -> float:
  """FLOPs of one call of an already compiled executable (`jit(f).lower(...).compile()`)."""
  return _flops_from_cost_analysis(compiled.cost_analysis())
