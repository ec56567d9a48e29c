"""MS COCO 2017, single label: one example per instance box of 16x16 pixels or more.

`train2017.zip` and `val2017.zip` hold `train2017/<12-digit id>.jpg` and `val2017/...`;
`annotations_trainval2017.zip` holds `annotations/instances_{train,val}2017.json` (and caption
and keypoint files, not used). Each instance annotation whose box is at least 16 pixels wide and
high is an example: the image cropped to the box (clipped to the image, corners rounded as PIL
rounds the reference's float box), labelled category_id - 1 over the 90 ids 1..90 (COCO uses 80;
the 10 unused ids keep their place as `unused_<id>`). Key: the annotation id. Train annotations
are divided 0.7/0.15/0.15 into train/dev/dev_test by a hash of the key; val is test. The image
zips are read in place by the Beam workers; each annotation JSON is read once, from its zip
member, keeping only ids, boxes and image sizes. The catalog's test2017.zip and
image_info_test2017.zip (no instance labels) are not downloaded.

Differences from the reference (see README.md): splits by hash; the float box rounded while
listing exactly as PIL rounded it (same crops); grayscale photos converted to RGB; a photo the
zip lacks or cannot inflate makes its crops skipped and recorded (at most 1% of a split);
checked categories and boxes; the unused test downloads are not fetched.
"""

from __future__ import annotations

import dataclasses
import json
import math
import zipfile
from collections.abc import Iterator
from typing import Any

from absl import logging
from etils import epath

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_IMAGES_URL = 'http://images.cocodataset.org/zips/'
ANNOTATIONS_URL = 'http://images.cocodataset.org/annotations/annotations_trainval2017.zip'
ANNOTATIONS_ZIP = 'annotations_trainval2017.zip'
MIN_SIZE = 16  # The reference's _MIN_TOLERANCE: smaller boxes (width or height) are left out.
NUM_IDS = 90

# The 80 categories of COCO 2017 by id (instances_*.json `categories`; fixed since 2014).
CATEGORIES = {
    1: 'person', 2: 'bicycle', 3: 'car', 4: 'motorcycle', 5: 'airplane', 6: 'bus', 7: 'train',
    8: 'truck', 9: 'boat', 10: 'traffic light', 11: 'fire hydrant', 13: 'stop sign',
    14: 'parking meter', 15: 'bench', 16: 'bird', 17: 'cat', 18: 'dog', 19: 'horse', 20: 'sheep',
    21: 'cow', 22: 'elephant', 23: 'bear', 24: 'zebra', 25: 'giraffe', 27: 'backpack',
    28: 'umbrella', 31: 'handbag', 32: 'tie', 33: 'suitcase', 34: 'frisbee', 35: 'skis',
    36: 'snowboard', 37: 'sports ball', 38: 'kite', 39: 'baseball bat', 40: 'baseball glove',
    41: 'skateboard', 42: 'surfboard', 43: 'tennis racket', 44: 'bottle', 46: 'wine glass',
    47: 'cup', 48: 'fork', 49: 'knife', 50: 'spoon', 51: 'bowl', 52: 'banana', 53: 'apple',
    54: 'sandwich', 55: 'orange', 56: 'broccoli', 57: 'carrot', 58: 'hot dog', 59: 'pizza',
    60: 'donut', 61: 'cake', 62: 'chair', 63: 'couch', 64: 'potted plant', 65: 'bed',
    67: 'dining table', 70: 'toilet', 72: 'tv', 73: 'laptop', 74: 'mouse', 75: 'remote',
    76: 'keyboard', 77: 'cell phone', 78: 'microwave', 79: 'oven', 80: 'toaster', 81: 'sink',
    82: 'refrigerator', 84: 'book', 85: 'clock', 86: 'vase', 87: 'scissors', 88: 'teddy bear',
    89: 'hair drier', 90: 'toothbrush',
}
# Label id = category id - 1, as in the reference; ids COCO does not use hold a placeholder.
CLASS_NAMES = tuple(CATEGORIES.get(i, f'unused_{i}') for i in range(1, NUM_IDS + 1))

