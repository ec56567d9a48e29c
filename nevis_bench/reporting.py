"""What a run leaves in its directory: config, versions, metrics, TensorBoard events, plot.

  <run_dir>/config.json        the arguments the run started with (a resumed run must repeat
                               the IDENTIFYING_KEYS among them)
  <run_dir>/environment.json   Python, platform and package versions (of the latest start)
  <run_dir>/metrics.jsonl      one record per event (rewritten from the checkpoint: exact on resume)
  <run_dir>/metrics.csv        the same, as a table
  <run_dir>/tensorboard/       scalars per event
  <run_dir>/summary.json       stream averages, forgetting, totals, skipped tasks
  <run_dir>/error_vs_flops.png error rate against cumulative training FLOPs

Every JSON file is standard JSON (`to_json`): an undefined metric (NaN) or an infinite one is
null, never the bare NaN / Infinity that strict parsers refuse.
"""

from __future__ import annotations

import csv
import importlib.metadata
import io
import json
import math
import platform
import sys
import types
from collections.abc import Mapping, Sequence
from typing import Any

from etils import epath

from nevis_bench import checkpoint
from nevis_datasets import errors

# The arguments that identify a run: resuming with another value of one is refused. The others
# may change between starts: `run_id` (the directory's name) and `data_dir`, so that a run dir
# or the data can move, and `skip_missing`, since the event list is fixed when a run starts.
IDENTIFYING_KEYS = ('stream', 'learner', 'stop_year', 'split', 'final_eval')

_PACKAGES = ('nevis', 'tensorflow-datasets', 'tensorflow-cpu', 'tensorflow', 'numpy',
             'apache-beam', 'jax', 'flax', 'optax', 'torch')


class ConfigMismatchError(errors.UserError, ValueError):
  """A run directory that holds a run with other arguments, or an unreadable config.json."""


def environment_versions() -> dict[str, str]:
  versions = {'python': sys.version.split()[0], 'platform': platform.platform()}
  for package in _PACKAGES:
    try:
      versions[package] = importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
      pass
  return versions


def _finite_or_null(value: Any) -> Any:
  if isinstance(value, float):
    return value if math.isfinite(value) else None
  if isinstance(value, Mapping):
    return {k: _finite_or_null(v) for k, v in value.items()}
  if isinstance(value, (list, tuple)):
    return [_finite_or_null(v) for v in value]
  return value


def to_json(value: Any, **kwargs: Any) -> str:
  """Standard JSON of `value`: NaN and infinities, which JSON cannot write, become null."""
  return json.dumps(_finite_or_null(value), allow_nan=False, **kwargs)


def _write_text(path: epath.Path, text: str) -> None:
  checkpoint.write_atomically(path, text.encode())


def check_config(run_dir: epath.Path, config: Mapping[str, Any]) -> None:
  """Refuses `config` if `run_dir` holds a run with other identifying arguments (read-only)."""
  config_path = run_dir / 'config.json'
  if not config_path.exists():
    return
  try:
    previous = json.loads(config_path.read_text())
  except ValueError:
    previous = None
  if not isinstance(previous, dict):
    raise ConfigMismatchError(
        f'{config_path} is not a JSON object of run arguments. Delete it to resume the run '
        'with the arguments given now, or choose another --output.')
  config = json.loads(to_json(config))
  changed = [k for k in IDENTIFYING_KEYS if previous.get(k) != config.get(k)]
  if changed:
    raise ConfigMismatchError(
        f'{run_dir} holds a run with other arguments ({", ".join(changed)} differ). Resume it '
        'with the same arguments, or choose another --output.')


def start(run_dir: epath.Path, config: Mapping[str, Any]) -> None:
  """Records the config of a new run (a resumed one must match it) and the current versions.

  Called once the run really starts (learner loaded, tasks and checkpoint checked): a start that
  fails earlier must leave no config.json to refuse the corrected command.
  """
  check_config(run_dir, config)
  config_path = run_dir / 'config.json'
  if not config_path.exists():
    _write_text(config_path, to_json(config, indent=2, sort_keys=True))
  _write_text(run_dir / 'environment.json', to_json(environment_versions(), indent=2))


def _columns(records: Sequence[Mapping[str, Any]]) -> list[str]:
  columns: dict[str, None] = {}
  for record in records:
    columns.update(dict.fromkeys(record))
  return list(columns)


def _tensorboard_writer(log_dir: epath.Path):
  """TensorBoard's own event writer, never TensorFlow (a PyTorch run must not import it).

  TensorBoard writes through TensorFlow when it is installed unless the module
  `tensorboard.compat.notf` exists, which selects its bundled TensorFlow stub.
  """
  sys.modules.setdefault('tensorboard.compat.notf', types.ModuleType('tensorboard.compat.notf'))
  from tensorboard import summary  # pylint: disable=g-import-not-at-top
  return summary.Writer(summary.DirectoryOutput(str(log_dir)))


