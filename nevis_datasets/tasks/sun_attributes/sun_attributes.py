"""SUN Attribute (Patterson & Hays, 2012): 14,340 scene images, each with 102 attributes.

Two archives: `SUNAttributeDB_Images.tar.gz` holds `images/<letter>/<scene>[/<sub>]/<name>.jpg`;
`SUNAttributeDB.tar.gz` holds `SUNAttributeDB/` with MATLAB 5 files: `images.mat` (`images`, an
Nx1 cell array of image paths relative to `images/`), `attributeLabels_continuous.mat`
(`labels_cv`, N x 102: per image and attribute, the fraction of annotators who saw it) and
`attributes.mat` (`attributes`, the 102 attribute names in column order). Both archives are
extracted once (tar.gz members are not random-access) and the images read from there.

Labels (multi-label): an attribute is present iff its `labels_cv` value is not 0 (as the
reference); ids are the `labels_cv` columns, named by `attributes.mat` (checked against
CLASS_NAMES at build time). Images with no attribute are kept (all-zero labels). The source has
no split: images are divided by a hash of their member path.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in tar
order; images are converted to RGB (the reference stored them as opened, grayscale and CMYK
included); annotated images missing from the tar are counted and tolerated up to 1%; malformed
.mat files, unexpected attribute names and non-finite labels stop the build with a message.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from absl import logging
import numpy as np

from nevis_datasets import toolkit
from nevis_datasets.toolkit import trees

_BASE_URL = 'https://cs.brown.edu/~gmpatter/Attributes/'
IMAGES_TAR = 'SUNAttributeDB_Images.tar.gz'
ATTRIBUTES_TAR = 'SUNAttributeDB.tar.gz'
_DB = 'SUNAttributeDB'
LABELS_MAT = 'attributeLabels_continuous.mat'
IMAGES_MAT = 'images.mat'
ATTRIBUTES_MAT = 'attributes.mat'
_IMAGES_DIR = 'images'

# `attributes` of attributes.mat, in its (column) order; checked at build time.
CLASS_NAMES = (
    'sailing/ boating', 'driving', 'biking', 'transporting things or people', 'sunbathing',
    'vacationing/ touring', 'hiking', 'climbing', 'camping', 'reading', 'studying/ learning',
    'teaching/ training', 'research', 'diving', 'swimming', 'bathing', 'eating', 'cleaning',
    'socializing', 'congregating', 'waiting in line/ queuing', 'competing', 'sports', 'exercise',
    'playing', 'gaming', 'spectating/ being in an audience', 'farming', 'constructing/ building',
    'shopping', 'medical activity', 'working', 'using tools', 'digging', 'conducting business',
    'praying', 'fencing', 'railing', 'wire', 'railroad', 'trees', 'grass', 'vegetation',
    'shrubbery', 'foliage', 'leaves', 'flowers', 'asphalt', 'pavement', 'shingles', 'carpet',
    'brick', 'tiles', 'concrete', 'metal', 'paper', 'wood (not part of a tree)',
    'vinyl/ linoleum', 'rubber/ plastic', 'cloth', 'sand', 'rock/stone', 'dirt/soil', 'marble',
    'glass', 'waves/ surf', 'ocean', 'running water', 'still water', 'ice', 'snow', 'clouds',
    'smoke', 'fire', 'natural light', 'direct sun/sunny', 'electric/indoor lighting',
    'aged/ worn', 'glossy', 'matte', 'sterile', 'moist/ damp', 'dry', 'dirty', 'rusty', 'warm',
    'cold', 'natural', 'man-made', 'open area', 'semi-enclosed area', 'enclosed area',
    'far-away horizon', 'no horizon', 'rugged scene', 'mostly vertical components',
    'mostly horizontal components', 'symmetrical', 'cluttered space', 'scary', 'soothing',
    'stressful',
)


def cell_strings(mat: Mapping[str, Any], variable: str) -> list[str]:
  """The strings of the cell array `variable` of a `loadmat` result (squeeze_me=False).

  Raises:
    ValueError: no such variable, or it is not a cell array of strings.
  """
  if variable not in mat:
    raise ValueError(f'no {variable!r} variable')
  cells = np.asarray(mat[variable])
  if cells.dtype != object:
    raise ValueError(f'{variable!r} is not a cell array (dtype {cells.dtype})')
  strings = []
  for index, cell in enumerate(cells.ravel(order='F')):
    text = np.asarray(cell)
    if text.dtype.kind != 'U' or text.size > 1:
      raise ValueError(f'{variable!r} entry {index + 1} is not a string')
    strings.append(str(text.item()) if text.size else '')
  return strings


def parse_attribute_names(mat: Mapping[str, Any]) -> list[str]:
  """The attribute names of attributes.mat; they must be CLASS_NAMES, in that order."""
  names = cell_strings(mat, 'attributes')
  if names != list(CLASS_NAMES):
    raise ValueError(f'the attribute names are not the {len(CLASS_NAMES)} known ones in their '
                     f'order ({_first_difference(names, CLASS_NAMES)})')
  return names


def parse_labels(images_mat: Mapping[str, Any], labels_mat: Mapping[str, Any]
                 ) -> list[tuple[str, tuple[int, ...]]]:
  """`(member path, present attribute ids)` per image, in images.mat order.

  Raises:
    ValueError: a variable is missing or malformed, the two files disagree on the number of
      images, an image path repeats, or a label is not a finite number.
  """
  paths = cell_strings(images_mat, 'images')
  if 'labels_cv' not in labels_mat:
    raise ValueError(f"{LABELS_MAT} has no 'labels_cv' variable")
  labels = np.asarray(labels_mat['labels_cv'])
  if labels.ndim != 2 or labels.shape[1] != len(CLASS_NAMES) or not np.issubdtype(
      labels.dtype, np.number):
    raise ValueError(f'labels_cv has shape {labels.shape} and dtype {labels.dtype}, not '
                     f'N x {len(CLASS_NAMES)} numbers')
  if labels.shape[0] != len(paths):
    raise ValueError(f'{IMAGES_MAT} lists {len(paths)} images but labels_cv has '
                     f'{labels.shape[0]} rows')
  if not np.isfinite(labels).all():
    row = int(np.argwhere(~np.isfinite(labels))[0, 0])
    raise ValueError(f'labels_cv row {row + 1} ({paths[row]}) holds a non-finite value')
  result, seen = [], set()
  for path, row in zip(paths, labels):
    if not path or path.startswith('/') or '..' in path.split('/'):
      raise ValueError(f'{IMAGES_MAT} entry {path!r} is not a relative image path')
    member = f'{_IMAGES_DIR}/{path}'
    if member in seen:
      raise ValueError(f'{IMAGES_MAT} lists {path} twice')
    seen.add(member)
    result.append((member, tuple(int(i) for i in np.flatnonzero(row))))
  return result


class SunAttributes(toolkit.TaskBuilder):
  """SUN Attribute; images from the extracted images tar, attributes from the .mat files."""

  TASK = 'sun_attributes'
  CLASS_NAMES = CLASS_NAMES

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    database = self.download(dl_manager, _BASE_URL + ATTRIBUTES_TAR, extract=True) / _DB
    with self.expected_content(ATTRIBUTES_TAR):
      for name in (ATTRIBUTES_MAT, IMAGES_MAT, LABELS_MAT):
        if not (database / name).exists():
          raise ValueError(f'{_DB}/{name} is missing')
      parse_attribute_names(toolkit.matfiles.read_mat(database / ATTRIBUTES_MAT))
      annotated = parse_labels(toolkit.matfiles.read_mat(database / IMAGES_MAT),
                               toolkit.matfiles.read_mat(database / LABELS_MAT))
    root = self.download(dl_manager, _BASE_URL + IMAGES_TAR, extract=True)
    present = dict(trees.extracted_files(root))
    unlisted = len(present.keys() - {member for member, _ in annotated})
    if unlisted:
      logging.info('[%s] %d file(s) of %s are not in %s: not used.', self.TASK, unlisted,
                   IMAGES_TAR, IMAGES_MAT)
    missing = [member for member, _ in annotated if member not in present]
    self.check_missing_images(missing, len(annotated), listed_in=f'{_DB}/{IMAGES_MAT}',
                              archive=IMAGES_TAR)
    for member, attributes in annotated:
      if member in present:
        yield toolkit.Example(key=member, image=present[member], label=list(attributes))


def _first_difference(found: Sequence[str], expected: Sequence[str]) -> str:
  for index, (name, known) in enumerate(zip(found, expected)):
    if name != known:
      return f'name {index + 1} is {name!r}, not {known!r}'
  return f'{len(found)} names instead of {len(expected)}'
