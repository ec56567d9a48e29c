"""Writes dummy_data/: fake COCO 2017 train/val image zips and annotations, in the real layout.

The real train2017.zip and val2017.zip hold `<part>/` and `<part>/<12-digit image id>.jpg`;
annotations_trainval2017.zip holds `annotations/{instances,captions,person_keypoints}_
{train,val}2017.json`. An instances JSON has `info`, `licenses`, `images` (id, file_name,
width, height, ...), `annotations` (id, image_id, category_id, bbox [x, y, w, h] in float
pixels, area, iscrowd, segmentation: polygons, or RLE for crowds) and the 80 `categories`.
Here: 6 train images (one grayscale, one listed but missing from the zip) and 2 val images,
40x30 JPEGs, with 30 train and 5 val annotations, among them boxes under 16 pixels (left out),
half-pixel corners (rounded as PIL rounds), boxes past the image's edge (clipped) and a crowd
(kept). One captions JSON stands for the members the builder ignores.

Run: python -m nevis_datasets.tasks.coco_single_label.dummy_data_generation
"""

import json
import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.coco_single_label import coco_single_label as coco

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_DATE = (2017, 9, 1, 0, 0, 0)  # Fixed, so the archives are byte-for-byte reproducible.
WIDTH, HEIGHT = 40, 30
TRAIN_IMAGES = (9, 25, 30, 34, 36, 42)
VAL_IMAGES = (139, 285)
GRAYSCALE_IMAGE = 25
MISSING_IMAGE = 42  # In instances_train2017.json, not in train2017.zip.
# Annotations written by hand (id, image id, category id, bbox, iscrowd); the rest are drawn.
SPECIAL = {
    'train2017': [
        (900, 9, 1, [2.5, 3.5, 20.0, 16.0], 0),  # Box (2, 4, 22, 20): halves to even.
        (901, 9, 90, [30.0, 20.0, 20.0, 16.0], 0),  # Clipped: (30, 20, 40, 30).
        (902, 9, 3, [1.0, 1.0, 15.99, 20.0], 0),  # Under 16 wide: left out.
        (903, 25, 3, [1.0, 1.0, 20.0, 15.0], 0),  # Under 16 high: left out.
        (904, 30, 1, [0.0, 0.0, 40.0, 30.0], 1),  # A crowd: kept, as by the reference.
        (905, MISSING_IMAGE, 18, [4.0, 4.0, 16.0, 16.0], 0),  # Its image is missing.
    ],
    'val2017': [
        (950, 139, 62, [0.5, 1.5, 17.5, 16.5], 0),  # Box (0, 2, 18, 18).
        (951, 139, 3, [3.0, 3.0, 8.0, 30.0], 0),  # Under 16 wide: left out.
    ],
}
_DRAWN_CATEGORIES = (1, 3, 18, 44, 62, 90)


def _instances(part: str, image_ids, drawn: int, rng: np.random.Generator) -> dict:
  """An instances JSON of `image_ids` with the SPECIAL annotations and `drawn` more."""
  images = [{'license': 1, 'file_name': f'{i:012d}.jpg',
             'coco_url': f'http://images.cocodataset.org/{part}/{i:012d}.jpg',
             'height': HEIGHT, 'width': WIDTH, 'date_captured': '2013-11-14 17:02:52',
             'flickr_url': 'http://farm3.staticflickr.com/x.jpg', 'id': i} for i in image_ids]
  records = list(SPECIAL[part])
  present = [i for i in image_ids if i != MISSING_IMAGE]
  for n in range(drawn):
    x, y = (round(float(v), 2) for v in rng.uniform(0, 20, 2))
    w, h = (round(float(v), 2) for v in rng.uniform(16, 24, 2))
    records.append((1000 + 10 * len(image_ids) + n, present[n % len(present)],
                    _DRAWN_CATEGORIES[n % len(_DRAWN_CATEGORIES)], [x, y, w, h], 0))
  annotations = []
  for annotation_id, image_id, category_id, (x, y, w, h), crowd in records:
    segmentation = ({'counts': [0, 4, 8], 'size': [HEIGHT, WIDTH]} if crowd
                    else [[x, y, x + w, y, x + w, y + h]])
    annotations.append({'segmentation': segmentation, 'area': round(w * h, 2),
                        'iscrowd': crowd, 'image_id': image_id, 'bbox': [x, y, w, h],
                        'category_id': category_id, 'id': annotation_id})
  return {
      'info': {'description': 'COCO 2017 Dataset', 'version': '1.0', 'year': 2017},
      'licenses': [{'url': 'http://creativecommons.org/licenses/by-nc-sa/2.0/', 'id': 1,
                    'name': 'Attribution-NonCommercial-ShareAlike License'}],
      'images': images,
      'annotations': annotations,
      'categories': [{'supercategory': 'object', 'id': i, 'name': name}
                     for i, name in coco.CATEGORIES.items()],
  }


def main() -> None:
  rng = np.random.default_rng(0)
  parts = {'train2017': (TRAIN_IMAGES, 24), 'val2017': (VAL_IMAGES, 3)}
  for part, (image_ids, _) in parts.items():
    with fake_archives.write_zip(_DIR / f'{part}.zip', date_time=_DATE) as archive:
      archive.add(f'{part}/')
      for image_id in image_ids:
        if image_id == MISSING_IMAGE:
          continue
        pixels = rng.integers(0, 256, (HEIGHT, WIDTH, 3), dtype=np.uint8)
        mode = 'L' if image_id == GRAYSCALE_IMAGE else None
        archive.add(f'{part}/{image_id:012d}.jpg',
                    fake_archives.image_bytes(pixels, 'JPEG', mode=mode))
  with fake_archives.write_zip(_DIR / coco.ANNOTATIONS_ZIP, date_time=_DATE,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    for part, (image_ids, drawn) in parts.items():
      instances = _instances(part, image_ids, drawn, rng)
      archive.add(f'annotations/instances_{part}.json', json.dumps(instances).encode())
    archive.add('annotations/captions_train2017.json',
                json.dumps({'annotations': [{'image_id': 9, 'id': 1, 'caption': 'x'}]}).encode())


if __name__ == '__main__':
  main()
