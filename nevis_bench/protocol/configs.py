"""The baseline configs (protocol.md §3.5), shared by the JAX and PyTorch baselines.

Each framework's `configs/<name>.py` is `named('<name>')` plus its own learner, so a JAX and a
PyTorch run of the same name share every hyper-parameter.
"""

from __future__ import annotations

import dataclasses
import os

import ml_collections

STRATEGIES = ('independent', 'previous', 'dynamic')
PRETRAINED_ENV = 'NEVIS_PRETRAINED_BACKBONE'


@dataclasses.dataclass(frozen=True)
class FitConfig:
  """Hyper-parameters of one training run (the reference's names where it had them)."""

  max_steps: int
  learning_rate: float
  label_smoothing: float = 0.0
  batch_size: int | None = None  # None: the reference's adaptive size from the train size.
  weight_decay: float = 1e-4
  warmup_epochs: int = 7
  validate_every: int = 1000
  # Validations without improvement before the learning rate is halved; after
  # `max_lr_halvings` halvings, training stops (see `rules.EarlyStopping`).
  patience: int = 3
  max_lr_halvings: int = 4
  image_size: int = 64
  log_every: int = 100


def fit_config(config: ml_collections.ConfigDict) -> FitConfig:
  """The `fit` section of a config; each trial sets its learning rate and label smoothing."""
  return FitConfig(learning_rate=0.0, **config.fit.to_dict())


def base_config() -> ml_collections.ConfigDict:
  """The reference's defaults."""
  config = ml_collections.ConfigDict()
  config.strategy = 'independent'  # independent | previous | dynamic
  config.seed = 1
  config.model = ml_collections.ConfigDict({'backbone': 'cifar_resnet34', 'width': 64})
  config.fit = ml_collections.ConfigDict({
      'max_steps': 50_000,
      'batch_size': None,  # None: adaptive, min(512, max(16, 2**floor(log2(0.0025 N)))).
      'weight_decay': 1e-4,
      'warmup_epochs': 7,
      'validate_every': 1000,
      'patience': 5,  # Validations without improvement before halving the learning rate.
      'max_lr_halvings': 4,
      'image_size': 64,
      'log_every': 100,
  })
  # The reference's search: 16 trials, log-uniform LR in [1e-4, 1e-1], label smoothing U[0, .3].
  config.search = ml_collections.ConfigDict({
      'kind': 'reference', 'num_trials': 16,
      'learning_rates': (), 'learning_rate': 0.1, 'label_smoothing': 0.0,
      # With several devices: trials side by side, one device each (else each trial is
      # data-parallel over all devices).
      'parallel_trials': False})
  config.knn = ml_collections.ConfigDict({'max_train': 10_000, 'max_dev': 5_000})
  config.pretrained_backbone = ''  # A model .npz written by a run (e.g. pretrain_imagenet).
  config.model_dir = os.environ.get('NEVIS_MODEL_DIR', 'nevis_models')
  return config


def cheap(config: ml_collections.ConfigDict) -> ml_collections.ConfigDict:
  """The reference's cheap variant: ResNet-18, 25k steps, 4 learning rates, smoothing 0.15."""
  config.model.backbone = 'resnet18'
  config.fit.max_steps = 25_000
  config.search.kind = 'grid'
  config.search.learning_rates = (1e-4, 1e-3, 1e-2, 1e-1)
  config.search.label_smoothing = 0.15
  return config


def _with_strategy(config: ml_collections.ConfigDict, strategy: str) -> ml_collections.ConfigDict:
  config.strategy = strategy
  return config


def _pretrain_imagenet() -> ml_collections.ConfigDict:
  """One run on ImageNet (stream IMAGENET_ONLY), no search, lr 0.1; its model file is the
  backbone of finetune_pretrained (same backbone, unlike the reference, whose loader's
  assertion failed)."""
  config = base_config()
  config.search.kind = 'none'
  config.search.learning_rate = 0.1
  config.fit.batch_size = 256
  return config


def _finetune_pretrained() -> ml_collections.ConfigDict:
  """Independent, every task starting from $NEVIS_PRETRAINED_BACKBONE (a pretrain run's model)."""
  config = base_config()
  config.pretrained_backbone = os.environ.get(PRETRAINED_ENV, '')
  config.require_pretrained = True
  return config


def _demo() -> ml_collections.ConfigDict:
  """Dynamic scaled down for the DEMO stream on CPU: a narrow CifarResNet-18 at 32x32."""
  config = _with_strategy(base_config(), 'dynamic')
  config.model.backbone = 'cifar_resnet18'
  config.model.width = 8
  config.fit.update({'max_steps': 150, 'batch_size': 32, 'validate_every': 50, 'patience': 2,
                     'max_lr_halvings': 1, 'image_size': 32, 'log_every': 25, 'warmup_epochs': 1})
  config.search.kind = 'grid'
  config.search.learning_rates = (0.05, 0.2)
  config.search.label_smoothing = 0.1
  config.knn.max_train = 500
  config.knn.max_dev = 150
  return config


_NAMED = {
    'independent': lambda: _with_strategy(base_config(), 'independent'),
    'previous': lambda: _with_strategy(base_config(), 'previous'),
    'dynamic': lambda: _with_strategy(base_config(), 'dynamic'),
    'cheap_independent': lambda: _with_strategy(cheap(base_config()), 'independent'),
    'cheap_previous': lambda: _with_strategy(cheap(base_config()), 'previous'),
    'cheap_dynamic': lambda: _with_strategy(cheap(base_config()), 'dynamic'),
    'pretrain_imagenet': _pretrain_imagenet,
    'finetune_pretrained': _finetune_pretrained,
    'demo': _demo,
}
NAMES = tuple(_NAMED)


def named(name: str) -> ml_collections.ConfigDict:
  """The config called `name` (one of NAMES), with its `name` recorded."""
  if name not in _NAMED:
    raise ValueError(f'Unknown baseline config {name!r}; expected one of {", ".join(NAMES)}.')
  config = _NAMED[name]()
  config.name = name
  return config


def check(config: ml_collections.ConfigDict) -> None:
  """Fails early on a config a learner cannot run (called by both baselines' make_learner)."""
  if config.strategy not in STRATEGIES:
    raise ValueError(f'strategy must be one of {STRATEGIES}, not {config.strategy!r}.')
  if config.get('require_pretrained') and not os.path.exists(config.pretrained_backbone):
    raise ValueError(
        f'{config.get("name", "config")}: set {PRETRAINED_ENV} to the model file of a '
        'pretrain_imagenet run (e.g. nevis_models/<run>/0000-imagenet2012.npz); got '
        f'{config.pretrained_backbone!r}.')
