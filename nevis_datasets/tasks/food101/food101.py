"""Food-101: 101 dishes, 1,000 photos each (750 train, 250 test), built with Apache Beam."""

from __future__ import annotations

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_URL = 'http://data.vision.ee.ethz.ch/cvl/food-101.tar.gz'
_ROOT = 'food-101'
# The official split lists: one '<class>/<id>' per line, without the '.jpg'.
_SPLIT_FILES = {'train': 'train.txt', 'test': 'test.txt'}

# Sorted, as the project's rule wants. Not the reference's handler order (takoyaki, bruschetta,
# ...), and not exactly meta/classes.txt either where that lists 'cheesecake' before
# 'cheese_plate' (a locale sort): see README.md.
_CLASS_NAMES = (
    'apple_pie', 'baby_back_ribs', 'baklava', 'beef_carpaccio', 'beef_tartare', 'beet_salad',
    'beignets', 'bibimbap', 'bread_pudding', 'breakfast_burrito', 'bruschetta', 'caesar_salad',
    'cannoli', 'caprese_salad', 'carrot_cake', 'ceviche', 'cheese_plate', 'cheesecake',
    'chicken_curry', 'chicken_quesadilla', 'chicken_wings', 'chocolate_cake', 'chocolate_mousse',
    'churros', 'clam_chowder', 'club_sandwich', 'crab_cakes', 'creme_brulee', 'croque_madame',
    'cup_cakes', 'deviled_eggs', 'donuts', 'dumplings', 'edamame', 'eggs_benedict', 'escargots',
    'falafel', 'filet_mignon', 'fish_and_chips', 'foie_gras', 'french_fries', 'french_onion_soup',
    'french_toast', 'fried_calamari', 'fried_rice', 'frozen_yogurt', 'garlic_bread', 'gnocchi',
    'greek_salad', 'grilled_cheese_sandwich', 'grilled_salmon', 'guacamole', 'gyoza', 'hamburger',
    'hot_and_sour_soup', 'hot_dog', 'huevos_rancheros', 'hummus', 'ice_cream', 'lasagna',
    'lobster_bisque', 'lobster_roll_sandwich', 'macaroni_and_cheese', 'macarons', 'miso_soup',
    'mussels', 'nachos', 'omelette', 'onion_rings', 'oysters', 'pad_thai', 'paella', 'pancakes',
    'panna_cotta', 'peking_duck', 'pho', 'pizza', 'pork_chop', 'poutine', 'prime_rib',
    'pulled_pork_sandwich', 'ramen', 'ravioli', 'red_velvet_cake', 'risotto', 'samosa', 'sashimi',
    'scallops', 'seaweed_salad', 'shrimp_and_grits', 'spaghetti_bolognese', 'spaghetti_carbonara',
    'spring_rolls', 'steak', 'strawberry_shortcake', 'sushi', 'tacos', 'takoyaki', 'tiramisu',
    'tuna_tartare', 'waffles',
)


class Food101(toolkit.TaskBuilder):
  """Food-101; label = the class folder, split = the official meta/{train,test}.txt lists."""

  TASK = 'food101'
  CLASS_NAMES = _CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST
  USE_BEAM = True  # 101,000 JPEGs, ~5 GB.

  def _examples(self, dl_manager):
    root = self.download(dl_manager, _URL, extract=True) / _ROOT
    for source_split, file_name in _SPLIT_FILES.items():
      split_file = root / 'meta' / file_name
      if not split_file.exists():
        raise FileNotFoundError(
            f'[{self.TASK}] {split_file} is missing from the extracted {_URL}: the archive is '
            'incomplete. Delete it from the download dir and build again.')
      for line in split_file.read_text().splitlines():
        key = line.strip()
        if not key:
          continue
        # A path, not bytes: Beam workers read the images themselves.
        yield toolkit.Example(key=key, image=root / 'images' / f'{key}.jpg',
                              label=key.split('/', 1)[0], source_split=source_split)
