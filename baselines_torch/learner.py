"""The PyTorch baseline learners: Independent, Previous and Dynamic, with a search per task.

The protocol of `baselines_jax.learner`, step for step (shared code in `nevis_bench.protocol`):
every training event picks a start (fresh or pretrained; the last model for Previous; for
Dynamic, the best kNN score on the new task's dev split among every earlier model and a fresh
one), runs the task's trials from it, keeps the best on dev, counts the FLOPs of every trial,
of validation and of the kNN choice, and saves the winner's state to
`<model_dir>/<run>/<event>-<task>.npz` (no pickle). Data comes from ArrayRecord sources; no
TensorFlow is imported. Under torchrun every process runs the learner; trials are data-parallel
over all processes (one after another: `search.parallel_trials` is a JAX-only option), and
process 0 writes the model files. The search is resumable trial by trial
(`nevis_bench.protocol.search`).
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Iterator

from absl import logging
from etils import epath
import ml_collections
import numpy as np
import torch

from baselines_torch import data as data_lib
from baselines_torch import distributed
from baselines_torch import models
from baselines_torch import train as train_lib
from nevis_bench import checkpoint
from nevis_bench import learner as learner_lib
from nevis_bench.protocol import configs
from nevis_bench.protocol import hparams
from nevis_bench.protocol import knn
from nevis_bench.protocol import rules
from nevis_bench.protocol import search as search_lib
from nevis_streams import events as events_lib

def make_learner(config: ml_collections.ConfigDict) -> learner_lib.Learner:
  """A learner following `config` (see `nevis_bench.protocol.configs`)."""
  configs.check(config)
  ctx = distributed.context()
  runtime = train_lib.Runtime(**(config.torch.to_dict() if 'torch' in config else {}))
  fit_config = configs.fit_config(config)

  def new_model(num_outputs: int, seed: int) -> models.Classifier:
    torch.manual_seed(seed)
    model = models.Classifier(models.make_backbone(config.model.backbone, config.model.width),
                              num_outputs)
    if config.pretrained_backbone:
      train_lib.load(model, checkpoint.load(config.pretrained_backbone), prefix='backbone.')
    return model

  def init() -> learner_lib.State:
    run = distributed.broadcast(uuid.uuid4().hex[:12], ctx)  # The same on every process.
    return {'model_dir': os.fspath(epath.Path(config.model_dir) / run), 'models': []}

  def train(event: events_lib.TrainingEvent, state: learner_lib.State,
            data: learner_lib.TrainingData, *, write_checkpoint=None, resume_from=None
            ) -> tuple[learner_lib.State, learner_lib.ResourceUsage]:
    """Trains the task's model; a killed event resumes at the trial it was in (`search`)."""
    info = data.info
    index = len(state['models'])
    seed = rules.stable_seed(config.seed, index, info.task_id)
    path = epath.Path(state['model_dir']) / f'{index:04d}-{info.task_id}.npz'
    search = search_lib.Search(path, write_checkpoint=write_checkpoint, resume_from=resume_from,
                               writes_files=ctx.is_primary)
    start = rules.Candidate(rules.FRESH, train_lib.to_numpy(new_model(info.num_classes, seed)))
    if search.start is not None:  # Chosen before the crash: neither re-scored nor re-counted.
      if search.start != rules.FRESH:
        start = rules.Candidate(search.start,
                                _with_backbone(start.model, checkpoint.load(search.start)))
    elif state['models'] and config.strategy == 'previous':
      previous = state['models'][-1]['path']
      start = rules.Candidate(previous, _with_backbone(start.model, checkpoint.load(previous)))
      search.chose_start(start.name, 0.0)
    elif state['models'] and config.strategy == 'dynamic':
      start, scores, knn_flops = _dynamic_start(start, state, data, seed)
      logging.info('[%s] kNN scores of the candidate starts: %s; chose %s', info.task_id, scores,
                   start.name)
      search.chose_start(start.name, knn_flops)
    else:
      search.chose_start(rules.FRESH, 0.0)

    trials = hparams.trials(config.search, index)
    for trial_index in search.pending(len(trials)):
      trial = trials[trial_index]
      model = new_model(info.num_classes, seed)
      train_lib.load(model, start.model)
      result = train_lib.fit(
          model, data, dataclasses.replace(fit_config, learning_rate=trial.learning_rate,
                                           label_smoothing=trial.label_smoothing),
          seed=seed, ctx=ctx, runtime=runtime)
      logging.info('[%s] trial %s: dev error %.4f', info.task_id, trial, result.dev_error)
      search.finished(trial_index, search_lib.TrialResult(
          result.dev_error, result.train_flops, result.validation_flops), result.state)
    _, best = search.best
    search.keep_best()
    distributed.barrier(ctx)  # Every process may read the file from here on.
    # The winner has the start's architecture: counted without reading its file back.
    parameters = sum(int(np.size(v)) for k, v in start.model.items()
                     if not k.endswith(('running_mean', 'running_var', 'num_batches_tracked')))
    new_state = {**state, 'models': [*state['models'], {
        'task': info.task_id, 'path': os.fspath(path), 'start': start.name,
        'dev_error': best.dev_error}]}
    breakdown = search.flops()
    return new_state, learner_lib.ResourceUsage(
        flops=sum(breakdown.values()), peak_parameter_count=parameters, breakdown=breakdown)

  def _dynamic_start(fresh: rules.Candidate, state, data: learner_lib.TrainingData, seed: int):
    info = data.info
    samples = {}
    for split, limit in (('train', config.knn.max_train), ('dev', config.knn.max_dev)):
      source = data.data_source(split)
      indices = data_lib.sample_indices(len(source), limit, seed)
      examples = data_lib.EvalSet(source, info.label_key, image_size=config.fit.image_size,
                                  indices=indices)
      images, labels = zip(*(examples.__getitems__(range(len(examples)))))
      samples[split] = (torch.stack(images), torch.stack(labels).numpy())
    flops = 0.0

    def score(candidate: rules.Candidate) -> float:
      nonlocal flops
      model = new_model(info.num_classes, seed)
      train_lib.load(model, candidate.model)
      embedded = {}
      for split, (images, _) in samples.items():
        embedded[split], spent = train_lib.embed(
            model, images, ctx, mixed_precision=runtime.mixed_precision)
        flops += spent
      flops += knn.knn_flops(len(embedded['train']), len(embedded['dev']),
                             embedded['train'].shape[-1])
      return knn.knn_score(embedded['train'], samples['train'][1], embedded['dev'],
                           samples['dev'][1], multi_label=info.multi_label)

    previous = [rules.Candidate(m['path'], _with_backbone(fresh.model, checkpoint.load(m['path'])))
                for m in state['models']]
    start, scores = rules.choose_start([*previous, fresh], score)
    return start, scores, flops

  def predict(event: events_lib.PredictionEvent, state: learner_lib.State,
              data: learner_lib.PredictionData) -> Iterator[np.ndarray]:
    """Logits of the task's latest model."""
    task_models = [m for m in state['models'] if m['task'] == data.info.task_id]
    if not task_models:
      raise ValueError(f'No model trained for {data.info.task_id!r} ({event}).')
    model = new_model(data.info.num_classes, 0)
    train_lib.load(model, checkpoint.load(task_models[-1]['path']))
    model.to(ctx.device)
    examples = data_lib.EvalSet(data.data_source(), None, image_size=config.fit.image_size)
    batches = data_lib.loader(examples, train_lib.EVAL_BATCH_SIZE,
                              num_workers=runtime.num_workers)
    yield from train_lib.predict_logits(model, batches, ctx,
                                        mixed_precision=runtime.mixed_precision)

  return learner_lib.Learner(init=init, train=train, predict=predict)


def _with_backbone(state: train_lib.StateDict, source: train_lib.StateDict) -> train_lib.StateDict:
  """`state` with its backbone entries taken from `source` (architectures must match)."""
  backbone = {k: v for k, v in source.items() if k.startswith('backbone.')}
  mine = {k: np.shape(v) for k, v in state.items() if k.startswith('backbone.')}
  if {k: np.shape(v) for k, v in backbone.items()} != mine:
    raise ValueError('The saved backbone does not have this model\'s architecture; check '
                     'model.backbone and model.width against the checkpoint.')
  return {**state, **backbone}
