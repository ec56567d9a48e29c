"""Cheap previous learner: ResNet-18, 25k steps, a 4-point learning-rate grid."""

from baselines_jax import learner
from baselines_jax.configs import base


def get_config():
  config = base.cheap(base.base_config())
  config.strategy = 'previous'
  return config


def make_learner():
  return learner.make_learner(get_config())
