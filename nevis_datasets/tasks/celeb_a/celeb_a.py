"""CelebA, cut from the upstream TFDS `celeb_a` as the reference cuts it (multi-label, Beam).

The reference (dm_nevis `benchmarker/datasets/builders/tfds_builder.py`) stacks the 40 boolean
`attributes` of each face, in alphabetical order (its `_CELEB_A_ATTRIBUTES`), into a multi-hot
vector, and takes the train/validation/test slice rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import tfds_derived

# The reference's `_CELEB_A_ATTRIBUTES`: the upstream attribute names, sorted.
ATTRIBUTES = [
    '5_o_Clock_Shadow', 'Arched_Eyebrows', 'Attractive', 'Bags_Under_Eyes', 'Bald', 'Bangs',
    'Big_Lips', 'Big_Nose', 'Black_Hair', 'Blond_Hair', 'Blurry', 'Brown_Hair',
    'Bushy_Eyebrows', 'Chubby', 'Double_Chin', 'Eyeglasses', 'Goatee', 'Gray_Hair',
    'Heavy_Makeup', 'High_Cheekbones', 'Male', 'Mouth_Slightly_Open', 'Mustache', 'Narrow_Eyes',
    'No_Beard', 'Oval_Face', 'Pale_Skin', 'Pointy_Nose', 'Receding_Hairline', 'Rosy_Cheeks',
    'Sideburns', 'Smiling', 'Straight_Hair', 'Wavy_Hair', 'Wearing_Earrings', 'Wearing_Hat',
    'Wearing_Lipstick', 'Wearing_Necklace', 'Wearing_Necktie', 'Young',
]


class CelebA(toolkit.TfdsDerivedTaskBuilder):
  """CelebA faces: 40 binary attributes as a multi-hot label; 202,599 images."""

  TASK = 'celeb_a'
  CLASS_NAMES = ATTRIBUTES
  # The reference used 2.0.1 (tensorflow-datasets 4.6), which 4.9 no longer builds; 2.1.0 only
  # added the `identity` feature.
  UPSTREAM_VERSION = '2.1.0'
  LABEL_FEATURE = 'attributes'
  SLICE_RULE = tfds_derived.TRAIN_VALIDATION_TEST_SLICES
  USE_BEAM = True
  # img_align_celeba.zip (1.35 GiB) is read in place; the JPEGs are stored as they are.
  DISK_NEEDS = disk.DiskNeeds(download=disk.gib(1.5), upstream=disk.gib(1.5), task=disk.gib(1.5))

  def _check_upstream(self, upstream) -> None:
    super()._check_upstream(upstream)
    names = sorted(upstream.info.features[self.LABEL_FEATURE].keys())
    if names != ATTRIBUTES:
      raise ValueError(f'[{self.TASK}] The upstream {upstream.info.full_name} has attributes '
                       f'{names}, not the 40 of the reference.')

  def _label(self, features: Mapping[str, Any]) -> Sequence[int]:
    attributes = features[self.LABEL_FEATURE]
    return [i for i, name in enumerate(ATTRIBUTES) if attributes[name]]
