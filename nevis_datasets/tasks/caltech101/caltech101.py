"""Caltech 101, cut from the upstream TFDS `caltech101` as the reference cuts it."""

from __future__ import annotations

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk

# The upstream's ClassLabel names (101 categories and `background_google`), in its id order.
_CLASS_NAMES = (
    'accordion', 'airplanes', 'anchor', 'ant', 'background_google', 'barrel', 'bass', 'beaver',
    'binocular', 'bonsai', 'brain', 'brontosaurus', 'buddha', 'butterfly', 'camera', 'cannon',
    'car_side', 'ceiling_fan', 'cellphone', 'chair', 'chandelier', 'cougar_body', 'cougar_face',
    'crab', 'crayfish', 'crocodile', 'crocodile_head', 'cup', 'dalmatian', 'dollar_bill', 'dolphin',
    'dragonfly', 'electric_guitar', 'elephant', 'emu', 'euphonium', 'ewer', 'faces', 'faces_easy',
    'ferry', 'flamingo', 'flamingo_head', 'garfield', 'gerenuk', 'gramophone', 'grand_piano',
    'hawksbill', 'headphone', 'hedgehog', 'helicopter', 'ibis', 'inline_skate', 'joshua_tree',
    'kangaroo', 'ketch', 'lamp', 'laptop', 'leopards', 'llama', 'lobster', 'lotus', 'mandolin',
    'mayfly', 'menorah', 'metronome', 'minaret', 'motorbikes', 'nautilus', 'octopus', 'okapi',
    'pagoda', 'panda', 'pigeon', 'pizza', 'platypus', 'pyramid', 'revolver', 'rhino', 'rooster',
    'saxophone', 'schooner', 'scissors', 'scorpion', 'sea_horse', 'snoopy', 'soccer_ball',
    'stapler', 'starfish', 'stegosaurus', 'stop_sign', 'strawberry', 'sunflower', 'tick',
    'trilobite', 'umbrella', 'watch', 'water_lilly', 'wheelchair', 'wild_cat', 'windsor_chair',
    'wrench', 'yin_yang',
)


class Caltech101(toolkit.TfdsDerivedTaskBuilder):
  """Caltech 101: variable-size RGB photos of 101 object categories and a background class.

  Train/dev/dev_test are slices of the upstream train split, test is its test split.
  """

  TASK = 'caltech101'
  CLASS_NAMES = _CLASS_NAMES
  # The reference used 3.0.1 (tensorflow-datasets 4.6), which the installed TFDS no longer builds;
  # 3.0.2 only changes the download URL.
  UPSTREAM_VERSION = '3.0.2'
  # Known sizes of the real dataset, rounded up (see README.md).
  DISK_NEEDS = disk.DiskNeeds(download=disk.mib(400), upstream=disk.mib(140), task=disk.mib(140))
