"""The reference optimiser of the JAX baselines: SGD + Nesterov + masked L2, warmup-cosine LR.

`sgdw` is `optax.inject_hyperparams` around
`chain(add_decayed_weights(wd, mask=kernel_mask), sgd(lr, momentum, nesterov), scale(lr_scale))`.
The decay is added to the gradient before the learning rate (L2, as in the reference), only on
'kernel' leaves (conv and dense weights; not biases nor BatchNorm scale/offset).

Plateau halving: `lr_scale` is an injected hyperparameter kept in the optimiser state
(`opt_state.hyperparams['lr_scale']`, float32, initially 1). It multiplies the whole update after
the momentum trace, exactly like the reference's `updates * lr_scale`, so halving it halves the
step without touching the momentum buffer. The trainer halves it outside `jit`:

  opt_state = optim.with_lr_scale(opt_state, 0.5 * optim.lr_scale(opt_state))

It is an array in the state, so changing it does not retrace a jitted update. The current
scheduled rate (before the scale) is `opt_state.hyperparams['learning_rate']`.

Search without recompiling: the train step computes the scheduled rate itself from traced
arguments (`warmup_cosine_value`) and writes it, and the weight decay, into the state
(`with_hyperparams`) before each update, so one compiled step serves every trial of a search.
"""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp
import optax


def warmup_cosine(peak_lr: float, max_steps: int, warmup_steps: int,
                  final_lr: float = 1e-8) -> optax.Schedule:
  """Linear 0 -> peak_lr over warmup_steps, then cosine to final_lr at max_steps.

  As in the reference, the cosine's decay_steps counts from step 0 (it includes the warmup).
  `warmup_steps` is clipped to [0, max_steps - 1], as the reference does when it computes it.
  """
  warmup_steps = clipped_warmup_steps(warmup_steps, max_steps)
  return optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=peak_lr,
                                            warmup_steps=warmup_steps, decay_steps=max_steps,
                                            end_value=final_lr)


def warmup_cosine_value(count: jax.Array, peak_lr: jax.Array, warmup_steps: jax.Array,
                        max_steps: jax.Array, final_lr: jax.Array) -> jax.Array:
  """`warmup_cosine(peak_lr, max_steps, warmup_steps, final_lr)(count)` with traced arguments.

  The same values as the optax schedule (warm-up steps clipped as `clipped_warmup_steps` does,
  on the host), so trials that differ only in these numbers share one compiled train step.
  """
  count = jnp.asarray(count, jnp.float32)
  warmup = jnp.maximum(warmup_steps, 1.0)
  decay_steps = max_steps - warmup_steps
  progress = jnp.clip(count - warmup_steps, 0.0, decay_steps) / decay_steps
  cosine = final_lr + (peak_lr - final_lr) * 0.5 * (1.0 + jnp.cos(jnp.pi * progress))
  return jnp.where(count < warmup_steps, peak_lr * count / warmup, cosine)


def clipped_warmup_steps(warmup_steps: int, max_steps: int) -> int:
  """Warm-up clipped to [0, max_steps - 1], as the reference does when it computes it."""
  if max_steps < 1:
    raise ValueError(f'max_steps must be positive, got {max_steps}.')
  return max(0, min(int(warmup_steps), max_steps - 1))


def _key_name(key: Any) -> Any:
  """The name in one pytree path entry (dict key or attribute)."""
  for attr in ('key', 'name'):
    if hasattr(key, attr):
      return getattr(key, attr)
  return None


def kernel_mask(params: Any) -> Any:
  """A pytree like `params`: True on leaves named 'kernel' (flax Conv/Dense weights) only."""
  return jax.tree_util.tree_map_with_path(
      lambda path, _: bool(path) and _key_name(path[-1]) == 'kernel', params)


def sgdw(learning_rate: optax.ScalarOrSchedule, *, momentum: float | None = 0.9,
         nesterov: bool = True, weight_decay: float = 1e-4) -> optax.GradientTransformation:
  """SGD with (Nesterov) momentum and L2 on kernels, with an injectable `lr_scale` (see module)."""

  def make(learning_rate, lr_scale, momentum, weight_decay) -> optax.GradientTransformation:
    return optax.chain(
        optax.add_decayed_weights(weight_decay, mask=kernel_mask),
        optax.sgd(learning_rate, momentum=momentum, nesterov=nesterov),
        optax.scale(lr_scale),
    )

  return optax.inject_hyperparams(make)(learning_rate=learning_rate, lr_scale=1.0,
                                        momentum=momentum, weight_decay=weight_decay)


def lr_scale(opt_state: Any) -> float:
  """The plateau multiplier held in an `sgdw` state."""
  return float(opt_state.hyperparams['lr_scale'])


def with_hyperparams(opt_state: Any, **values: Any) -> Any:
  """A copy of an `sgdw` state with the named hyper-parameters set (the input is kept)."""
  old = opt_state.hyperparams
  unknown = set(values) - set(old)
  if unknown:
    raise KeyError(f'not hyper-parameters of this state: {sorted(unknown)}')
  new = {name: jnp.asarray(value, old[name].dtype) for name, value in values.items()}
  return opt_state._replace(hyperparams={**old, **new})


def with_lr_scale(opt_state: Any, scale: float) -> Any:
  """A copy of an `sgdw` state with the plateau multiplier set to `scale` (the input is kept)."""
  return with_hyperparams(opt_state, lr_scale=scale)
