"""Dynamic learner with the reference's search per task (CifarResNet-34, 64x64)."""

from baselines_jax import learner
from baselines_jax.configs import base


def get_config():
  config = base.base_config()
  config.strategy = 'dynamic'
  return config


def make_learner():
  return learner.make_learner(get_config())
