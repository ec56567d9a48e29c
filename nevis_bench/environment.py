"""The event loop: a learner over a stream, with metrics, checkpoints and exact resume.

A run fixes its event list when it starts (the stream's events of the tasks prepared then, and
the final re-evaluation) and keeps it in its run state. The whole run state (event list,
learner state, per-event records, cumulative resources, the learner's within-event checkpoint)
is written atomically to `<run_dir>/checkpoint.npz` when the run starts and after every event.
A run killed at any moment and started again resumes from the last completed event of that
list (re-entering an interrupted training event with the learner's own checkpoint), whatever
has been built or removed since, so with a deterministic learner it ends with the same metrics
as an uninterrupted run. A checkpoint that is not such a run state is refused on load.
"""

from __future__ import annotations

import dataclasses
import math
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from etils import epath
import numpy as np
import tensorflow_datasets as tfds
import tqdm

from nevis_bench import checkpoint
from nevis_bench import launch
from nevis_bench import learner as learner_lib
from nevis_bench import metrics
import nevis_datasets  # pylint: disable=unused-import  # Registers the `nevis` builder.
from nevis_datasets import errors
from nevis_datasets import formats
from nevis_streams import events as events_lib
from nevis_streams import streams

CHECKPOINT_NAME = 'checkpoint.npz'
_WAY_OUT = 'Delete it to restart the run from the first event, or choose a new --output.'
_STATE_KEYS = frozenset({'events', 'completed_events', 'learner_state', 'within_event', 'flops',
                         'peak_parameter_count', 'records', 'skipped_tasks'})


class MissingTasksError(errors.UserError, RuntimeError):
  """Tasks of a stream, or of a run being resumed, that are not prepared in the data dir."""


@dataclasses.dataclass(frozen=True)
class RunResult:
  records: list[dict[str, Any]]  # One per event, in order.
  summary: dict[str, Any]  # Stream averages, forgetting, totals, and the skipped tasks.
  learner_seconds: float  # Time spent inside the learner's train and predict calls.
  loop_seconds: float  # Wall time of the events run by this call.
  learner_state: Any


def task_info(builder: tfds.core.DatasetBuilder) -> learner_lib.TaskInfo:
  """What a learner is told of a prepared task (from its catalog metadata)."""
  meta = builder.info.metadata
  multi_label = meta['task_type'] == 'multi-label'
  return learner_lib.TaskInfo(
      task_id=builder.builder_config.name,
      num_classes=len(meta['class_names']),
      multi_label=multi_label,
      class_names=tuple(meta['class_names']),
      label_key='labels' if multi_label else 'label',
  )


def find_missing_tasks(tasks: Sequence[str], data_dir: str) -> dict[str, str]:
  """Task -> why it cannot be read (not built, no builder yet), for tasks not prepared."""
  missing = {}
  for task in tasks:
    try:
      builder = tfds.builder(f'nevis/{task}', data_dir=data_dir)
    except Exception as e:  # pylint: disable=broad-except  # No builder yet, unknown id.
      missing[task] = f'cannot be built yet ({str(e).splitlines()[-1][:120]})'
      continue
    if not (epath.Path(builder.data_dir) / 'dataset_info.json').exists():
      missing[task] = 'not built'
  return missing


def missing_tasks_message(what: str, missing: dict[str, str], data_dir: str,
                          way_out: str) -> str:
  """Names the tasks of `what` (a stream, a run) not prepared in `data_dir`, and their build."""
  buildable = [t for t, why in missing.items() if why == 'not built']
  lines = [f'{len(missing)} task(s) of {what} are not prepared in {data_dir}:']
  lines += [f'  {task}: {why}' for task, why in missing.items()]
  if buildable:
    lines.append(f'Build them with:\n  nevis build {" ".join(buildable)} --data_dir {data_dir}')
  lines.append(way_out)
  return '\n'.join(lines)


