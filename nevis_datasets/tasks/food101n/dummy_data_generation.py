"""Writes dummy_data/Food-101N_release.zip: a fake Food-101N release, in the real layout.

The real zip holds `Food-101N_release/` with directory entries, `images/<class>/<md5>.jpg` and
`meta/`: `classes.txt` (a `class_name` header, then the 101 names), `imagelist.tsv` (a
`class_name/key` header, then every image as `<class>/<file>`) and `verified_train.tsv` /
`verified_val.tsv` (a `class_name/key<TAB>verification_label` header, then
`<class>/<file><TAB>0|1` rows). The fake: 4 of the 101 classes (apple_pie, cheese_plate,
cheesecake, waffles: ids 0, 16, 17, 100), 5 verified_train images per class (every third one
verified as wrongly labelled), one row listed twice and one naming an image the zip lacks, 2
verified_val images per class, and 2 images per class in no verified list (only in
imagelist.tsv). 8x10 images: one grayscale JPEG, one CMYK JPEG, one PNG named .jpg.

Run: python -m nevis_datasets.tasks.food101n.dummy_data_generation
"""

import hashlib
import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.food101n import food101n

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_DATE = (2018, 3, 1, 0, 0, 0)  # Fixed, so the archive is byte-for-byte reproducible.
CLASSES = ('apple_pie', 'cheese_plate', 'cheesecake', 'waffles')
_TRAIN, _TEST, _UNVERIFIED = 5, 2, 2  # Images per class.


def _path(category: str, index: int) -> str:
  """`<class>/<md5-like name>.jpg`, as the real images are named."""
  return f'{category}/{hashlib.md5(f"{category}{index}".encode()).hexdigest()}.jpg'


MISSING = _path('waffles', 99)  # Listed in verified_train.tsv, not in the zip.
GRAYSCALE, CMYK, PNG = _path('apple_pie', 0), _path('cheesecake', 5), _path('waffles', 3)


def rows() -> dict[str, list[tuple[str, str]]]:
  """verified list -> its rows `(path, verification label)`, in file order."""
  train = [(_path(c, i), '0' if i % 3 == 2 else '1') for c in CLASSES for i in range(_TRAIN)]
  test = [(_path(c, _TRAIN + i), '1') for c in CLASSES for i in range(_TEST)]
  train.insert(3, train[1])  # Listed twice: used once.
  train.append((MISSING, '1'))
  return {'verified_train.tsv': train, 'verified_val.tsv': test}


def images() -> list[str]:
  """The paths of every image in the zip (imagelist.tsv), sorted."""
  count = _TRAIN + _TEST + _UNVERIFIED
  return sorted(_path(c, i) for c in CLASSES for i in range(count))


def _image(rng: np.random.Generator, path: str) -> bytes:
  pixels = rng.integers(0, 256, (8, 10, 3), dtype=np.uint8)
  if path == PNG:
    return fake_archives.image_bytes(pixels, 'PNG')
  mode = {GRAYSCALE: 'L', CMYK: 'CMYK'}.get(path)
  return fake_archives.image_bytes(pixels, 'JPEG', mode=mode)


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_zip(_DIR / food101n.ZIP, date_time=_DATE,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    archive.add(f'{food101n.ROOT}/')
    archive.add(f'{food101n.IMAGES}/')
    for category in CLASSES:
      archive.add(f'{food101n.IMAGES}/{category}/')
    for path in images():
      archive.add(f'{food101n.IMAGES}/{path}', _image(rng, path))
    archive.add(f'{food101n.META}/')
    archive.add(f'{food101n.META}/classes.txt',
                ''.join(f'{name}\n' for name in ('class_name', *food101n.CLASS_NAMES)).encode())
    archive.add(f'{food101n.META}/imagelist.tsv',
                ''.join(f'{path}\n' for path in ('class_name/key', *images())).encode())
    for name, listed in rows().items():
      lines = ['\t'.join(food101n.HEADER), *('\t'.join(row) for row in listed)]
      archive.add(f'{food101n.META}/{name}', ''.join(f'{line}\n' for line in lines).encode())


if __name__ == '__main__':
  main()
