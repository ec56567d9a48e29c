"""Independent learner that starts every task from an ImageNet-pre-trained backbone.

Set NEVIS_PRETRAINED_BACKBONE to the model file of a pretrain_imagenet.py run. A missing file is
an error (the reference silently fell back to a random init).
"""

import os

from baselines_jax import learner
from baselines_jax.configs import base


def get_config():
  config = base.base_config()
  config.pretrained_backbone = os.environ.get('NEVIS_PRETRAINED_BACKBONE', '')
  return config


def make_learner():
  config = get_config()
  if not config.pretrained_backbone or not os.path.exists(config.pretrained_backbone):
    raise ValueError('finetune_pretrained.py: set NEVIS_PRETRAINED_BACKBONE to the model file '
                     'of a pretrain_imagenet.py run (e.g. nevis_models/<run>/0000-imagenet2012.npz'
                     f'); got {config.pretrained_backbone!r}.')
  return learner.make_learner(config)
