"""Independent learner with the reference's search per task (CifarResNet-34, 64x64).

Every hyper-parameter is `nevis_bench.protocol.configs.named('independent')`, shared with the
JAX baseline of the same name.
"""

from baselines_torch import learner
from nevis_bench.protocol import configs


def get_config():
  return configs.named('independent')


def make_learner():
  return learner.make_learner(get_config())
