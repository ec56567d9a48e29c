"""Pre-training on ImageNet (stream IMAGENET_ONLY): one run, no search, lr 0.1.

Every hyper-parameter is `nevis_bench.protocol.configs.named('pretrain_imagenet')`, shared with the
JAX baseline of the same name.
"""

from baselines_torch import learner
from nevis_bench.protocol import configs


def get_config():
  return configs.named('pretrain_imagenet')


def make_learner():
  return learner.make_learner(get_config())