def final_evaluation_events(stream: streams.Stream, split: str) -> list[events_lib.Event]:
  """One prediction per distinct task of the stream, after the last event (for forgetting)."""
  return [events_lib.PredictionEvent(task, split) for task in stream.tasks]


def _stored_event(event: events_lib.Event, final: bool) -> dict[str, Any]:
  """An event of the run's list, as the checkpoint keeps it (plain values, no pickle)."""
  if isinstance(event, events_lib.TrainingEvent):
    return {'kind': 'train', 'task': event.task, 'split': None, 'year': event.year}
  return {'kind': 'final_predict' if final else 'predict', 'task': event.task,
          'split': event.split, 'year': event.year}


def _event(stored: dict[str, Any]) -> events_lib.Event:
  if stored['kind'] == 'train':
    return events_lib.TrainingEvent(stored['task'], stored['year'])
  return events_lib.PredictionEvent(stored['task'], stored['split'], stored['year'])


def _planned_events(stream: streams.Stream, final_eval_split: str | None,
                    missing: dict[str, str]) -> list[dict[str, Any]]:
  """The event list of a new run: the stream's, then the final evaluation, without `missing`."""
  planned = [_stored_event(e, final=False) for e in stream.events if e.task not in missing]
  if final_eval_split:
    planned += [_stored_event(e, final=True)
                for e in final_evaluation_events(stream, final_eval_split)
                if e.task not in missing]
  return planned


def _is_int(value: Any) -> bool:
  return isinstance(value, int) and not isinstance(value, bool)


def _is_stored_event(stored: Any) -> bool:
  if not (isinstance(stored, dict) and set(stored) == {'kind', 'task', 'split', 'year'}
          and isinstance(stored['task'], str)
          and (stored['year'] is None or _is_int(stored['year']))):
    return False
  if stored['kind'] == 'train':
    return stored['split'] is None
  return (stored['kind'] in ('predict', 'final_predict')
          and stored['split'] in events_lib.PREDICTION_SPLITS)


def _run_state_problem(state: Any) -> str | None:
  """Why `state` is not a run state that `run` wrote, or None if it is one."""
  if not (isinstance(state, dict) and set(state) == _STATE_KEYS):
    keys = sorted(state) if isinstance(state, dict) else type(state).__name__
    return f'it holds {keys}, not the keys {sorted(_STATE_KEYS)}'
  events = state['events']
  if not (isinstance(events, list) and all(_is_stored_event(e) for e in events)):
    return 'its event list is malformed'
  done = state['completed_events']
  if not (_is_int(done) and 0 <= done <= len(events)):
    return f'completed_events is {done!r}, not an integer in [0, {len(events)}]'
  records = state['records']
  if not (isinstance(records, list) and len(records) == done and all(
      isinstance(r, dict) and r.get('index') == i and r.get('kind') == events[i]['kind']
      and r.get('task') == events[i]['task'] for i, r in enumerate(records))):
    return f'its records do not match its {done} completed events'
  flops = state['flops']
  if not (isinstance(flops, (int, float)) and not isinstance(flops, bool)
          and math.isfinite(flops) and flops >= 0):
    return f'flops is {flops!r}, not a finite number >= 0'
  peak = state['peak_parameter_count']
  if not (_is_int(peak) and peak >= 0):
    return f'peak_parameter_count is {peak!r}, not an integer >= 0'
  if not (isinstance(state['skipped_tasks'], list)
          and all(isinstance(t, str) for t in state['skipped_tasks'])):
    return 'skipped_tasks is not a list of task names'
  return None


def _warn(message: str) -> None:
  if launch.is_primary():  # Once, not once per process of a multi-process launch.
    print(f'nevis: warning: {message}', file=sys.stderr)


