"""Oxford Flowers 102, cut from the upstream TFDS `oxford_flowers102` as the reference cuts it."""

from __future__ import annotations

from nevis_datasets import toolkit
from nevis_datasets.toolkit import disk
from nevis_datasets.toolkit import tfds_derived

# The upstream's ClassLabel names, in its id order.
_CLASS_NAMES = (
    'pink primrose', 'hard-leaved pocket orchid', 'canterbury bells', 'sweet pea',
    'english marigold', 'tiger lily', 'moon orchid', 'bird of paradise', 'monkshood',
    'globe thistle', 'snapdragon', "colt's foot", 'king protea', 'spear thistle', 'yellow iris',
    'globe-flower', 'purple coneflower', 'peruvian lily', 'balloon flower', 'giant white arum lily',
    'fire lily', 'pincushion flower', 'fritillary', 'red ginger', 'grape hyacinth', 'corn poppy',
    'prince of wales feathers', 'stemless gentian', 'artichoke', 'sweet william', 'carnation',
    'garden phlox', 'love in the mist', 'mexican aster', 'alpine sea holly', 'ruby-lipped cattleya',
    'cape flower', 'great masterwort', 'siam tulip', 'lenten rose', 'barbeton daisy', 'daffodil',
    'sword lily', 'poinsettia', 'bolero deep blue', 'wallflower', 'marigold', 'buttercup',
    'oxeye daisy', 'common dandelion', 'petunia', 'wild pansy', 'primula', 'sunflower',
    'pelargonium', 'bishop of llandaff', 'gaura', 'geranium', 'orange dahlia',
    'pink-yellow dahlia?', 'cautleya spicata', 'japanese anemone', 'black-eyed susan', 'silverbush',
    'californian poppy', 'osteospermum', 'spring crocus', 'bearded iris', 'windflower',
    'tree poppy', 'gazania', 'azalea', 'water lily', 'rose', 'thorn apple', 'morning glory',
    'passion flower', 'lotus', 'toad lily', 'anthurium', 'frangipani', 'clematis', 'hibiscus',
    'columbine', 'desert-rose', 'tree mallow', 'magnolia', 'cyclamen', 'watercress', 'canna lily',
    'hippeastrum', 'bee balm', 'ball moss', 'foxglove', 'bougainvillea', 'camellia', 'mallow',
    'mexican petunia', 'bromelia', 'blanket flower', 'trumpet creeper', 'blackberry lily',
)


class OxfordFlowers102(toolkit.TfdsDerivedTaskBuilder):
  """Oxford Flowers 102: variable-size RGB photos of 102 flower species.

  Train/dev are slices of the upstream train split, dev_test and test are its validation and test
  splits.
  """

  TASK = 'oxford_flowers102'
  CLASS_NAMES = _CLASS_NAMES
  UPSTREAM_VERSION = '2.1.1'  # The reference's (tensorflow-datasets 4.6).
  SLICE_RULE = tfds_derived.TRAIN_VALIDATION_TEST_SLICES
  # Known sizes of the real dataset, rounded up (see README.md).
  DISK_NEEDS = disk.DiskNeeds(download=disk.mib(700), upstream=disk.mib(340), task=disk.mib(340))
