"""DomainNet, cut from six upstream TFDS `domainnet/<domain>` datasets as the reference cuts it.

The reference (dm_nevis `benchmarker/datasets/builders/domainnet.py`) trains on five domains
and evaluates on a sixth: train = the upstream train splits of real, painting, clipart,
quickdraw and infograph, concatenated in that order; dev = their test splits; dev_test = the
sketch train split; test = the sketch test split. All 345 classes are shared by the domains.
"""

from __future__ import annotations

from tensorflow_datasets.image_classification.domainnet import domainnet as upstream_domainnet

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import tfds_derived

TRAIN_DOMAINS = ('real', 'painting', 'clipart', 'quickdraw', 'infograph')  # The reference's order.
TEST_DOMAIN = 'sketch'


def upstream(domain: str) -> str:
  return f'domainnet/{domain}'


class Domainnet(toolkit.TfdsDerivedTaskBuilder):
  """DomainNet: 345 classes; trained on five domains, evaluated on sketches."""

  TASK = 'domainnet'
  # The upstream's class names, in its label-id order.
  CLASS_NAMES = list(upstream_domainnet._CLASS_NAMES)  # pylint: disable=protected-access
  UPSTREAM_VERSION = '1.0.0'  # The reference's (tensorflow-datasets 4.6).
  USE_BEAM = True
  # Six zips (17.3 GiB), extracted beside them by TFDS; every upstream image is used.
  DISK_NEEDS = disk.DiskNeeds(download=disk.gib(36), upstream=disk.gib(18), task=disk.gib(18))

  def upstream_names(self) -> list[str]:
    return [upstream(domain) for domain in (*TRAIN_DOMAINS, TEST_DOMAIN)]

  def split_plan(self) -> dict[str, list[tfds_derived.UpstreamSlice]]:
    """Whole upstream splits: the reference's domains (SLICE_RULE is not used)."""

    def whole(domain: str, split: str) -> tfds_derived.UpstreamSlice:
      name = upstream(domain)
      return tfds_derived.UpstreamSlice(split, 0, self.upstream_sizes(name)[split], dataset=name)

    return {
        splits.TRAIN: [whole(domain, 'train') for domain in TRAIN_DOMAINS],
        splits.DEV: [whole(domain, 'test') for domain in TRAIN_DOMAINS],
        splits.DEV_TEST: [whole(TEST_DOMAIN, 'train')],
        splits.TEST: [whole(TEST_DOMAIN, 'test')],
    }
