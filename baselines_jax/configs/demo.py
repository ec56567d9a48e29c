"""A small Dynamic learner for the DEMO stream on CPU: a narrow CifarResNet-18 at 32x32.

Every hyper-parameter is `nevis_bench.protocol.configs.named('demo')`, shared with the
PyTorch baseline of the same name.
"""

from baselines_jax import learner
from nevis_bench.protocol import configs


def get_config():
  return configs.named('demo')


def make_learner():
  return learner.make_learner(get_config())