Box = tuple[int, int, int, int]  # (left, upper, right, lower), as PIL's crop takes it.


@dataclasses.dataclass(frozen=True)
class Part:
  """One source split: its image zip (folder `name/` inside) and its instance annotations."""

  name: str  # 'train2017'
  source_split: str

  @property
  def url(self) -> str:
    return f'{_IMAGES_URL}{self.name}.zip'

  @property
  def annotations(self) -> str:
    return f'annotations/instances_{self.name}.json'


PARTS = (Part('train2017', 'train'), Part('val2017', 'test'))


@dataclasses.dataclass(frozen=True, slots=True)
class Image:
  id: int
  file_name: str
  width: int
  height: int


@dataclasses.dataclass(frozen=True, slots=True)
class Annotation:
  id: int
  image_id: int
  category_id: int
  bbox: tuple[float, ...]  # COCO's (x, y, width, height), in float pixels.


@dataclasses.dataclass(frozen=True)
class Instances:
  """What the task needs of an instances JSON: images by id, annotations in file order."""

  images: dict[int, Image]
  annotations: list[Annotation]


def _reduced(obj: dict[str, Any]) -> Any:
  """`json` object hook: annotations and images become small records as soon as parsed.

  The segmentations (most of the 448 MB of instances_train2017.json) go with their annotation's
  dict, so they are never all held at once.
  """
  if 'bbox' in obj and 'category_id' in obj:
    bbox = obj['bbox']
    return Annotation(obj.get('id'), obj.get('image_id'), obj['category_id'],
                      tuple(bbox) if isinstance(bbox, list) else ())
  if 'file_name' in obj:
    return Image(obj.get('id'), obj['file_name'], obj.get('width'), obj.get('height'))
  return obj


def _is_int(value: Any) -> bool:
  return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
  return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def parse_instances(data: bytes, file_name: str) -> Instances:
  """The images and annotations of a COCO instances JSON, checked.

  Raises:
    ValueError: not JSON, or not COCO instances: an image without an id, file name or positive
      sizes, an image id listed twice, an annotation without an id or a bbox of 4 numbers, of
      an unlisted image or category, or a category that is not COCO's (`CATEGORIES`).
  """
  try:
    parsed = json.loads(data, object_hook=_reduced)
  except json.JSONDecodeError as e:
    raise ValueError(f'{file_name} is not valid JSON ({e})') from None
  if not isinstance(parsed, dict) or not all(
      isinstance(parsed.get(key), list) for key in ('images', 'annotations', 'categories')):
    raise ValueError(f'{file_name} has no images, annotations and categories lists')
  images: dict[int, Image] = {}
  for image in parsed['images']:
    if not (isinstance(image, Image) and _is_int(image.id) and isinstance(image.file_name, str)
            and image.file_name and all(_is_int(v) and v > 0 for v in (image.width,
                                                                        image.height))):
      raise ValueError(f'{file_name}: an image without an id, a file name or positive sizes '
                       f'({image})')
    if image.id in images:
      raise ValueError(f'{file_name}: image id {image.id} is listed twice')
    images[image.id] = image
  categories = set()
  for category in parsed['categories']:
    category_id = category.get('id') if isinstance(category, dict) else None
    name = category.get('name') if isinstance(category, dict) else None
    if not _is_int(category_id) or CATEGORIES.get(category_id) != name:
      raise ValueError(f'{file_name}: category {category_id} is {name!r}, not COCO\'s '
                       f'{CATEGORIES.get(category_id)!r}')
    categories.add(category_id)
  for annotation in parsed['annotations']:
    if not (isinstance(annotation, Annotation) and _is_int(annotation.id)
            and len(annotation.bbox) == 4 and all(map(_is_number, annotation.bbox))):
      raise ValueError(f'{file_name}: an annotation without an id or a bbox of 4 numbers '
                       f'({annotation})')
    if annotation.image_id not in images:
      raise ValueError(f'{file_name}: annotation {annotation.id} is of image '
                       f'{annotation.image_id}, which is not listed')
    if annotation.category_id not in categories:
      raise ValueError(f'{file_name}: annotation {annotation.id} has category '
                       f'{annotation.category_id}, which is not listed')
  return Instances(images, parsed['annotations'])


