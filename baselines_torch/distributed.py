"""Data parallelism over the local GPUs with `torchrun` (DDP); one CPU process otherwise.

`torchrun --nproc_per_node=N -m nevis_bench.cli run ...` starts N copies of the benchmark. Each
runs the same events; the learner trains with DistributedDataParallel, each process on its
share of every batch, and only process 0 writes the run's files (`nevis_bench.launch`) and the
learner's model files.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from typing import Any

import torch
from torch import distributed as dist


@dataclasses.dataclass(frozen=True)
class Context:
  """This process's place in the job and the device it computes on."""

  rank: int
  world: int
  device: torch.device

  @property
  def is_primary(self) -> bool:
    return self.rank == 0


def context() -> Context:
  """Joins the torchrun job (NCCL on GPUs, Gloo on CPU) if launched by torchrun."""
  world = int(os.environ.get('WORLD_SIZE', '1'))
  rank = int(os.environ.get('RANK', '0'))
  local_rank = int(os.environ.get('LOCAL_RANK', '0'))
  if torch.cuda.is_available():
    device = torch.device('cuda', local_rank)
    torch.cuda.set_device(device)
  else:
    device = torch.device('cpu')
  if world > 1 and not dist.is_initialized():
    dist.init_process_group('nccl' if device.type == 'cuda' else 'gloo',
                            timeout=datetime.timedelta(hours=2))
  return Context(rank, world, device)


def all_sum(values: list[float], ctx: Context) -> list[float]:
  """Element-wise sum of `values` over the processes."""
  if ctx.world == 1:
    return values
  tensor = torch.tensor(values, dtype=torch.float64, device=ctx.device)
  dist.all_reduce(tensor)
  return tensor.tolist()


def broadcast(value: Any, ctx: Context) -> Any:
  """Process 0's `value`, on every process (small Python values between our own processes)."""
  if ctx.world == 1:
    return value
  box = [value]
  dist.broadcast_object_list(box, src=0)
  return box[0]


def barrier(ctx: Context) -> None:
  if ctx.world > 1:
    dist.barrier()
