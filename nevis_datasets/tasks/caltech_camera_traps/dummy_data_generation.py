"""Writes dummy_data/eccv_18_all_images_sm.tar.gz and dummy_data/eccv_18_annotations.tar.gz.

The real images tar.gz holds `eccv_18_all_images_sm/<image id>.jpg` (the downsized ECCV'18
images; ids are UUIDs such as `5968c0f9-23d2-11e8-a6a3-ec086b02610b`). The real annotations
tar.gz holds `eccv_18_annotation_files/<file>_annotations.json` for train, trans_val,
trans_test, cis_val and cis_test: COCO-style objects with `info`, `images` (`id`, `file_name`,
...), `annotations` (`id`, `image_id`, `category_id`, `bbox`, ...) and `categories` (`id`,
`name`).

The fake ones: 12 train images (one with two annotations of one category, kept; one with
two categories, left out; one missing from the images tar, tolerated; one listed in `images`
without annotations, unused), 3 trans_val, 3 trans_test and one image each for cis_val and
cis_test (unused), as 8x6 JPEGs (one grayscale). Category ids are arbitrary. Fixed seeds,
mtimes and JSON formatting make both archives byte-for-byte reproducible.

Run: python -m nevis_datasets.tasks.caltech_camera_traps.dummy_data_generation
"""

import json
import pathlib

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.caltech_camera_traps import caltech_camera_traps as cct

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_MTIME = 1_530_000_000  # 2018-06-26: fixed, so the archives are byte-for-byte reproducible.
_IMAGES = 'eccv_18_all_images_sm'
# Per annotation file: one tuple of category names per image (() = listed, not annotated).
FILES = {
    'train': (('bobcat',), ('opossum',), ('empty',), ('coyote',), ('raccoon',), ('bird',),
              ('dog', 'dog'), ('cat',), ('coyote', 'dog'), ('squirrel',), ('rabbit',), ()),
    'trans_val': (('skunk',), ('rodent',), ('badger',)),
    'trans_test': (('deer',), ('car',), ('fox',)),
    'cis_val': (('cat',),),
    'cis_test': (('dog',),),
}
MISSING = ('train', 10)  # (file, index) of the annotated image left out of the images tar.
GRAYSCALE = ('train', 2)  # A night-time infrared shot.
_CATEGORY_IDS = {name: 100 + 7 * i for i, name in enumerate(sorted(cct.CLASS_NAMES))}


def image_id(file: str, index: int) -> str:
  number = 1000 * (list(FILES).index(file) + 1) + index
  return f'{number:08x}-23d2-11e8-a6a3-ec086b02610b'


def _annotations(file: str) -> dict:
  images, annotations = [], []
  for index, names in enumerate(FILES[file]):
    identifier = image_id(file, index)
    images.append({'id': identifier, 'file_name': f'{identifier}.jpg', 'width': 8,
                   'height': 6, 'location': 38, 'seq_id': f'seq-{identifier}'})
    for name in names:
      annotations.append({'id': f'ann-{len(annotations)}-{identifier}', 'image_id': identifier,
                          'category_id': _CATEGORY_IDS[name], 'bbox': [1, 1, 4, 3]})
  categories = [{'id': number, 'name': name} for name, number in _CATEGORY_IDS.items()]
  return {'info': {'version': 'fake', 'year': 2018}, 'images': images,
          'annotations': annotations, 'categories': categories}


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_tar(_DIR / cct.IMAGES_TAR, mtime=_MTIME, gzip=True) as archive:
    archive.add(_IMAGES)
    for file, images in FILES.items():
      for index in range(len(images)):
        pixels = rng.integers(0, 256, (6, 8, 3), dtype=np.uint8)
        if (file, index) == MISSING:
          continue
        if (file, index) == GRAYSCALE:
          pixels = pixels[..., 0]
        archive.add(f'{_IMAGES}/{image_id(file, index)}.jpg',
                    fake_archives.image_bytes(pixels, 'JPEG'))
  with fake_archives.write_tar(_DIR / cct.ANNOTATIONS_TAR, mtime=_MTIME, gzip=True) as archive:
    archive.add(cct.ANNOTATIONS_DIR)
    for file in FILES:
      archive.add(cct.annotation_file(file), json.dumps(_annotations(file)).encode())


if __name__ == '__main__':
  main()
