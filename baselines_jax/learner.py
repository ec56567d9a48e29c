"""The JAX baseline learners: Independent, Previous and Dynamic, with a search per task.

Every training event:
1. picks a start: a fresh model (Independent; or the pretrained backbone), the last task's model
   (Previous), or, for Dynamic, whichever of every earlier model *and* a fresh one gives the best
   kNN score on the new task's dev split from embeddings of its train split (the reference could
   never choose the fresh model, and took the oldest model of a repeated task instead of the one
   it scored);
2. runs the hyper-parameter trials from that start (train on `train`, select on `dev`), keeps
   the winner, and counts the FLOPs of every trial, of validation and of the kNN choice;
3. saves the winner's variables to `<model_dir>/<run>/<event>-<task>.npz` (no pickle) and keeps
   only that path in the learner state, so checkpoints of the run stay small.

The search is resumable trial by trial (`nevis_bench.protocol.search`): a killed event keeps its
chosen start and finished trials, and reruns only the trial it was in and those after it.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import os
import queue
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from absl import logging
from etils import epath
import jax
import ml_collections
import numpy as np

from baselines_jax import input_pipeline
from baselines_jax import models
from baselines_jax import train as train_lib
from nevis_bench import checkpoint
from nevis_bench import learner as learner_lib
from nevis_bench.protocol import configs
from nevis_bench.protocol import hparams
from nevis_bench.protocol import knn
from nevis_bench.protocol import rules
from nevis_bench.protocol import search as search_lib
from nevis_streams import events as events_lib

Candidate = rules.Candidate
FRESH = rules.FRESH


def make_learner(config: ml_collections.ConfigDict) -> learner_lib.Learner:
  """A learner following `config` (see `nevis_bench.protocol.configs`)."""
  configs.check(config)
  backbone = models.make_backbone(config.model.backbone, config.model.width)
  fit_config = configs.fit_config(config)

  def classifier(num_outputs: int) -> models.Classifier:
    return models.Classifier(backbone=backbone, num_outputs=num_outputs)

  def fresh_variables(num_outputs: int, seed: int) -> Any:
    image = np.zeros((1, config.fit.image_size, config.fit.image_size, 3), np.float32)
    variables = classifier(num_outputs).init(jax.random.PRNGKey(seed), image, train=False)
    variables = jax.tree.map(np.asarray, variables)
    if config.pretrained_backbone:
      variables = _with_backbone(variables, checkpoint.load(config.pretrained_backbone))
    return variables

  def init() -> learner_lib.State:
    run = uuid.uuid4().hex[:12]  # Kept in the state: a resumed run finds its models again.
    return {'model_dir': os.fspath(epath.Path(config.model_dir) / run), 'models': []}

  def train(event: events_lib.TrainingEvent, state: learner_lib.State,
            data: learner_lib.TrainingData, *, write_checkpoint=None, resume_from=None
            ) -> tuple[learner_lib.State, learner_lib.ResourceUsage]:
    """Trains the task's model; a killed event resumes at the trial it was in (`search`)."""
    info = data.info
    index = len(state['models'])
    seed = rules.stable_seed(config.seed, index, info.task_id)
    path = epath.Path(state['model_dir']) / f'{index:04d}-{info.task_id}.npz'
    search = search_lib.Search(path, write_checkpoint=write_checkpoint, resume_from=resume_from)
    start = Candidate(FRESH, fresh_variables(info.num_classes, seed))
    if search.start is not None:  # Chosen before the crash: neither re-scored nor re-counted.
      if search.start != FRESH:
        start = Candidate(search.start,
                          _with_backbone(start.model, checkpoint.load(search.start)))
    elif state['models'] and config.strategy == 'previous':
      start = Candidate(state['models'][-1]['path'],
                        _with_backbone(start.model, checkpoint.load(state['models'][-1]['path'])))
      search.chose_start(start.name, 0.0)
    elif state['models'] and config.strategy == 'dynamic':
      start, scores, knn_flops = _dynamic_start(start, state, data, seed)
      logging.info('[%s] kNN scores of the candidate starts: %s; chose %s', info.task_id, scores,
                   start.name)
      search.chose_start(start.name, knn_flops)
    else:
      search.chose_start(FRESH, 0.0)

    def run_trial(trial_index: int, trial: hparams.Trial, devices) -> None:
      result = train_lib.fit(
          classifier(info.num_classes), start.model, data,
          dataclasses.replace(fit_config, learning_rate=trial.learning_rate,
                              label_smoothing=trial.label_smoothing),
          seed=seed, devices=devices)
      logging.info('[%s] trial %s: dev error %.4f', info.task_id, trial, result.dev_error)
      search.finished(trial_index, search_lib.TrialResult(
          result.dev_error, result.train_flops, result.validation_flops), result.variables)

    trials = hparams.trials(config.search, index)
    _run_trials(run_trial, [(i, trials[i]) for i in search.pending(len(trials))],
                config.search.parallel_trials)
    _, best = search.best
    search.keep_best()
    # The winner has the start's architecture: counted without reading its file back.
    parameters = sum(np.size(x) for x in jax.tree.leaves(start.model['params']))
    new_state = {**state, 'models': [*state['models'], {
        'task': info.task_id, 'path': os.fspath(path), 'start': start.name,
        'dev_error': best.dev_error}]}
    breakdown = search.flops()
    return new_state, learner_lib.ResourceUsage(
        flops=sum(breakdown.values()), peak_parameter_count=parameters,
        breakdown=breakdown)

  def _dynamic_start(fresh: Candidate, state, data, seed: int):
    info = data.info
    sample = {split: input_pipeline.sample(
        data.dataset(split), limit, seed=seed, image_size=config.fit.image_size,
        label_key=info.label_key) for split, limit in (('train', config.knn.max_train),
                                                       ('dev', config.knn.max_dev))}
    steps = train_lib.steps_for(classifier(info.num_classes), info.multi_label)
    flops = 0.0

    def score(candidate: Candidate) -> float:
      nonlocal flops
      train_x, f1 = train_lib.embed(steps, candidate.model, sample['train']['image'])
      dev_x, f2 = train_lib.embed(steps, candidate.model, sample['dev']['image'])
      flops += f1 + f2 + knn.knn_flops(len(train_x), len(dev_x), train_x.shape[-1])
      return knn.knn_score(train_x, sample['train'][info.label_key], dev_x,
                           sample['dev'][info.label_key], multi_label=info.multi_label)

    previous = [Candidate(m['path'], _with_backbone(fresh.model, checkpoint.load(m['path'])))
                for m in state['models']]
    start, scores = rules.choose_start([*previous, fresh], score)
    return start, scores, flops

  def predict(event: events_lib.PredictionEvent, state: learner_lib.State,
              data: learner_lib.PredictionData) -> Iterator[np.ndarray]:
    """Logits of the task's latest model."""
    task_models = [m for m in state['models'] if m['task'] == data.info.task_id]
    if not task_models:
      raise ValueError(f'No model trained for {data.info.task_id!r} ({event}).')
    variables = checkpoint.load(task_models[-1]['path'])
    steps = train_lib.steps_for(classifier(data.info.num_classes), data.info.multi_label)
    batches = input_pipeline.eval_batches(data.dataset(), 256, image_size=config.fit.image_size,
                                          pad_to_multiple_of=len(jax.devices()))
    yield from train_lib.predict_logits(steps, variables, batches)

  return learner_lib.Learner(init=init, train=train, predict=predict)


