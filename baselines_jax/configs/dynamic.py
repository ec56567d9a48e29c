"""Dynamic learner (kNN choice of the start) with the reference's search per task.

Every hyper-parameter is `nevis_bench.protocol.configs.named('dynamic')`, shared with the
PyTorch baseline of the same name.
"""

from baselines_jax import learner
from nevis_bench.protocol import configs


def get_config():
  return configs.named('dynamic')


def make_learner():
  return learner.make_learner(get_config())
