"""One progress line per build: examples done, rate and time left.

The `nevis build` command turns TFDS's nested progress bars off and this on (`enable`); a
library user keeps TFDS's own bars and sees nothing from here. On a terminal the line is
rewritten in place; elsewhere (a log file, CI) it is printed when the build ends.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

_MIN_INTERVAL_S = 0.5
_enabled = False


def enable(on: bool = True) -> None:
  global _enabled
  _enabled = on


def enabled() -> bool:
  return _enabled


def _duration(seconds: float) -> str:
  seconds = int(seconds)
  if seconds >= 3600:
    return f'{seconds // 3600}h{seconds % 3600 // 60:02d}m'
  return f'{seconds // 60}m{seconds % 60:02d}s' if seconds >= 60 else f'{seconds}s'


class Progress:
  """Counts a build's examples; `line()` says how far it is."""

  def __init__(self, task: str, total: int | None, out: TextIO | None = None):
    self._task = task
    self.total = total  # Set later by a build that learns it.
    self._out = out or sys.stderr
    self._live = _enabled and self._out.isatty()
    self._start = time.monotonic()
    self._shown = 0.0
    self.done = 0

  def line(self) -> str:
    elapsed = time.monotonic() - self._start
    rate = self.done / elapsed if elapsed > 0 else 0.0
    text = f'{self._task}: {self.done:,}'
    if self.total:
      text += f'/{self.total:,} examples ({self.done / self.total:.0%})'
    else:
      text += ' examples'
    text += f', {rate:,.0f}/s, {_duration(elapsed)}'
    if self.total and rate > 0 and self.done < self.total:
      text += f', {_duration((self.total - self.done) / rate)} left'
    return text

  def advance(self, count: int = 1) -> None:
    self.done += count
    if self._live and time.monotonic() - self._shown >= _MIN_INTERVAL_S:
      self._shown = time.monotonic()
      self._out.write('\r' + self.line() + '\x1b[K')
      self._out.flush()

  def close(self) -> None:
    if _enabled:
      self._out.write(('\r' if self._live else '') + self.line() + '\x1b[K\n'
                      if self._live else self.line() + '\n')
      self._out.flush()