class _Checkpointer:
  """The run state in one atomic file; the learner's within-event checkpoint rides in it."""

  def __init__(self, run_dir: epath.Path):
    self.path = run_dir / CHECKPOINT_NAME

  def load(self) -> dict[str, Any] | None:
    """The run state, or None for a new run.

    Raises:
      checkpoint.BadCheckpointError: the file is not a run state (damaged, tampered, from
        another program); the message names it and the way out.
    """
    if not self.path.exists():
      return None
    try:
      state = checkpoint.load(self.path)
    except checkpoint.BadCheckpointError as e:
      raise checkpoint.BadCheckpointError(f'{e} {_WAY_OUT}') from None
    problem = _run_state_problem(state)
    if problem:
      raise checkpoint.BadCheckpointError(
          f'{self.path} is not the state of a run: {problem}. {_WAY_OUT}')
    return state

  def save(self, state: dict[str, Any]) -> None:
    if launch.is_primary():  # The other processes of a multi-process launch only read it.
      checkpoint.save(self.path, state)


def _labels(builder: tfds.core.DatasetBuilder, split: str, key: str) -> np.ndarray:
  """The labels of `split`, in the order `as_dataset(shuffle_files=False)` gives its images.

  From ArrayRecord files where the task has them (no TensorFlow: a PyTorch run never imports
  it), else from the TFRecord shards directly, parsing the label feature only: a quarter of the
  cost of a TFDS pipeline, which decodes every image.
  """
  if formats.has_array_record(builder):
    source = builder.as_data_source(split, decoders={'image': tfds.decode.SkipDecoding()})
    labels = []
    for start in range(0, len(source), 4096):  # Chunks: the records hold the image bytes too.
      chunk = source.__getitems__(list(range(start, min(start + 4096, len(source)))))
      labels.extend(np.asarray(example[key]) for example in chunk)
    return np.stack(labels)
  import tensorflow as tf  # pylint: disable=g-import-not-at-top
  spec = builder.info.features[key].get_serialized_info()
  feature = {key: tf.io.FixedLenFeature(spec.shape, tf.int64)}
  files = [str(f) for f in builder.info.splits[split].filepaths]
  batches = tf.data.TFRecordDataset(files).batch(4096)
  return np.concatenate([tf.io.parse_example(batch, feature)[key].numpy() for batch in batches])


def _logits(outputs: list[Any], event: events_lib.PredictionEvent,
            info: learner_lib.TaskInfo) -> np.ndarray:
  """The learner's batches of logits as one `[N, num_classes]` array.

  Raises:
    ValueError: a batch of another width (a learner bug: scoring extra columns would count in
      top-5 and cross-entropy), naming the task, split and shapes.
  """
  width = info.num_classes
  for i, batch in enumerate(outputs):
    shape = np.shape(batch)
    if len(shape) != 2 or shape[1] != width:
      got = f'{shape[1]} columns' if len(shape) == 2 else f'{len(shape)} dimensions'
      raise ValueError(
          f'The learner predicted logits of shape {shape} in batch {i} of {event.task}/'
          f'{event.split}, which has {width} {"labels" if info.multi_label else "classes"}: '
          f'expected [N, {width}], got {got}.')
  return np.concatenate(outputs) if outputs else np.zeros((0, width), np.float32)


def _evaluate(event, builder, info, logits: np.ndarray,
              labels_cache: dict[tuple[str, str], np.ndarray]) -> dict[str, Any]:
  key = (event.task, event.split)
  if key not in labels_cache:  # Repeated tasks and the final re-evaluation read them again.
    labels_cache[key] = _labels(builder, event.split, info.label_key)
  labels = labels_cache[key]
  if len(logits) != len(labels):
    raise ValueError(f'The learner predicted {len(logits)} examples of {event.task}/'
                     f'{event.split}, which has {len(labels)}.')
  if info.multi_label:
    return metrics.multi_label(logits, labels)
  return metrics.single_label(logits, labels)


