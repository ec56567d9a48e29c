"""Oxford-IIIT Pet, cut from the upstream TFDS `oxford_iiit_pet` as the reference cuts it."""

from __future__ import annotations

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk

# The upstream's ClassLabel names (breeds; cat breeds capitalised), in its id order.
_CLASS_NAMES = (
    'Abyssinian', 'american_bulldog', 'american_pit_bull_terrier', 'basset_hound', 'beagle',
    'Bengal', 'Birman', 'Bombay', 'boxer', 'British_Shorthair', 'chihuahua', 'Egyptian_Mau',
    'english_cocker_spaniel', 'english_setter', 'german_shorthaired', 'great_pyrenees', 'havanese',
    'japanese_chin', 'keeshond', 'leonberger', 'Maine_Coon', 'miniature_pinscher', 'newfoundland',
    'Persian', 'pomeranian', 'pug', 'Ragdoll', 'Russian_Blue', 'saint_bernard', 'samoyed',
    'scottish_terrier', 'shiba_inu', 'Siamese', 'Sphynx', 'staffordshire_bull_terrier',
    'wheaten_terrier', 'yorkshire_terrier',
)


class OxfordIiitPet(toolkit.TfdsDerivedTaskBuilder):
  """Oxford-IIIT Pet: variable-size RGB photos of 37 cat and dog breeds.

  Train/dev/dev_test are slices of the upstream train split, test is its test split.
  """

  TASK = 'oxford_iiit_pet'
  CLASS_NAMES = _CLASS_NAMES
  # The reference used 3.2.0 (tensorflow-datasets 4.6), which the installed TFDS no longer builds;
  # 4.0.0 adds head boxes, re-encodes the few corrupt JPEGs and changes the download URL; the split
  # sizes (3680/3669) and breed labels are unchanged.
  UPSTREAM_VERSION = '4.0.0'
  # Known sizes of the real dataset, rounded up (see README.md).
  DISK_NEEDS = disk.DiskNeeds(download=disk.gib(1.6), upstream=disk.mib(800), task=disk.mib(800))
