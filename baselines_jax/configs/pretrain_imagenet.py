"""Pre-training on ImageNet (stream IMAGENET_ONLY): one run, no search, lr 0.1.

Its model file (`<model_dir>/<run>/0000-imagenet2012.npz`, printed in the log) is the backbone
that finetune_pretrained.py starts from. Same backbone as the finetuning configs, unlike the
reference (ResNet-18 pre-trained, CifarResNet-34 expected: its loader's assertion failed).
"""

from baselines_jax import learner
from baselines_jax.configs import base


def get_config():
  config = base.base_config()
  config.search.kind = 'none'
  config.search.learning_rate = 0.1
  config.fit.batch_size = 256
  return config


def make_learner():
  return learner.make_learner(get_config())