def _start_state(checkpointer: _Checkpointer, stream: streams.Stream,
                 learner: learner_lib.Learner, data_dir: str, *,
                 final_eval_split: str | None, skip_missing: bool) -> tuple[dict[str, Any], bool]:
  """The run state to start from (the checkpoint's, or a new run's), and whether it is new.

  Raises:
    MissingTasksError: tasks of a new run (without `skip_missing`), or of the run being
      resumed, that are not prepared.
    checkpoint.BadCheckpointError: the checkpoint is not a run state.
  """
  state = checkpointer.load()
  is_new = state is None
  if is_new:
    missing = find_missing_tasks(stream.tasks, data_dir)
    if missing and not skip_missing:
      raise MissingTasksError(missing_tasks_message(
          f'stream {stream.name!r}', missing, data_dir,
          'Or run with --skip-missing to leave their events out (recorded in the run).'))
    state = {
        'events': _planned_events(stream, final_eval_split, missing),
        'completed_events': 0,
        'learner_state': learner.init(),
        'within_event': None,
        'flops': 0.0,
        'peak_parameter_count': 0,
        'records': [],
        'skipped_tasks': sorted(missing),
    }
    now_built = []
  else:
    skipped = state['skipped_tasks']
    missing = find_missing_tasks(sorted({e['task'] for e in state['events']} | {*skipped}),
                                 data_dir)
    gone = {task: why for task, why in missing.items() if task not in skipped}
    if gone:
      raise MissingTasksError(missing_tasks_message(
          f'the run in {checkpointer.path.parent}', gone, data_dir,
          'The run needs them: prepare them again, or start a new run dir (--output).'))
    now_built = [task for task in skipped if task not in missing]
  if state['skipped_tasks']:
    built = (f' Built since: {", ".join(now_built)}; start a new run dir (--output) to include '
             'them.' if now_built else '')
    _warn(f'this run leaves out {len(state["skipped_tasks"])} task(s) not prepared when it '
          f'started: {", ".join(state["skipped_tasks"])}.{built}')
  if not state['events']:
    _warn('this run has no events: nothing is trained or evaluated (see --stream, --stop-year '
          'and the tasks prepared).')
  return state, is_new


