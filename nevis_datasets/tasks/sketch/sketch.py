"""TU-Berlin sketches (Eitz, Hays & Alexa): 20,000 hand-drawn sketches of 250 object classes.

`sketches_png.zip` holds `png/<class>/<n>.png` (1111x1111 grayscale PNGs, 80 per class) and
`png/filelist.txt`, a list of those paths that is not needed. The task is grayscale by
definition (the reference stores one channel). Label = the class folder, ids in sorted order of
the 250 folder names. The source has no split: images are divided by a hash of their member
path. Images are read straight from the zip.

Differences from the reference (see README.md): label ids follow the sorted class names, not
the reference's fixed list; splits by hash instead of a seeded draw in archive order; a member
outside the known layout stops the build with a message instead of a `KeyError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nevis_datasets import toolkit

_URL = 'https://cybertron.cg.tu-berlin.de/eitz/projects/classifysketch/sketches_png.zip'
_FILE_LIST = 'png/filelist.txt'  # `<class>/<n>.png` per line: the same as the members.
_MEMBER = re.compile(r'png/(?P<folder>[^/]+)/\d+\.png')

# The 250 class folders, sorted (the reference numbers them in the order of a fixed list in its
# handler, 'snail', 'candle', ...: see README.md).
CLASS_NAMES = (
    'airplane', 'alarm clock', 'angel', 'ant', 'apple', 'arm', 'armchair', 'ashtray', 'axe',
    'backpack', 'banana', 'barn', 'baseball bat', 'basket', 'bathtub', 'bear (animal)', 'bed',
    'bee', 'beer-mug', 'bell', 'bench', 'bicycle', 'binoculars', 'blimp', 'book', 'bookshelf',
    'boomerang', 'bottle opener', 'bowl', 'brain', 'bread', 'bridge', 'bulldozer', 'bus', 'bush',
    'butterfly', 'cabinet', 'cactus', 'cake', 'calculator', 'camel', 'camera', 'candle', 'cannon',
    'canoe', 'car (sedan)', 'carrot', 'castle', 'cat', 'cell phone', 'chair', 'chandelier',
    'church', 'cigarette', 'cloud', 'comb', 'computer monitor', 'computer-mouse', 'couch', 'cow',
    'crab', 'crane (machine)', 'crocodile', 'crown', 'cup', 'diamond', 'dog', 'dolphin', 'donut',
    'door', 'door handle', 'dragon', 'duck', 'ear', 'elephant', 'envelope', 'eye', 'eyeglasses',
    'face', 'fan', 'feather', 'fire hydrant', 'fish', 'flashlight', 'floor lamp',
    'flower with stem', 'flying bird', 'flying saucer', 'foot', 'fork', 'frog', 'frying-pan',
    'giraffe', 'grapes', 'grenade', 'guitar', 'hamburger', 'hammer', 'hand', 'harp', 'hat', 'head',
    'head-phones', 'hedgehog', 'helicopter', 'helmet', 'horse', 'hot air balloon', 'hot-dog',
    'hourglass', 'house', 'human-skeleton', 'ice-cream-cone', 'ipod', 'kangaroo', 'key', 'keyboard',
    'knife', 'ladder', 'laptop', 'leaf', 'lightbulb', 'lighter', 'lion', 'lobster', 'loudspeaker',
    'mailbox', 'megaphone', 'mermaid', 'microphone', 'microscope', 'monkey', 'moon', 'mosquito',
    'motorbike', 'mouse (animal)', 'mouth', 'mug', 'mushroom', 'nose', 'octopus', 'owl',
    'palm tree', 'panda', 'paper clip', 'parachute', 'parking meter', 'parrot', 'pear', 'pen',
    'penguin', 'person sitting', 'person walking', 'piano', 'pickup truck', 'pig', 'pigeon',
    'pineapple', 'pipe (for smoking)', 'pizza', 'potted plant', 'power outlet', 'present',
    'pretzel', 'pumpkin', 'purse', 'rabbit', 'race car', 'radio', 'rainbow', 'revolver', 'rifle',
    'rollerblades', 'rooster', 'sailboat', 'santa claus', 'satellite', 'satellite dish',
    'saxophone', 'scissors', 'scorpion', 'screwdriver', 'sea turtle', 'seagull', 'shark', 'sheep',
    'ship', 'shoe', 'shovel', 'skateboard', 'skull', 'skyscraper', 'snail', 'snake', 'snowboard',
    'snowman', 'socks', 'space shuttle', 'speed-boat', 'spider', 'sponge bob', 'spoon', 'squirrel',
    'standing bird', 'stapler', 'strawberry', 'streetlight', 'submarine', 'suitcase', 'sun', 'suv',
    'swan', 'sword', 'syringe', 't-shirt', 'table', 'tablelamp', 'teacup', 'teapot', 'teddy-bear',
    'telephone', 'tennis-racket', 'tent', 'tiger', 'tire', 'toilet', 'tomato', 'tooth',
    'toothbrush', 'tractor', 'traffic light', 'train', 'tree', 'trombone', 'trousers', 'truck',
    'trumpet', 'tv', 'umbrella', 'van', 'vase', 'violin', 'walkie talkie', 'wheel', 'wheelbarrow',
    'windmill', 'wine-bottle', 'wineglass', 'wrist-watch', 'zebra',
)


def class_of(member: str) -> str | None:
  """The class of a member (`png/bear (animal)/1201.png` -> 'bear (animal)'); None for the list.

  Raises:
    ValueError: a member other than `png/filelist.txt` and `png/<class>/<n>.png`, or in a
      folder that is not one of the 250 classes.
  """
  if member == _FILE_LIST:
    return None
  match = _MEMBER.fullmatch(member)
  if match is None:
    raise ValueError(f'{member!r} is not png/<class>/<number>.png')
  folder = match.group('folder')
  if folder not in CLASS_NAMES:
    raise ValueError(f'{member!r} is in {folder!r}, which is not one of the 250 classes')
  return folder


class Sketch(toolkit.TaskBuilder):
  """TU-Berlin sketches; grayscale PNGs read from the zip, label from the folder."""

  TASK = 'sketch'
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    archive = self.download(dl_manager, _URL)
    members = ((m.name, m) for m in toolkit.archives.zip_members(archive))
    yield from self.labelled_images(members, 'sketches_png.zip', class_of)
