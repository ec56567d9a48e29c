"""VisTex (MIT Vision Texture 1.0): the 167 Reference textures, 512x512 colour PPMs, 19 classes.

`VisTex.tar.gz` holds `VisionTexture/buildVisTex` and the distribution as LZW-compressed tar
parts `VisionTexture/vistex1.0a.<A-H>.tar.Z`, which together unpack to one `VisTex/` tree.
Under it, `VisTex/Images/Reference/<category>/<name>.ppm` are symbolic links into
`VisTex/FLAT/`, where the images are stored once (possibly in another part than the link).
Only the Reference section is used; label = the category folder, ids by the sorted category
names. The source has no split: images are divided by a hash of the Reference path.

The outer tar.gz is extracted once; each part is decompressed in memory (`ncompress`), read
twice: first the headers of all parts (links and where each file lies), then the linked images.
Examples hold the PPM bytes (about 131 MB for the 167 images), converted to PNG on encoding.

Differences from the reference (see README.md): ids by sorted names instead of os.walk order;
splits by hash instead of a seeded draw in walk order; nothing is unpacked to disk; the declared
(never applied) random crop is not applied either.
"""

from __future__ import annotations

import collections
import contextlib
import io
import posixpath
import re
import tarfile
from collections.abc import Iterator, Mapping

from etils import epath
import ncompress

from nevis_datasets import toolkit

_URL = 'http://vismod.media.mit.edu/pub/VisTex/VisTex.tar.gz'
_ARCHIVE = 'VisTex.tar.gz'
_PARTS_DIR = 'VisionTexture'
_PART_PATTERN = '*.tar.Z'
# The reference's pattern of Reference textures (its dot escaped, its end anchored); group 1 is
# the category.
_REFERENCE_IMAGE = re.compile(r'^.+/Images/Reference/(.+)/[^/]+\.ppm$')
_MAX_LINK_HOPS = 8

# The category folders of Images/Reference, sorted.
CLASS_NAMES = ('Bark', 'Brick', 'Buildings', 'Clouds', 'Fabric', 'Flowers', 'Food', 'Grass',
               'Leaves', 'Metal', 'Misc', 'Paintings', 'Sand', 'Stone', 'Terrain', 'Tile',
               'Water', 'WheresWaldo', 'Wood')


def category_of(path: str) -> str | None:
  """The category of a Reference texture path; None for any other path (Scenes, FLAT, docs).

  Raises:
    ValueError: a PPM under Images/Reference/ that is not directly in one of the 19 folders.
  """
  match = _REFERENCE_IMAGE.match(path)
  if match is None:
    return None
  if match.group(1) not in CLASS_NAMES:
    raise ValueError(f'{path!r} is not in a Reference category folder ({", ".join(CLASS_NAMES)})')
  return match.group(1)


def link_target(member: tarfile.TarInfo) -> str:
  """The tree path a link member points to: symbolic links are relative to their folder.

  Raises:
    ValueError: the link is absolute or leads out of the tree.
  """
  if member.issym():
    if member.linkname.startswith('/'):
      raise ValueError(f'{member.name!r} is an absolute link ({member.linkname!r})')
    target = posixpath.join(posixpath.dirname(member.name), member.linkname)
  else:  # A hard link names its target from the archive root.
    target = member.linkname
  target = posixpath.normpath(target)
  if target == '..' or target.startswith('../') or target.startswith('/'):
    raise ValueError(f'{member.name!r} links out of the VisTex tree ({member.linkname!r})')
  return target


def resolve(path: str, files: Mapping[str, str], links: Mapping[str, str]) -> str:
  """The file `path` stands for, following links (`links`: path -> target; `files`: the files).

  Raises:
    ValueError: a link leads to nothing, or links form a loop.
  """
  for _ in range(_MAX_LINK_HOPS):
    if path in files:
      return path
    if path not in links:
      raise ValueError(f'the link target {path!r} is in no part of the archive')
    path = links[path]
  raise ValueError(f'links to {path!r} go round in a loop')


def decompress_part(data: bytes, name: str) -> bytes:
  """A `.tar.Z` part's tar bytes.

  Raises:
    ValueError: `data` is not LZW-compressed, or its stream is corrupt.
  """
  try:
    return ncompress.decompress(data)
  except ValueError as e:  # ncompress: 'not in LZW-compressed format', 'corrupt input ...'.
    raise ValueError(f'{name} cannot be decompressed ({e})') from e


class Vistex(toolkit.TaskBuilder):
  """VisTex Reference textures; PPMs out of the LZW-compressed tar parts, label = category."""

  TASK = 'vistex'
  CLASS_NAMES = CLASS_NAMES

  @contextlib.contextmanager
  def _part(self, path: epath.Path) -> Iterator[tarfile.TarFile]:
    """One part, decompressed in memory; a damaged part stops the build, named."""
    name = f'{_PARTS_DIR}/{path.name}'
    with self.expected_content(f'{name} in {_ARCHIVE}'):
      try:
        with tarfile.open(fileobj=io.BytesIO(decompress_part(path.read_bytes(), name))) as tar:
          yield tar
      except tarfile.TarError as e:
        raise ValueError(f'{name} is not a readable tar once decompressed '
                         f'({type(e).__name__}: {e})') from e

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download(dl_manager, _URL, extract=True)
    parts = sorted((root / _PARTS_DIR).glob(_PART_PATTERN))
    if not parts:
      raise toolkit.CorruptDataError(
          f'[{self.TASK}] {_ARCHIVE} has no {_PARTS_DIR}/{_PART_PATTERN} parts: the download is '
          'incomplete or the archive changed upstream. Delete it from the download dir (or the '
          'manual dir) and build again.')
    files: dict[str, str] = {}  # Tree path -> the part holding the file (the first, if several).
    links: dict[str, str] = {}  # Tree path -> link target.
    references: list[str] = []  # Reference texture paths (links or files), in listing order.
    for path in parts:
      with self._part(path) as tar:
        for member in tar.getmembers():
          tree_path = posixpath.normpath(member.name)
          if member.isfile():
            files.setdefault(tree_path, path.name)
          elif member.issym() or member.islnk():
            links.setdefault(tree_path, link_target(member))
          else:
            continue
          if category_of(tree_path) is not None:
            references.append(tree_path)
    # Part -> (Reference path, path of the file it stands for) of the images it holds.
    wanted: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    with self.expected_content(_ARCHIVE):
      for key in references:
        target = resolve(key, files, links)
        wanted[files[target]].append((key, target))
    for path in parts:
      if path.name not in wanted:
        continue
      with self._part(path) as tar:
        by_path = {posixpath.normpath(m.name): m for m in tar.getmembers() if m.isfile()}
        for key, target in wanted[path.name]:
          member = by_path[target]
          toolkit.archives.check_image_size(member.size, f'{target} in {path.name}')
          yield toolkit.Example(key=key, image=tar.extractfile(member).read(),
                                label=category_of(key))