def run(
    stream: streams.Stream,
    learner: learner_lib.Learner,
    run_dir: epath.PathLike,
    data_dir: str,
    *,
    final_eval_split: str | None = 'dev_test',
    skip_missing: bool = False,
    on_start: Callable[[], None] | None = None,
    on_event_done: Callable[[int, list[dict[str, Any]]], None] | None = None,
    show_progress: bool = True,
) -> RunResult:
  """Runs `learner` over `stream`, resuming from `run_dir`'s checkpoint if there is one.

  A resumed run continues the event list it started with: `stream`, `final_eval_split` and
  `skip_missing` only shape a new run. It refuses to go on if a task of that list is no longer
  prepared, and warns when tasks it skipped have been built since.

  Args:
    stream: the events to run.
    learner: the learner.
    run_dir: where the checkpoint and the per-event records live; created only once the run
      starts (checkpoint and tasks checked, learner state made).
    data_dir: the TFDS data dir with the prepared `nevis/<task>` datasets.
    final_eval_split: if set, every task of the stream is evaluated again on this split after
      the last event, giving forgetting and backward transfer; None turns it off.
    skip_missing: leave out the events of tasks that are not prepared instead of failing.
    on_start: called once `run_dir` exists, before the first write to it.
    on_event_done: called with (event index, all records so far) after each checkpoint.
    show_progress: a progress bar over events.

  Raises:
    MissingTasksError: tasks of a new run (without `skip_missing`), or of the run being
      resumed, that are not prepared.
    checkpoint.BadCheckpointError: `run_dir` holds a checkpoint that is not a run state.
  """
  run_dir = epath.Path(run_dir)
  checkpointer = _Checkpointer(run_dir)
  state, is_new = _start_state(checkpointer, stream, learner, data_dir,
                               final_eval_split=final_eval_split, skip_missing=skip_missing)
  run_dir.mkdir(parents=True, exist_ok=True)
  if on_start:
    on_start()
  if is_new:
    checkpointer.save(state)  # From here on, the event list is fixed.
  events = [_event(e) for e in state['events']]

  builders: dict[str, tfds.core.DatasetBuilder] = {}
  labels_cache: dict[tuple[str, str], np.ndarray] = {}
  learner_seconds = 0.0
  start = time.perf_counter()
  progress = tqdm.tqdm(total=len(events), initial=state['completed_events'], unit='event',
                       disable=not show_progress, desc='events')
  for index in range(state['completed_events'], len(events)):
    event, kind = events[index], state['events'][index]['kind']
    if event.task not in builders:
      builders[event.task] = tfds.builder(f'nevis/{event.task}', data_dir=data_dir)
    builder = builders[event.task]
    info = task_info(builder)
    progress.set_postfix_str(f'{type(event).__name__[:-5].lower()} {event.task}')
    record: dict[str, Any] = {'index': index, 'task': event.task, 'year': event.year}
    if kind == 'train':
      data = learner_lib.TrainingData(builder, info, events_lib.TRAINING_SPLITS, event)

      def write_checkpoint(within: Any, _state=state) -> None:
        checkpointer.save({**_state, 'within_event': within})

      t0 = time.perf_counter()
      new_learner_state, usage = learner.train(
          event, state['learner_state'], data, write_checkpoint=write_checkpoint,
          resume_from=state['within_event'])
      learner_seconds += time.perf_counter() - t0
      record.update(kind=kind, flops=usage.flops, parameter_count=usage.peak_parameter_count,
                    **{f'flops/{k}': v for k, v in usage.breakdown.items()})
      state = {**state, 'learner_state': new_learner_state,
               'flops': state['flops'] + usage.flops,
               'peak_parameter_count': max(state['peak_parameter_count'],
                                           usage.peak_parameter_count)}
    else:
      data = learner_lib.PredictionData(builder, info, (event.split,), event)
      t0 = time.perf_counter()
      outputs = list(learner.predict(event, state['learner_state'], data))
      learner_seconds += time.perf_counter() - t0
      record.update(kind=kind, split=event.split, multi_label=info.multi_label,
                    **_evaluate(event, builder, info, _logits(outputs, event, info),
                                labels_cache))
    record.update(cumulative_flops=state['flops'],
                  peak_parameter_count=state['peak_parameter_count'])
    state = {**state, 'completed_events': index + 1, 'within_event': None,
             'records': [*state['records'], record]}
    checkpointer.save(state)
    progress.update()
    if on_event_done:
      on_event_done(index, state['records'])
  progress.close()
  return RunResult(
      records=state['records'],
      summary={**summarize(state['records']), 'skipped_tasks': state['skipped_tasks']},
      learner_seconds=learner_seconds,
      loop_seconds=time.perf_counter() - start,
      learner_state=state['learner_state'],
  )


def summarize(records: list[dict[str, Any]]) -> dict[str, float]:
  """Stream averages (immediate predictions), forgetting (final re-evaluation), totals."""
  immediate = [r for r in records if r['kind'] == 'predict']
  summary = dict(metrics.summarize(immediate))
  final = [r for r in records if r['kind'] == 'final_predict']
  if final:
    last_immediate = {r['task']: r['error_rate'] for r in immediate if r['split'] == final[0]['split']}
    summary.update({f'final/{k}': v for k, v in metrics.summarize(final).items()})
    transfer = metrics.forgetting(last_immediate, {r['task']: r['error_rate'] for r in final})
    summary.update({k: v for k, v in transfer.items() if not isinstance(v, dict)})
  train = [r for r in records if r['kind'] == 'train']
  summary['training_events'] = len(train)
  summary['total_flops'] = sum(r['flops'] for r in train)
  summary['peak_parameter_count'] = max((r['parameter_count'] for r in train), default=0)
  return summary
