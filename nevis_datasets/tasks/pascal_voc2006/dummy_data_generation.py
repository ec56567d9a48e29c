"""Writes dummy_data/voc2006_{trainval,test}.tar: the real layout with tiny random PNGs.

The real tars hold `VOCdevkit/VOC2006/Annotations/<id>.txt`, `VOCdevkit/VOC2006/PNGImages/
<id>.png` and `VOCdevkit/VOC2006/ImageSets/`: `<class>_{train,val,trainval}.txt` and
`{train,val,trainval}.txt` in the trainval tar, `<class>_test.txt` and `test.txt` in the test
tar. Class lists have one `<id> <flag>` line per image of the set (flag printed as `%2d`: 1
present, -1 absent, 0 difficult). The fake ones have a few images with one, several or no
present class, a difficult-only image, an image listed nowhere, and `_train`/`_val` lists that
flag every image present (the builder must read only `_trainval`/`_test`). The class files are
written in reverse alphabetical order (the builder must not depend on the archive order).

Run: python -m nevis_datasets.tasks.pascal_voc2006.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.pascal_voc2006 import pascal_voc2006

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_ROOT = 'VOCdevkit/VOC2006'
_CLASSES = pascal_voc2006.CLASS_NAMES

# Image id -> (present classes, difficult classes).
TRAINVAL = {
    '000001': (['car'], []),
    '000002': (['horse', 'person'], []),  # -> person
    '000003': ([], []),  # Nothing present: not used.
    '000004': (['dog'], ['person']),
    '000005': ([], ['cat']),  # Difficult only: not used.
    '000006': (['bicycle', 'person'], []),  # -> person
    '000007': (['sheep'], []),
    '000008': (['bus'], []),
    '000009': (['cow', 'sheep'], []),  # -> sheep
    '000010': (['motorbike'], []),
    '000011': (['horse'], []),
    '000012': (['bicycle'], []),
    '000013': (['bus', 'car'], []),  # -> car
    '000014': (['cat'], []),
}
TEST = {
    '000015': (['cow'], []),
    '000016': (['dog', 'person'], []),  # -> person
    '000017': ([], ['bus']),  # Not used.
    '000018': (['motorbike'], []),
    '000019': (['bicycle'], []),
}
_UNLISTED = '000099'  # A PNG in no list: not used.


def _class_list(images, name: str, everything_present: bool = False) -> bytes:
  lines = []
  for image_id, (present, difficult) in images.items():
    flag = 1 if everything_present or name in present else 0 if name in difficult else -1
    lines.append(f'{image_id} {flag:2d}\n')
  return ''.join(lines).encode()


def _write(path: pathlib.Path, images, image_sets, rng, unlisted: bool) -> None:
  ids = sorted(images) + ([_UNLISTED] if unlisted else [])
  with fake_archives.write_tar(path, mtime=1143849600) as archive:
    for image_id in ids:
      archive.add(f'{_ROOT}/Annotations/{image_id}.txt',
                  f'# PASCAL Annotation Version 1.00\nImage filename : "{_ROOT}/PNGImages/'
                  f'{image_id}.png"\n'.encode())
    for name in reversed(_CLASSES):
      for image_set in image_sets:
        # Only the last set (trainval or test) is read; the others flag every image present.
        archive.add(f'{_ROOT}/ImageSets/{name}_{image_set}.txt',
                    _class_list(images, name, everything_present=image_set != image_sets[-1]))
    for image_set in image_sets:
      archive.add(f'{_ROOT}/ImageSets/{image_set}.txt',
                  ''.join(f'{i}\n' for i in sorted(images)).encode())
    for image_id in ids:
      pixels = rng.integers(0, 256, (6, 8, 3), dtype=np.uint8)
      archive.add(f'{_ROOT}/PNGImages/{image_id}.png', fake_archives.image_bytes(pixels, 'PNG'))


def main() -> None:
  rng = np.random.default_rng(0)
  _write(_DIR / 'voc2006_trainval.tar', TRAINVAL, ('train', 'val', 'trainval'), rng, True)
  _write(_DIR / 'voc2006_test.tar', TEST, ('test',), rng, False)


if __name__ == '__main__':
  main()
