"""PACS (Li et al.): 7 classes in 4 domains (photo, art painting, cartoon, sketch), from HDF5.

The data is 12 HDF5 files, `<domain>_<split>.hdf5` for the 4 domains and the splits train, val
and test (test repeats the domain's train and val images), each holding `images` (N x 227 x 227
x 3, BGR, a numeric dtype) and `labels` (1..7). As in the reference, the domain split is used:
photo, art painting and cartoon images, de-duplicated together, become train/dev (0.8/0.2);
sketch images, de-duplicated, become dev_test/test (0.5/0.5). Label = `labels` - 1, in the
reference's class order; images are turned from BGR into RGB.

Which catalog download (a Google Drive id) holds which file was never recorded: downloads are
named `<file id>.hdf5`, and a file's domain is read from its content (sketches are grayscale,
the other domains colour). Files placed in the manual dir under their real names (as the PACS
Drive folder gives them) are used too, and their names must agree with their content.

Differences from the reference (see README.md): splits by a hash of a content key instead of a
seeded draw in file order; the domain of a download from its pixels (the reference read it
from the file name); malformed files stop the build with a message.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping, Sequence

from etils import epath
from etils import epy
import numpy as np

with epy.lazy_imports():
  # Imported where first used: SciPy, h5py and requests are a third of `import nevis_datasets`.
  import h5py

from nevis_datasets import toolkit
from nevis_datasets.toolkit import downloads
from nevis_datasets.toolkit import splits

# The reference's order (also sorted): HDF5 label `l` is class `l - 1`.
CLASS_NAMES = ('dog', 'elephant', 'giraffe', 'guitar', 'horse', 'house', 'person')
DOMAINS = ('art_painting', 'cartoon', 'photo', 'sketch')
# The file names of the PACS Google Drive folder.
REAL_NAMES = tuple(f'{domain}_{split}.hdf5' for domain in DOMAINS
                   for split in ('train', 'val', 'test'))
_REAL_NAME = re.compile(r'(?P<domain>art_painting|cartoon|photo|sketch)_(train|val|test)\.hdf5')
_NUM_SKETCH_FILES = 3

# Source splits: the two groups that the reference de-duplicates and divides separately.
SKETCH = 'sketch'
PHOTO_ART_CARTOON = 'photo_art_cartoon'
SPLIT_RULE = splits.SplitRule(hashed={
    PHOTO_ART_CARTOON: splits.TRAIN_AND_DEV_FRACTIONS,  # train 0.8, dev 0.2.
    SKETCH: {splits.DEV_TEST: 0.5, splits.TEST: 0.5},
})

# Domain from content: a pixel is coloured where its channels differ by more than this (gray
# images stored as RGB, e.g. from JPEGs, differ by a few levels); an image is grayscale where at
# most this fraction of its pixels is coloured; a file is a sketch file where most of a sample
# of its images, spread over the file, is grayscale.
_GRAY_TOLERANCE = 16
_COLOURED_FRACTION = 0.01
_SAMPLE = 32
_CHUNK = 128  # Images read at once while listing (20 MB of uint8 pixels at 227x227).

_REAL_NAMES_HINT = (
    'Alternatively, download the 12 files of the PACS Google Drive folder (linked from '
    'https://dali-dl.github.io/project_iccv2017.html) and place them in the manual dir under '
    f'their own names ({", ".join(REAL_NAMES[:3])}, ...).')


def domain_of_name(name: str) -> str | None:
  """The domain of a real PACS file name (`cartoon_val.hdf5` -> 'cartoon'), None otherwise."""
  match = _REAL_NAME.fullmatch(name)
  return match.group('domain') if match else None


def is_gray(image: np.ndarray) -> bool:
  """Whether an HxWx3 image is grayscale: at most 1% of its pixels have differing channels."""
  pixels = np.asarray(image, dtype=np.float64)
  spread = pixels.max(axis=-1) - pixels.min(axis=-1)
  return float(np.mean(spread > _GRAY_TOLERANCE)) <= _COLOURED_FRACTION


def is_sketch_file(images: Sequence[np.ndarray]) -> bool:
  """Whether a file's images (an N x H x W x 3 array or HDF5 dataset) are sketches.

  Sketches are grayscale drawings; photos, paintings and cartoons are in colour (a few of them
  grayscale). Up to 32 images spread evenly over the file are looked at; most must be gray.

  Raises:
    ValueError: the file has no images.
  """
  count = len(images)
  if not count:
    raise ValueError('the file holds no images')
  indices = sorted({int(i) for i in np.linspace(0, count - 1, min(count, _SAMPLE)).round()})
  gray = sum(is_gray(images[i]) for i in indices)
  return 2 * gray > len(indices)


def to_rgb(pixels: np.ndarray) -> np.ndarray:
  """An HxWx3 BGR image of any numeric dtype -> the uint8 RGB array, as the reference does.

  Raises:
    ValueError: not HxWx3, or values outside 0..255.
  """
  if pixels.ndim != 3 or pixels.shape[-1] != 3:
    raise ValueError(f'an image of shape {pixels.shape}, not height x width x 3')
  if pixels.dtype != np.uint8:
    if pixels.dtype.kind not in 'uif':
      raise ValueError(f'images of dtype {pixels.dtype}, not numbers')
    if not np.all(np.isfinite(pixels)) or pixels.min() < 0 or pixels.max() > 255:
      raise ValueError('pixel values outside 0..255')
  # Truncates non-integer values, as the reference's astype('uint8').
  return np.ascontiguousarray(pixels[..., ::-1]).astype(np.uint8)


def label_ids(labels: np.ndarray, count: int) -> np.ndarray:
  """The `labels` dataset (1..7, one per image) -> label ids 0..6.

  Raises:
    ValueError: not one integer label in 1..7 per image.
  """
  values = np.asarray(labels)
  if values.shape not in ((count,), (count, 1)):
    raise ValueError(f'labels of shape {values.shape} for {count} images')
  values = values.reshape(-1)
  if values.dtype.kind not in 'uif' or not np.all(np.isfinite(values)):
    raise ValueError(f'labels of dtype {values.dtype}, not numbers')
  if np.any(values != np.round(values)) or np.any((values < 1) | (values > len(CLASS_NAMES))):
    raise ValueError(f'labels outside 1..{len(CLASS_NAMES)}')
  return values.astype(np.int64) - 1


def _datasets(f: h5py.File) -> tuple[h5py.Dataset, np.ndarray]:
  """The file's `images` dataset (read lazily) and its label ids."""
  for name in ('images', 'labels'):
    if not isinstance(f.get(name), h5py.Dataset):
      raise ValueError(f'no {name!r} dataset (the file holds: {", ".join(sorted(f)) or "none"})')
  images = f['images']
  if images.ndim != 4 or images.shape[-1] != 3:
    raise ValueError(f'images of shape {images.shape}, not N x height x width x 3')
  return images, label_ids(f['labels'][()], len(images))


