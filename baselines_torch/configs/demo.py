"""A small Dynamic learner for the DEMO stream on CPU: a narrow CifarResNet-18 at 32x32.

The demo's tiny images are read in the training process (no DataLoader workers): starting
workers for each of its short runs would cost more than they save.

Every hyper-parameter is `nevis_bench.protocol.configs.named('demo')`, shared with the
JAX baseline of the same name.
"""

from baselines_torch import learner
from nevis_bench.protocol import configs


def get_config():
  config = configs.named('demo')
  config.torch = {'num_workers': 0}
  return config


def make_learner():
  return learner.make_learner(get_config())
