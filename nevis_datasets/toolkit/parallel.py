"""Encoding examples on every core, in order, with bounded memory.

Decoding many small images is dominated by Python work around the codec, so threads serialise
on the GIL (measured: two threads are slower than one). Worker processes are started with
`forkserver` (forking a process that has TensorFlow's threads running is unsafe) and receive
chunks of cheap example references (paths, zip members, boxes), never decoded pixels.

Workers exit when the process that started the pool dies, even by `kill -9`: each one watches
it. (Their parent is the forkserver, which, like multiprocessing's resource tracker, lives
until the last worker is gone; left alone, workers blocked on their task queue lived forever.)
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import itertools
import multiprocessing
import os
import select
import sys
import threading
import time
import types
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar('T')
R = TypeVar('R')

# Below this many examples, starting processes costs more than it saves.
MIN_EXAMPLES_FOR_PROCESSES = 1000
# Examples per task sent to a worker: large enough to amortise the inter-process round trip
# (16 per chunk was 25% slower on 10,000 small JPEGs than 256).
_CHUNK = 256
# Chunks in flight: the workers run up to 2,048 examples ahead while TFDS writes a split.
_IN_FLIGHT = 8


def _map_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
  return [fn(item) for item in chunk]


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
  chunk: list[T] = []
  for item in items:
    chunk.append(item)
    if len(chunk) == size:
      yield chunk
      chunk = []
  if chunk:
    yield chunk


def _exit_with(pid: int) -> None:
  """Ends this process as soon as process `pid` has ended."""
  try:
    handle = os.pidfd_open(pid)  # Linux: readable when the process ends, no polling.
  except ProcessLookupError:
    os._exit(1)  # pylint: disable=protected-access
  except (AttributeError, OSError):  # Other systems: poll whether it still exists.
    while True:
      time.sleep(1.0)
      try:
        os.kill(pid, 0)
      except ProcessLookupError:
        os._exit(1)  # pylint: disable=protected-access
  select.select([handle], [], [])
  os._exit(1)  # pylint: disable=protected-access


def _watch_owner(pid: int) -> None:
  """Worker initializer: exit when the pool's owner `pid` dies."""
  threading.Thread(target=_exit_with, args=(pid,), daemon=True, name='owner-watch').start()


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
  """Keeps new workers from re-running the user's script.

  By default multiprocessing imports the parent's `__main__` in every worker, which fails for
  the many scripts that call `download_and_prepare()` without an `if __name__ == '__main__'`
  guard. The workers only run toolkit code, so they need nothing from `__main__`.
  """
  main = sys.modules['__main__']
  sys.modules['__main__'] = types.ModuleType('__main__')
  try:
    yield
  finally:
    sys.modules['__main__'] = main


class EncodingPool:
  """A lazily started process pool; `map` falls back to this process for small inputs."""

  def __init__(self, workers: int | None = None):
    self._workers = workers or os.cpu_count() or 1
    self._pool: concurrent.futures.ProcessPoolExecutor | None = None

  def map(self, fn: Callable[[T], R], items: Iterable[T], size: int | None = None
          ) -> Iterator[R]:
    """`map(fn, items)` in order; `fn` and the items must be picklable.

    Args:
      fn: the function, run in worker processes.
      items: its inputs.
      size: how many items there are, where `items` has no `len`; None if unknown.
    """
    size = len(items) if size is None and hasattr(items, '__len__') else size
    if self._workers == 1 or (size is not None and size < MIN_EXAMPLES_FOR_PROCESSES):
      yield from map(fn, items)
      return
    if self._pool is None:
      context = multiprocessing.get_context('forkserver')
      context.set_forkserver_preload(['nevis_datasets'])
      # An executor, not multiprocessing.Pool: a worker that dies (out of memory, a crash in a
      # codec) fails the build with BrokenProcessPool instead of hanging it.
      self._pool = concurrent.futures.ProcessPoolExecutor(
          self._workers, mp_context=context, initializer=_watch_owner, initargs=(os.getpid(),))
    chunks = _chunks(items, _CHUNK)
    pending = collections.deque(self._submit(fn, c) for c in itertools.islice(chunks, _IN_FLIGHT))
    while pending:
      results = pending.popleft().result()
      chunk = next(chunks, None)
      if chunk is not None:  # Keep the workers busy while the caller consumes `results`.
        pending.append(self._submit(fn, chunk))
      yield from results

  def _submit(self, fn: Callable[[T], R], chunk: list[T]) -> concurrent.futures.Future:
    with _main_module_hidden():  # The executor starts workers on demand, at a submit.
      return self._pool.submit(_map_chunk, fn, chunk)

  def close(self) -> None:
    if self._pool is not None:
      self._pool.shutdown(cancel_futures=True)
      self._pool = None
