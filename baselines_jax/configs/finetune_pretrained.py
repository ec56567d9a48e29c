"""Independent learner starting every task from $NEVIS_PRETRAINED_BACKBONE.

Every hyper-parameter is `nevis_bench.protocol.configs.named('finetune_pretrained')`, shared with the
PyTorch baseline of the same name.
"""

from baselines_jax import learner
from nevis_bench.protocol import configs


def get_config():
  return configs.named('finetune_pretrained')


def make_learner():
  return learner.make_learner(get_config())