class EventWriter:
  """Writes records as they come: JSON lines, CSV and TensorBoard scalars."""

  def __init__(self, run_dir: epath.Path):
    self._run_dir = run_dir
    self._tensorboard = None

  def _scalars(self, record: Mapping[str, Any]) -> None:
    if self._tensorboard is None:
      self._tensorboard = _tensorboard_writer(self._run_dir / 'tensorboard')
    step = record['index']
    self._tensorboard.add_scalar('cumulative_train_flops', record['cumulative_flops'], step)
    if record['kind'] == 'train':
      self._tensorboard.add_scalar('train/flops', record['flops'], step)
    else:
      prefix = f'{record["kind"]}/{record["split"]}'
      for key in ('error_rate', 'top5_error_rate', 'cross_entropy', 'mean_average_precision'):
        if key in record and record[key] is not None and math.isfinite(record[key]):
          self._tensorboard.add_scalar(f'{prefix}/{key}', record[key], step)
    self._tensorboard.flush()

  def __call__(self, index: int, records: Sequence[Mapping[str, Any]]) -> None:
    del index
    _write_text(self._run_dir / 'metrics.jsonl',
                ''.join(to_json(r) + '\n' for r in records))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_columns(records))
    writer.writeheader()
    writer.writerows(records)
    _write_text(self._run_dir / 'metrics.csv', buffer.getvalue())
    self._scalars(records[-1])


def summary_table(records: Sequence[Mapping[str, Any]], summary: Mapping[str, Any]) -> str:
  """Per-task errors after learning (and at the end of the stream), then the stream averages."""
  final = {r['task']: r['error_rate'] for r in records if r['kind'] == 'final_predict'}
  lines = [f'{"#":>4}  {"task":<26} {"split":<9} {"error":>7} {"top-5":>7} {"x-ent":>7} '
           f'{"final":>7}  {"cum. GFLOPs":>12}']
  for r in records:
    if r['kind'] != 'predict':
      continue
    top5 = r.get('top5_error_rate')
    xent = r.get('cross_entropy')
    end = final.get(r['task'])
    lines.append(
        f'{r["index"]:>4}  {r["task"]:<26} {r["split"]:<9} {r["error_rate"]:>7.3f} '
        f'{"" if top5 is None else f"{top5:.3f}":>7} {"" if xent is None else f"{xent:.3f}":>7} '
        f'{"" if end is None else f"{end:.3f}":>7}  {r["cumulative_flops"] / 1e9:>12.3f}')
  lines.append('')
  shown = {k: v for k, v in summary.items()
           if not (isinstance(v, float) and math.isnan(v))}  # e.g. mAP without multi-label tasks.
  width = max((len(k) for k in shown), default=0)
  for key, value in shown.items():
    if isinstance(value, float):
      text = f'{value:.4g}'
    else:
      text = (', '.join(value) or 'none') if isinstance(value, list) else str(value)
    lines.append(f'{key:<{width}}  {text}')
  return '\n'.join(lines)


def plot_error_vs_flops(records: Sequence[Mapping[str, Any]], path: epath.Path, title: str) -> None:
  """Each task's error right after learning it, and the running average, against FLOPs."""
  import matplotlib  # pylint: disable=g-import-not-at-top
  matplotlib.use('Agg')
  from matplotlib import pyplot as plt  # pylint: disable=g-import-not-at-top

  predictions = [r for r in records if r['kind'] == 'predict']
  flops = [max(r['cumulative_flops'], 1.0) for r in predictions]
  errors = [r['error_rate'] for r in predictions]
  running = [sum(errors[:i + 1]) / (i + 1) for i in range(len(errors))]
  figure, axis = plt.subplots(figsize=(7, 4.5))
  axis.scatter(flops, errors, s=18, alpha=0.6, label='task error after learning it')
  axis.plot(flops, running, color='C3', label='average error so far')
  for r, x, y in zip(predictions, flops, errors):
    axis.annotate(r['task'], (x, y), fontsize=6, alpha=0.7, xytext=(2, 2),
                  textcoords='offset points')
  axis.set_xscale('log')
  axis.set_xlabel('cumulative training FLOPs')
  axis.set_ylabel('error rate')
  axis.set_ylim(0, 1)
  axis.set_title(title)
  axis.legend(loc='upper right', fontsize=8)
  figure.tight_layout()
  figure.savefig(str(path), dpi=120)
  plt.close(figure)


def finish(run_dir: epath.Path, records: Sequence[Mapping[str, Any]],
           summary: Mapping[str, Any], title: str) -> str:
  """Writes summary.json and the plot; returns the summary table."""
  _write_text(run_dir / 'summary.json', to_json(summary, indent=2))
  plot_error_vs_flops(records, run_dir / 'error_vs_flops.png', title)
  return summary_table(records, summary)