def match_by_md5(placed: Mapping[str, str], catalog_md5s: Mapping[str, str]
                 ) -> tuple[dict[str, str], list[str]]:
  """Placed real-named files -> the catalog downloads they are, by md5.

  Args:
    placed: real file name -> its md5.
    catalog_md5s: URL -> the catalog's md5.

  Returns:
    URL -> the placed name holding it; and the placed names that hold none (sorted).
  """
  by_md5: dict[str, str] = {}
  for name, md5 in sorted(placed.items()):
    by_md5.setdefault(md5, name)  # Of two copies, the first name is used.
  matched = {url: by_md5[md5] for url, md5 in catalog_md5s.items() if md5 in by_md5}
  return matched, sorted(set(placed) - set(matched.values()))


@dataclasses.dataclass(frozen=True)
class _File:
  path: epath.Path
  origin: str  # For messages: the URL, or the placed file.
  named_domain: str | None  # From a real file name; None for a download by id.


class Pacs(toolkit.TaskBuilder):
  """PACS; photo/art/cartoon images -> train/dev, sketches -> dev_test/test, de-duplicated."""

  TASK = 'pacs'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = SPLIT_RULE

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    files = self._files(dl_manager)
    groups = [self._group(file) for file in files]
    if groups.count(SKETCH) != _NUM_SKETCH_FILES:
      found = '; '.join(f'{file.path.name}: {group}' for file, group in zip(files, groups))
      raise toolkit.CorruptDataError(
          f'[{self.TASK}] {groups.count(SKETCH)} of the {len(files)} files hold grayscale '
          f'sketches, but PACS has {_NUM_SKETCH_FILES} sketch files ({found}). The files are '
          f'not the PACS ones. {self._delete_sources_advice()}')
    # A content key: copies of an image (the test files repeat train and val) get one key,
    # and one copy is kept: the reference's (pixel md5, label) de-duplication, per group.
    seen: set[str] = set()
    for file, group in zip(files, groups):
      with self.expected_content(file.origin), h5py.File(str(file.path), 'r') as f:
        images, labels = _datasets(f)
        for start in range(0, len(images), _CHUNK):
          for offset, pixels in enumerate(images[start:start + _CHUNK]):
            index = start + offset
            label = int(labels[index])
            key = f'{group}/{toolkit.dedup.pixel_digest(to_rgb(pixels))}_{label}'
            if key in seen:
              continue
            seen.add(key)
            # A path and an index, not 155 KB of pixels: the row is read when encoded.
            image = toolkit.images.ArrayRow(str(file.path), 'images', index, to_rgb)
            yield toolkit.Example(key=key, image=image, label=label, source_split=group)

  def _group(self, file: _File) -> str:
    """The file's group, from its content; checked against its real name where it has one."""
    with self.expected_content(file.origin), h5py.File(str(file.path), 'r') as f:
      images, _ = _datasets(f)
      sketch = is_sketch_file(images)
      if file.named_domain is not None and sketch != (file.named_domain == SKETCH):
        raise ValueError(
            f'{file.path.name} is named as a {file.named_domain} file, but its images are '
            f'{"grayscale, as sketches" if sketch else "in colour, not sketches"}')
    return SKETCH if sketch else PHOTO_ART_CARTOON

  def _files(self, dl_manager) -> list[_File]:
    """The 12 files: placed under their real names (md5-matched), else the catalog downloads.

    With NEVIS_SKIP_CHECKSUMS=1 md5s cannot match; placed real names are then used only as a
    complete set of 12.
    """
    placed = self._placed_real_files(dl_manager)
    if placed and downloads.checksums_skipped():
      missing = [name for name in REAL_NAMES if name not in placed]
      if missing:
        raise downloads.DownloadError(
            f'[{self.TASK}] The manual dir holds {len(placed)} PACS files under their real names '
            f'but not {", ".join(missing)}. With {downloads.SKIP_CHECKSUMS_ENV}=1 they cannot '
            'be matched to the catalog downloads by md5, so all 12 must be there: place the '
            'missing ones, or unset it.')
      for name in REAL_NAMES:
        self._sources.append(f'{placed[name]} (placed)')
      return [_File(placed[name], str(placed[name]), domain_of_name(name))
              for name in REAL_NAMES]
    md5s = {name: downloads.md5_of(path) for name, path in placed.items()}
    matched, unmatched = match_by_md5(
        md5s, {download.url: download.md5 for download in self.task.downloads})
    if unmatched:
      raise downloads.DownloadError(
          f'[{self.TASK}] {", ".join(str(placed[name]) for name in unmatched)} in the manual '
          'dir do not have the md5 of any PACS file of the NEVIS catalog (or repeat another '
          'placed file): they are damaged, incomplete or another version. Delete or replace '
          f'them; for deliberately changed files, set {downloads.SKIP_CHECKSUMS_ENV}=1 and '
          'place all 12.')
    files = []
    for download in self.task.downloads:
      name = matched.get(download.url)
      if name is not None:
        self._sources.append(f'{placed[name]} (placed; the file of {download.url})')
        files.append(_File(placed[name], str(placed[name]), domain_of_name(name)))
      else:
        files.append(_File(self._download(dl_manager, download.url), download.url, None))
    return files

  def _placed_real_files(self, dl_manager) -> dict[str, epath.Path]:
    manual_dir = self._manual_dir(dl_manager)
    if manual_dir is None or not manual_dir.is_dir():
      return {}
    return {path.name: path for path in sorted(manual_dir.glob('*.hdf5'))
            if path.name in REAL_NAMES}

  def _download(self, dl_manager, url: str) -> epath.Path:
    try:
      return self.download(dl_manager, url)
    except downloads.DownloadError as e:
      raise downloads.DownloadError(f'{e} {_REAL_NAMES_HINT}') from e
