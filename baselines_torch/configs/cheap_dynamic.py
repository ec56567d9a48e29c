"""Cheap Dynamic learner: ResNet-18, 25k steps, a 4-point learning-rate grid.

Every hyper-parameter is `nevis_bench.protocol.configs.named('cheap_dynamic')`, shared with the
JAX baseline of the same name.
"""

from baselines_torch import learner
from nevis_bench.protocol import configs


def get_config():
  return configs.named('cheap_dynamic')


def make_learner():
  return learner.make_learner(get_config())
