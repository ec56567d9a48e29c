"""WikiArt (ArtGAN's refined Wikipaintings, ICIP 2017): paintings labelled with their style.

`wikiart.zip` (25 GB) holds the paintings as `wikiart/<Style>/<artist>_<title>.jpg`;
`wikiart_csv.zip` holds, at its root, one `<task>_{train,val}.csv` pair per task (artist, genre,
style) and `<task>_class.txt`. Only `style_train.csv` and `style_val.csv` are used: header-less
rows `<path under wikiart/>,<class id>`, ids 0..26 in the source's order (`style_class.txt`,
the reference's STYLE_TO_CLASS_ID). Both zips are read in place. style_train is divided
0.7/0.15/0.15 into train/dev/dev_test by a hash of the member path; style_val is test.

Differences from the reference (see README.md): the first row of each CSV is kept (the
reference's `pandas.read_csv` took it for a header); source resolution instead of a 256-pixel
longest side; splits by hash; an image the zip lacks or cannot inflate is skipped and recorded
(at most 1% of a split).
"""

from __future__ import annotations

import csv
import posixpath
import zipfile
from collections.abc import Iterator

from absl import logging
from etils import epath

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_BASE_URL = 'http://web.fsktm.um.edu.my/~cschan/source/ICIP2017/'
IMAGES_URL = _BASE_URL + 'wikiart.zip'
CSV_URL = _BASE_URL + 'wikiart_csv.zip'
IMAGE_ROOT = 'wikiart'
IMAGES_ZIP = 'wikiart.zip'
CSV_ZIP = 'wikiart_csv.zip'
# The CSV of each source split, members at the root of wikiart_csv.zip.
CSVS = {'train': 'style_train.csv', 'test': 'style_val.csv'}
# The source's class ids (style_class.txt; the reference's STYLE_TO_CLASS_ID): keep the order.
CLASS_NAMES = (
    'Abstract_Expressionism', 'Action_painting', 'Analytical_Cubism', 'Art_Nouveau', 'Baroque',
    'Color_Field_Painting', 'Contemporary_Realism', 'Cubism', 'Early_Renaissance',
    'Expressionism', 'Fauvism', 'High_Renaissance', 'Impressionism',
    'Mannerism_Late_Renaissance', 'Minimalism', 'Naive_Art_Primitivism', 'New_Realism',
    'Northern_Renaissance', 'Pointillism', 'Pop_Art', 'Post_Impressionism', 'Realism', 'Rococo',
    'Romanticism', 'Symbolism', 'Synthetic_Cubism', 'Ukiyo_e',
)


def parse_style_csv(text: str, file_name: str) -> list[tuple[str, int]]:
  """`(path under wikiart/, class id)` of every row of a header-less style CSV, in file order.

  Raises:
    ValueError: a row is not `<relative path>,<id in 0..26>`, or a path is listed twice.
  """
  rows: list[tuple[str, int]] = []
  seen: set[str] = set()
  for number, row in enumerate(csv.reader(text.removeprefix('\ufeff').splitlines()), 1):
    if not row:
      continue
    try:
      if len(row) != 2:
        raise ValueError(f'{len(row)} fields, expected 2 (path, class id)')
      path, class_id = row
      parts = path.split('/')
      if not path or path.startswith('/') or '' in parts or '..' in parts:
        raise ValueError(f'{path!r} is not a relative image path')
      try:
        label = int(class_id)
      except ValueError:
        label = -1
      if not 0 <= label < len(CLASS_NAMES):
        raise ValueError(f'class id {class_id!r} is not a number in 0..{len(CLASS_NAMES) - 1}')
      if path in seen:
        raise ValueError(f'{path} is listed twice')
    except ValueError as e:
      raise ValueError(f'{file_name} line {number}: {e}') from None
    seen.add(path)
    rows.append((path, label))
  return rows


def read_member(archive: epath.Path, name: str) -> str:
  """The UTF-8 text of the member `name` of the small zip `archive`, read in place.

  Raises:
    ValueError: no such member, or it is not UTF-8.
  """
  with archive.open('rb') as f, zipfile.ZipFile(f) as zf:
    try:
      data = zf.read(name)
    except KeyError:
      raise ValueError(f'{name} is missing') from None
  return data.decode('utf-8')


class WikiPaintingsStyle(toolkit.TaskBuilder):
  """WikiArt style; JPEGs read from wikiart.zip by Beam workers, labels from the style CSVs."""

  TASK = 'wiki_paintings_style'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST  # style_train hashed 0.7/0.15/0.15; style_val is test.
  USE_BEAM = True  # About 81,000 paintings, 25 GB.

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    images = self.download(dl_manager, IMAGES_URL)  # Both zips read in place, not extracted.
    tables = self.download(dl_manager, CSV_URL)
    with self.expected_content(CSV_ZIP):
      rows = {split: parse_style_csv(read_member(tables, name), name)
              for split, name in CSVS.items()}
    # The central directory only (cheap): to report missing images before the workers start.
    members = {member.name for member in toolkit.archives.zip_members(images)}
    archive = str(images)
    used: set[str] = set()
    for split, name in CSVS.items():
      listed = [(posixpath.join(IMAGE_ROOT, path), label) for path, label in rows[split]]
      missing = [member for member, _ in listed if member not in members]
      if missing:
        # Listed anyway: the workers skip and record them as unreadable images, within the
        # split's allowance (a few are tolerated, many mean a damaged or changed download).
        logging.warning('[%s] %d image(s) of %s are missing from %s, e.g. %s: skipped.',
                        self.TASK, len(missing), name, IMAGES_ZIP, missing[0])
      for member, label in listed:
        used.add(member)
        yield toolkit.Example(key=member, image=toolkit.archives.ZipMember(archive, member),
                              label=label, source_split=split)
    logging.info('[%s] %d members of %s are in no style CSV: not used.', self.TASK,
                 len(members - used), IMAGES_ZIP)