def crop_box(bbox: tuple[float, ...], width: int, height: int) -> Box | None:
  """The crop of a COCO bbox in a `width` x `height` image; None for a box under 16x16.

  The reference cropped (x, y, min(W, x + w), min(H, y + h)) with float corners, which PIL
  rounds (`round`: halves to even); the same integers are computed here, so the crop is the
  reference's.

  Raises:
    ValueError: the clipped box is empty (it starts right of or below the image).
  """
  x, y, w, h = bbox
  if w < MIN_SIZE or h < MIN_SIZE:
    return None
  box = (round(x), round(y), round(min(width, x + w)), round(min(height, y + h)))
  if box[2] <= box[0] or box[3] <= box[1]:
    raise ValueError(f'bbox {list(bbox)} leaves nothing of a {width}x{height} image')
  return box


def read_member(archive: epath.Path, name: str) -> bytes:
  """The bytes of the member `name` of `archive`, read in place (not extracted).

  Raises:
    ValueError: no such member.
  """
  with archive.open('rb') as f, zipfile.ZipFile(f) as zf:
    try:
      return zf.read(name)
    except KeyError:
      raise ValueError(f'{name} is missing') from None


class CocoSingleLabel(toolkit.TaskBuilder):
  """COCO 2017 instance crops; the image zips are read in place by the Beam workers."""

  TASK = 'coco_single_label'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST  # train2017 hashed 0.7/0.15/0.15; val2017 is test.
  USE_BEAM = True  # ~900,000 annotations (before the 16-pixel filter), 19 GB of zips.

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    annotations = self.download(dl_manager, ANNOTATIONS_URL)
    for part in PARTS:
      images = self.download(dl_manager, part.url)
      with self.expected_content(ANNOTATIONS_ZIP):
        # Once, whole (the json module cannot stream); only what the crops need is kept.
        instances = parse_instances(read_member(annotations, part.annotations),
                                    part.annotations)
      yield from self._crops(part, images, instances)

  def _crops(self, part: Part, images: epath.Path, instances: Instances
             ) -> list[toolkit.Example]:
    archive = str(images)
    members = {m.name for m in toolkit.archives.zip_members(images)}  # The central directory.
    sources: dict[int, toolkit.archives.ZipMember] = {}  # One per image, shared by its crops.
    missing: set[str] = set()
    examples = []
    for annotation in instances.annotations:
      image = instances.images[annotation.image_id]
      with self.expected_content(ANNOTATIONS_ZIP):
        try:
          box = crop_box(annotation.bbox, image.width, image.height)
        except ValueError as e:
          raise ValueError(f'{part.annotations}: annotation {annotation.id}: {e}') from None
      if box is None:
        continue
      source = sources.get(image.id)
      if source is None:
        source = sources[image.id] = toolkit.archives.ZipMember(
            archive, f'{part.name}/{image.file_name}')
        if source.name not in members:
          missing.add(source.name)
      # Cropped when encoded: the list holds a member name and a box, never pixels.
      examples.append(toolkit.Example(
          key=str(annotation.id), image=toolkit.images.Crop(source, box),
          label=annotation.category_id - 1, source_split=part.source_split))
    if missing:
      # Listed anyway: the workers skip and record their crops as unreadable images, within
      # the split's allowance (a few are tolerated, many mean a damaged or changed download).
      logging.warning('[%s] %d annotated image(s) are missing from %s.zip, e.g. %s: their '
                      'crops are skipped.', self.TASK, len(missing), part.name, min(missing))
    logging.info('[%s] %s: %d of %d annotations are at least %dx%d pixels: examples.',
                 self.TASK, part.name, len(examples), len(instances.annotations), MIN_SIZE,
                 MIN_SIZE)
    return examples
