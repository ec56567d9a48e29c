"""Multi-process launches (e.g. `torchrun`): every process runs the stream, one writes the run.

A launcher that starts several copies of `nevis run` (one per GPU) sets `RANK`; the benchmark
then writes its run directory (checkpoints, metrics, plots) from process 0 only, while every
process runs the same events so that the learner's collective operations line up.
"""

from __future__ import annotations

import os


def process_index() -> int:
  """This process's rank in a multi-process launch; 0 when launched alone."""
  return int(os.environ.get('RANK', '0'))


def is_primary() -> bool:
  """Whether this process writes the run's files."""
  return process_index() == 0