def _run_trials(run_trial, trials: Sequence[tuple[int, hparams.Trial]], parallel: bool) -> None:
  """Runs `run_trial(index, trial, devices)` for each of `trials`.

  With `parallel` and several local devices, trials run side by side, one device each (threads:
  JAX releases the GIL while a device computes); otherwise one after another, each
  data-parallel over all devices.
  """
  devices = jax.local_devices()
  if not parallel or len(devices) == 1 or len(trials) <= 1:
    for index, trial in trials:
      run_trial(index, trial, None)
    return
  free = queue.Queue()
  for device in devices:
    free.put(device)

  def on_a_free_device(item: tuple[int, hparams.Trial]) -> None:
    device = free.get()
    try:
      run_trial(*item, [device])
    finally:
      free.put(device)

  with concurrent.futures.ThreadPoolExecutor(len(devices)) as pool:
    list(pool.map(on_a_free_device, trials))


def _with_backbone(variables: Any, source: Any) -> Any:
  """`variables` with its backbone (parameters and batch statistics) taken from `source`."""
  out = {collection: dict(tree) for collection, tree in variables.items()}
  for collection in ('params', 'batch_stats'):
    if collection in source and 'backbone' in source[collection]:
      mine = jax.tree.map(np.shape, out[collection]['backbone'])
      theirs = jax.tree.map(np.shape, source[collection]['backbone'])
      if mine != theirs:
        raise ValueError('The saved backbone does not have this model\'s architecture; check '
                         'model.backbone and model.width against the checkpoint.')
      out[collection]['backbone'] = source[collection]['backbone']
  return out
