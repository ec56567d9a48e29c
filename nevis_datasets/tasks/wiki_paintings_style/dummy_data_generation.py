"""Writes dummy_data/: fake wikiart.zip and wikiart_csv.zip, in the real layout.

The real wikiart.zip holds `wikiart/<Style>/<artist>_<title>.jpg` (with directory entries);
wikiart_csv.zip holds, at its root, `{artist,genre,style}_{train,val}.csv` (header-less rows
`<Style>/<file>.jpg,<class id>`) and `{artist,genre,style}_class.txt`. Here: 5 of the 27
styles, 23 style_train rows (the first of them the one the reference lost to its header bug;
one names an image the zip lacks) and 6 style_val rows; one painting of the zip is in no style
CSV, one has a non-ASCII name, one is a grayscale JPEG; 8x10 JPEGs. A genre CSV and
style_class.txt stand for the members the builder ignores.

Run: python -m nevis_datasets.tasks.wiki_paintings_style.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.wiki_paintings_style import wiki_paintings_style as wiki

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_DATE = (2017, 3, 1, 0, 0, 0)  # Fixed, so the archives are byte-for-byte reproducible.
_STYLES = ('Abstract_Expressionism', 'Baroque', 'Impressionism', 'Pop_Art', 'Ukiyo_e')
# Listed in style_train.csv but not in wikiart.zip.
MISSING = 'Baroque/rembrandt_painting-lost.jpg'
# In wikiart.zip but in no style CSV.
UNLISTED = 'Pop_Art/andy-warhol_painting-unlisted.jpg'
GRAYSCALE = 'Ukiyo_e/hokusai_painting-0.jpg'
NON_ASCII = 'Impressionism/pierre-auguste-renoir_la-grenouill\u00e8re-1869.jpg'


def _paths(count: int, first: int) -> list[str]:
  """`count` painting paths, cycling through the styles."""
  paths = []
  for i in range(first, first + count):
    style = _STYLES[i % len(_STYLES)]
    paths.append(f'{style}/artist-{i % 3}_painting-{i}.jpg')
  return paths


def rows() -> dict[str, list[str]]:
  """CSV file name -> its paths, in file order."""
  return {
      'style_train.csv': [NON_ASCII, GRAYSCALE, *_paths(20, 0), MISSING],
      'style_val.csv': _paths(6, 100),
  }


def main() -> None:
  rng = np.random.default_rng(0)
  listed = rows()
  with fake_archives.write_zip(_DIR / 'wikiart.zip', date_time=_DATE) as archive:
    archive.add(f'{wiki.IMAGE_ROOT}/')
    for style in _STYLES:
      archive.add(f'{wiki.IMAGE_ROOT}/{style}/')
    paths = sorted({*listed['style_train.csv'], *listed['style_val.csv'], UNLISTED} - {MISSING})
    for path in paths:
      pixels = rng.integers(0, 256, (8, 10, 3), dtype=np.uint8)
      mode = 'L' if path == GRAYSCALE else None
      archive.add(f'{wiki.IMAGE_ROOT}/{path}',
                  fake_archives.image_bytes(pixels, 'JPEG', mode=mode))
  with fake_archives.write_zip(_DIR / 'wikiart_csv.zip', date_time=_DATE,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    for name, paths in listed.items():
      archive.add(name, ''.join(
          f'{path},{wiki.CLASS_NAMES.index(path.split("/")[0])}\n' for path in paths).encode())
    archive.add('style_class.txt',
                ''.join(f'{i} {name}\n' for i, name in enumerate(wiki.CLASS_NAMES)).encode())
    archive.add('genre_train.csv', b'Baroque/artist-0_painting-1.jpg,7\n')


if __name__ == '__main__':
  main()
