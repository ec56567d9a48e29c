"""Writes dummy_data/: the four INTERACT zips in the real layout, with tiny images.

Each images zip holds `imgs/<file>` (an `imgs/` entry first; real photos are
`<assignment id>_<NN>.jpg`, illustrations `<assignment id>_<NN>.png`) and, like the real
stand-alone one, an HTML gallery (`interact_dataset_gallery.html`, `html/*.html`). Each
annotations zip holds `<...>_labels_and_images.txt` (`<NN>;<file>;Person 1 <verb> Person 2.`
lines), the pose/expression files and a README, which the builder ignores. Here: 81 stand-alone
photos (8x8 JPEGs: categories 1-20 two each, 21-60 one each, plus one listed truncated JPEG the
builder leaves out) and 6 illustrations (8x8 PNGs). The 60 verbs are those of the authors' image
collection (sites/interact_gt_pose/assignments.json of their code), numbered in that file's
order: the real numbering is not known here.

Run: python -m nevis_datasets.tasks.interact.dummy_data_generation
"""

import pathlib
import string
import zipfile

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.interact import interact

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_DATE = (2014, 8, 18, 0, 0, 0)  # Fixed, so the zips are byte-for-byte reproducible.
VERBS = (
    'carrying', 'catching', 'pushing', 'pulling', 'reaching for', 'jumping over', 'hitting',
    'kicking', 'elbowing', 'tripping', 'waving at', 'pointing at', 'pointing away from',
    'looking at', 'looking away from', 'laughing at', 'laughing with', 'hugging',
    'wrestling with', 'dancing with', 'holding hands with', 'shaking hands with', 'talking with',
    'arguing with', 'walking with', 'running with', 'crawling with', 'jumping with', 'walking to',
    'running to', 'crawling to', 'jumping to', 'walking away from', 'running away from',
    'crawling away from', 'jumping away from', 'walking after', 'running after',
    'crawling after', 'jumping after', 'walking past', 'running past', 'crawling past',
    'jumping past', 'standing next to', 'sitting next to', 'lying next to',
    'crouching next to', 'standing in front of', 'sitting in front of', 'lying in front of',
    'crouching in front of', 'standing behind', 'sitting behind', 'lying behind',
    'crouching behind', 'standing with', 'sitting with', 'lying with', 'crouching with',
)
NAMES = tuple(f'Person 1 is {verb} Person 2.' for verb in VERBS)
# Category numbers (1-based) of the photos and of the illustrations.
REAL_CATEGORIES = tuple(sorted([*range(1, 21), *range(1, 61)]))
ILLUSTRATION_CATEGORIES = (1, 2, 3, 10, 30, 60)
TRUNCATED_CATEGORY = 3  # 'pushing', as in the collection's assignments.
_TRUNCATED = '22TCSTMOFXRDFDVIK9PDTXJK5OZTQ6_20.jpg'
_ID_CHARS = np.array(list(string.ascii_uppercase + string.digits))


def _assignment_id(rng: np.random.Generator) -> str:
  return ''.join(rng.choice(_ID_CHARS, 30))


def _images_zip(source: interact.Source, files: list[tuple[str, bytes]]) -> None:
  with fake_archives.write_zip(_DIR / f'{source.images}.zip', date_time=_DATE,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    archive.add('imgs/')
    for file, data in files:
      archive.add(f'imgs/{file}', data)
    archive.add('interact_dataset_gallery.html', b'<html><a href="html/01.html">01</a></html>')
    archive.add('html/')
    archive.add('html/01.html', b'<html><img src="../imgs/x.jpg"></html>')


def _annotations_zip(source: interact.Source, lines: list[str]) -> None:
  stem = source.labels_file.removesuffix('_labels_and_images.txt')
  with fake_archives.write_zip(_DIR / f'{source.annotations}.zip', date_time=_DATE,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    archive.add(source.labels_file, ''.join(lines).encode())
    archive.add(f'{stem}_poses.txt', ''.join('0.5;0.5\n' for _ in lines).encode())
    archive.add('README.txt', b'INTERACT (fake).\n')


def main() -> None:
  rng = np.random.default_rng(0)
  for source, categories, file_format in (
      (interact.STAND_ALONE, REAL_CATEGORIES, 'JPEG'),
      (interact.ILLUSTRATIONS, ILLUSTRATION_CATEGORIES, 'PNG'),
  ):
    suffix = '.jpg' if file_format == 'JPEG' else '.png'
    files, lines = [], []
    for index, number in enumerate(categories):
      file = f'{_assignment_id(rng)}_{index % 20 + 1:02d}{suffix}'
      pixels = rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)
      options = {'optimize': True} if file_format == 'JPEG' else {}
      files.append((file, fake_archives.image_bytes(pixels, file_format, **options)))
      lines.append(f'{number:02d};{file};{NAMES[number - 1]}\n')
    if source is interact.STAND_ALONE:
      pixels = rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)
      whole = fake_archives.image_bytes(pixels, 'JPEG', optimize=True)
      files.append((_TRUNCATED, whole[:len(whole) // 2]))
      lines.insert(5, f'{TRUNCATED_CATEGORY:02d};{_TRUNCATED};{NAMES[TRUNCATED_CATEGORY - 1]}\n')
    _images_zip(source, sorted(files))
    _annotations_zip(source, lines)


if __name__ == '__main__':
  main()
