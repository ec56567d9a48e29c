"""The event loop: a learner over a stream, with metrics, checkpoints and exact resume.

After every event the whole run state (learner state, per-event records, cumulative resources,
the learner's within-event checkpoint) is written atomically to `<run_dir>/checkpoint.npz`. A
run killed at any moment and started again with the same arguments resumes from the last
completed event (re-entering an interrupted training event with the learner's own checkpoint),
so with a deterministic learner it ends with the same metrics as an uninterrupted run.
"""

from __future__ import annotations

import dataclasses
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
from nevis_datasets import formats
from nevis_streams import events as events_lib
from nevis_streams import streams

CHECKPOINT_NAME = 'checkpoint.npz'


class MissingTasksError(RuntimeError):
  """Tasks of the stream that are not prepared in the data dir."""


@dataclasses.dataclass(frozen=True)
class RunResult:
  records: list[dict[str, Any]]  # One per event, in order.
  summary: dict[str, float]
  learner_seconds: float  # Time spent inside the learner's train and predict calls.
  loop_seconds: float  # Wall time of the events run by this call.
  learner_state: Any


def _task_info(builder: tfds.core.DatasetBuilder) -> learner_lib.TaskInfo:
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


def missing_tasks_message(stream_name: str, missing: dict[str, str], data_dir: str) -> str:
  buildable = [t for t, why in missing.items() if why == 'not built']
  lines = [f'{len(missing)} task(s) of stream {stream_name!r} are not prepared in {data_dir}:']
  lines += [f'  {task}: {why}' for task, why in missing.items()]
  if buildable:
    lines.append(f'Build them with:\n  nevis build {" ".join(buildable)} --data_dir {data_dir}')
  lines.append('Or run with --skip-missing to leave their events out (recorded in the run).')
  return '\n'.join(lines)


def final_evaluation_events(stream: streams.Stream, split: str) -> list[events_lib.Event]:
  """One prediction per distinct task of the stream, after the last event (for forgetting)."""
  return [events_lib.PredictionEvent(task, split) for task in stream.tasks]


class _Checkpointer:
  """The run state in one atomic file; the learner's within-event checkpoint rides in it."""

  def __init__(self, run_dir: epath.Path):
    self.path = run_dir / CHECKPOINT_NAME

  def load(self) -> dict[str, Any] | None:
    return checkpoint.load(self.path) if self.path.exists() else None

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
    source = formats.array_record_source(
        builder, split, decoders={'image': tfds.decode.SkipDecoding()})
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


def run(
    stream: streams.Stream,
    learner: learner_lib.Learner,
    run_dir: epath.PathLike,
    data_dir: str,
    *,
    final_eval_split: str | None = 'dev_test',
    skip_missing: bool = False,
    on_event_done: Callable[[int, list[dict[str, Any]]], None] | None = None,
    show_progress: bool = True,
) -> RunResult:
  """Runs `learner` over `stream`, resuming from `run_dir`'s checkpoint if there is one.

  Args:
    stream: the events to run.
    learner: the learner.
    run_dir: where the checkpoint and the per-event records live.
    data_dir: the TFDS data dir with the prepared `nevis/<task>` datasets.
    final_eval_split: if set, every task of the stream is evaluated again on this split after
      the last event, giving forgetting and backward transfer; None turns it off.
    skip_missing: leave out the events of tasks that are not prepared instead of failing.
    on_event_done: called with (event index, all records so far) after each checkpoint.
    show_progress: a progress bar over events.
  """
  run_dir = epath.Path(run_dir)
  run_dir.mkdir(parents=True, exist_ok=True)
  missing = find_missing_tasks(stream.tasks, data_dir)
  if missing and not skip_missing:
    raise MissingTasksError(missing_tasks_message(stream.name, missing, data_dir))
  events = [e for e in stream.events if e.task not in missing]
  num_stream_events = len(events)
  if final_eval_split:
    events += [e for e in final_evaluation_events(stream, final_eval_split)
               if e.task not in missing]

  checkpointer = _Checkpointer(run_dir)
  state = checkpointer.load() or {
      'completed_events': 0,
      'learner_state': learner.init(),
      'within_event': None,
      'flops': 0.0,
      'peak_parameter_count': 0,
      'records': [],
      'skipped_tasks': sorted(missing),
  }
  builders: dict[str, tfds.core.DatasetBuilder] = {}
  labels_cache: dict[tuple[str, str], np.ndarray] = {}
  learner_seconds = 0.0
  start = time.perf_counter()
  progress = tqdm.tqdm(total=len(events), initial=state['completed_events'], unit='event',
                       disable=not show_progress, desc='events')
  for index in range(state['completed_events'], len(events)):
    event = events[index]
    if event.task not in builders:
      builders[event.task] = tfds.builder(f'nevis/{event.task}', data_dir=data_dir)
    builder = builders[event.task]
    info = _task_info(builder)
    progress.set_postfix_str(f'{type(event).__name__[:-5].lower()} {event.task}')
    record: dict[str, Any] = {'index': index, 'task': event.task, 'year': event.year}
    if isinstance(event, events_lib.TrainingEvent):
      data = learner_lib.TrainingData(builder, info, events_lib.TRAINING_SPLITS, event)

      def write_checkpoint(within: Any, _state=state) -> None:
        checkpointer.save({**_state, 'within_event': within})

      t0 = time.perf_counter()
      new_learner_state, usage = learner.train(
          event, state['learner_state'], data, write_checkpoint=write_checkpoint,
          resume_from=state['within_event'])
      learner_seconds += time.perf_counter() - t0
      flops = state['flops'] + float(usage.flops)
      peak = max(state['peak_parameter_count'], int(usage.peak_parameter_count))
      record.update(kind='train', flops=float(usage.flops),
                    parameter_count=int(usage.peak_parameter_count),
                    **{f'flops/{k}': float(v) for k, v in usage.breakdown.items()})
      state = {**state, 'learner_state': new_learner_state, 'flops': flops,
               'peak_parameter_count': peak}
    else:
      data = learner_lib.PredictionData(builder, info, (event.split,), event)
      t0 = time.perf_counter()
      outputs = list(learner.predict(event, state['learner_state'], data))
      learner_seconds += time.perf_counter() - t0
      logits = (np.concatenate(outputs) if outputs
                else np.zeros((0, info.num_classes), np.float32))
      record.update(kind='final_predict' if index >= num_stream_events else 'predict', split=event.split,
                    multi_label=info.multi_label,
                    **_evaluate(event, builder, info, logits, labels_cache))
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
      summary=summarize(state['records']),
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
