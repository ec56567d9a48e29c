"""A small Dynamic learner for the DEMO stream on CPU: a narrow CifarResNet-18 at 32x32.

The same code path as the full configs (search, kNN choice of the start, best-on-dev, FLOPs),
scaled down so that the whole DEMO stream runs in a few minutes on two CPU cores.
"""

from baselines_jax import learner
from baselines_jax.configs import base


def get_config():
  config = base.base_config()
  config.strategy = 'dynamic'
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


def make_learner():
  return learner.make_learner(get_config())
