"""UMD high-resolution texture database (Xu, Ji & Fermüller): 1000 grayscale textures, 25 classes.

Two zips, `textures-1.zip` and `textures-2.zip`, hold one folder per class, named `1` .. `25`,
of 40 1280x960 grayscale PNGs each; the images are read straight from the zips. Label = the
image's folder, class `n` -> id `n - 1` (the reference's rule). Thumbnail caches (`.db`) are not
images. The source has no split: images are divided by a hash of their key
`<zip file name>/<member path>`.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
listing order (the order of the two zips came from `listdir`); a file outside the 25 class
folders stops the build with a message instead of a bare `ValueError` or `AssertionError`.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from nevis_datasets import toolkit

_URLS = (
    'http://users.umiacs.umd.edu/~fer/High-resolution-data-base/textures-1.zip',
    'http://users.umiacs.umd.edu/~fer/High-resolution-data-base/textures-2.zip',
)
# The reference's filter of members that are not images (Windows thumbnail caches).
_IGNORED = re.compile(r'\.db$')
_NUM_CLASSES = 25

# The class folder names in their numeric order (the source's numbering): id = folder - 1.
CLASS_NAMES = tuple(str(n) for n in range(1, _NUM_CLASSES + 1))


def texture_class(member: str) -> str | None:
  """The class of an image member: the name of its folder (`13/img05.png` -> 13).

  Returns:
    None for a Windows thumbnail cache (`Thumbs.db`), which is not an image.

  Raises:
    ValueError: the member does not lie in one of the folders `1` .. `25`.
  """
  if _IGNORED.search(member):
    return None
  folder = posixpath.basename(posixpath.dirname(member))
  if folder not in CLASS_NAMES:
    raise ValueError(f'{member!r} is not in a class folder 1 .. {_NUM_CLASSES}')
  return folder


class Umd(toolkit.TaskBuilder):
  """UMD textures; grayscale images read from the two zips, label from the class folder."""

  TASK = 'umd'
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    for url in _URLS:
      file_name = self.task.download(url).file_name
      archive = self.download(dl_manager, url)
      members = ((m.name, m) for m in toolkit.archives.zip_members(archive))
      # Prefixed: the key says which zip the image comes from and cannot clash across them.
      yield from self.labelled_images(members, file_name, texture_class,
                                      key_prefix=f'{file_name}/')
