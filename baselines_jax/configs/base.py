"""The reference's defaults (protocol.md §3.5), shared by every config here."""

import os

import ml_collections


def base_config() -> ml_collections.ConfigDict:
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
  config.pretrained_backbone = ''  # A model .npz written by a run (e.g. pretrain_imagenet.py).
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
