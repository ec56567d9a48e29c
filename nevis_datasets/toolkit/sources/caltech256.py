"""The Caltech-256 tar, read by two tasks: `caltech256` and `office_caltech_10`.

Shared source knowledge lives here, in the toolkit, so that neither task module imports the
other. The tar holds `256_ObjectCategories/<NNN>.<name>/<NNN>_<MMMM>.jpg` in 257 numbered
folders (`001.ak47` .. `257.clutter`); both tasks download it from the same URL, so it is
downloaded and extracted once per download dir.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from absl import logging
from etils import epath

from nevis_datasets.toolkit import trees

URL = ('https://drive.google.com/u/0/uc?id=1r6o0pSROcV1_VwT4oSjA2FBUSCWGuxLK&export=download'
       '&confirm=y')
TAR = '256_ObjectCategories.tar'  # Its catalog file name.
# The reference's member pattern: folder number, folder name, file number, image number.
_MEMBER = re.compile(r'256_ObjectCategories/(\d\d\d)\.(.+)/(\d\d\d)_(\d\d\d\d)\.jpg')
_SKIPPED_SHOWN = 10

# The folder names without their numbers, in folder-number order (id = number - 1): the
# source-defined order, the reference's LABELS_TO_ID.
CLASS_NAMES = (
    'ak47', 'american-flag', 'backpack', 'baseball-bat', 'baseball-glove', 'basketball-hoop',
    'bat', 'bathtub', 'bear', 'beer-mug', 'billiards', 'binoculars', 'birdbath', 'blimp',
    'bonsai-101', 'boom-box', 'bowling-ball', 'bowling-pin', 'boxing-glove', 'brain-101',
    'breadmaker', 'buddha-101', 'bulldozer', 'butterfly', 'cactus', 'cake', 'calculator', 'camel',
    'cannon', 'canoe', 'car-tire', 'cartman', 'cd', 'centipede', 'cereal-box', 'chandelier-101',
    'chess-board', 'chimp', 'chopsticks', 'cockroach', 'coffee-mug', 'coffin', 'coin', 'comet',
    'computer-keyboard', 'computer-monitor', 'computer-mouse', 'conch', 'cormorant',
    'covered-wagon', 'cowboy-hat', 'crab-101', 'desk-globe', 'diamond-ring', 'dice', 'dog',
    'dolphin-101', 'doorknob', 'drinking-straw', 'duck', 'dumb-bell', 'eiffel-tower',
    'electric-guitar-101', 'elephant-101', 'elk', 'ewer-101', 'eyeglasses', 'fern', 'fighter-jet',
    'fire-extinguisher', 'fire-hydrant', 'fire-truck', 'fireworks', 'flashlight', 'floppy-disk',
    'football-helmet', 'french-horn', 'fried-egg', 'frisbee', 'frog', 'frying-pan', 'galaxy',
    'gas-pump', 'giraffe', 'goat', 'golden-gate-bridge', 'goldfish', 'golf-ball', 'goose',
    'gorilla', 'grand-piano-101', 'grapes', 'grasshopper', 'guitar-pick', 'hamburger', 'hammock',
    'harmonica', 'harp', 'harpsichord', 'hawksbill-101', 'head-phones', 'helicopter-101',
    'hibiscus', 'homer-simpson', 'horse', 'horseshoe-crab', 'hot-air-balloon', 'hot-dog',
    'hot-tub', 'hourglass', 'house-fly', 'human-skeleton', 'hummingbird', 'ibis-101',
    'ice-cream-cone', 'iguana', 'ipod', 'iris', 'jesus-christ', 'joy-stick', 'kangaroo-101',
    'kayak', 'ketch-101', 'killer-whale', 'knife', 'ladder', 'laptop-101', 'lathe', 'leopards-101',
    'license-plate', 'lightbulb', 'light-house', 'lightning', 'llama-101', 'mailbox', 'mandolin',
    'mars', 'mattress', 'megaphone', 'menorah-101', 'microscope', 'microwave', 'minaret',
    'minotaur', 'motorbikes-101', 'mountain-bike', 'mushroom', 'mussels', 'necktie', 'octopus',
    'ostrich', 'owl', 'palm-pilot', 'palm-tree', 'paperclip', 'paper-shredder', 'pci-card',
    'penguin', 'people', 'pez-dispenser', 'photocopier', 'picnic-table', 'playing-card',
    'porcupine', 'pram', 'praying-mantis', 'pyramid', 'raccoon', 'radio-telescope', 'rainbow',
    'refrigerator', 'revolver-101', 'rifle', 'rotary-phone', 'roulette-wheel', 'saddle', 'saturn',
    'school-bus', 'scorpion-101', 'screwdriver', 'segway', 'self-propelled-lawn-mower', 'sextant',
    'sheet-music', 'skateboard', 'skunk', 'skyscraper', 'smokestack', 'snail', 'snake', 'sneaker',
    'snowmobile', 'soccer-ball', 'socks', 'soda-can', 'spaghetti', 'speed-boat', 'spider', 'spoon',
    'stained-glass', 'starfish-101', 'steering-wheel', 'stirrups', 'sunflower-101', 'superman',
    'sushi', 'swan', 'swiss-army-knife', 'sword', 'syringe', 'tambourine', 'teapot', 'teddy-bear',
    'teepee', 'telephone-box', 'tennis-ball', 'tennis-court', 'tennis-racket', 'theodolite',
    'toaster', 'tomato', 'tombstone', 'top-hat', 'touring-bike', 'tower-pisa', 'traffic-light',
    'treadmill', 'triceratops', 'tricycle', 'trilobite-101', 'tripod', 't-shirt', 'tuning-fork',
    'tweezer', 'umbrella-101', 'unicorn', 'vcr', 'video-projector', 'washing-machine', 'watch-101',
    'waterfall', 'watermelon', 'welding-mask', 'wheelbarrow', 'windmill', 'wine-bottle',
    'xylophone', 'yarmulke', 'yo-yo', 'zebra', 'airplanes-101', 'car-side-101', 'faces-easy-101',
    'greyhound', 'tennis-shoes', 'toad', 'clutter',
)


def parse_member(member: str) -> tuple[int, str] | None:
  """`(label id, class name)` of an image member, None for a member that is not an image.

  Raises:
    ValueError: an image whose folder number (1..257) and folder name do not match the source's
      numbering (`003.backpack`).
  """
  match = _MEMBER.fullmatch(member)
  if match is None:
    return None
  number, name = int(match.group(1)), match.group(2)
  if not 1 <= number <= len(CLASS_NAMES):
    raise ValueError(f'{member!r} is in folder number {number}, outside 001..{len(CLASS_NAMES)}')
  if CLASS_NAMES[number - 1] != name:
    raise ValueError(f'{member!r} is in folder {number:03d}.{name}, but folder {number:03d} is '
                     f'{number:03d}.{CLASS_NAMES[number - 1]} in Caltech-256')
  return number - 1, name


@dataclasses.dataclass(frozen=True)
class CaltechImage:
  """One image of the extracted tar."""

  member: str  # Its path in the tar.
  path: epath.Path
  label: int
  name: str  # The class name.


def list_images(task: str, extracted: epath.Path) -> Iterator[CaltechImage]:
  """The images of the extracted tar, in member order; other members are logged and skipped.

  Raises:
    ValueError: an image folder that does not fit the source's numbering (see `parse_member`).
  """
  skipped = []
  for member, path in trees.extracted_files(extracted):
    parsed = parse_member(member)
    if parsed is None:
      skipped.append(member)
      continue
    yield CaltechImage(member, path, *parsed)
  if skipped:
    logging.info('[%s] %d member(s) of %s are not images (%s): not used.', task, len(skipped),
                 TAR, ', '.join(skipped[:_SKIPPED_SHOWN]))
