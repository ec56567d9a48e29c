"""UIUC texture (Lazebnik, Schmid & Ponce): 1000 grayscale 640x480 photos of 25 textures.

Five zips (`T01-T05.zip` ... `T21-T25.zip`) of five texture folders each, `T<nn>_<name>/`
(`T01_bark1/` ... `T25_plaid/`), holding 40 grayscale JPEGs `T<nn>_<kk>.jpg` apiece. The
reference stores one channel: the task is grayscale by definition. Label = the image's folder,
ids by the sorted folder names (as the reference). The source has no split: images are divided
by a hash of their member path. Images are read straight from the zips.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
archive order; the 25 classes are fixed instead of read from the zips' directory entries; only
JPEG members are images, and a JPEG outside the texture folders stops the build with a message.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from nevis_datasets import toolkit

_BASE_URL = ('https://web.archive.org/web/20070829035029/http://www-cvr.ai.uiuc.edu/ponce_grp/'
             'data/texture_database/')
ZIPS = ('T01-T05.zip', 'T06-T10.zip', 'T11-T15.zip', 'T16-T20.zip', 'T21-T25.zip')

# The texture folders, sorted (the reference's order: sorted zip directory names).
CLASS_NAMES = (
    'T01_bark1', 'T02_bark2', 'T03_bark3', 'T04_wood1', 'T05_wood2', 'T06_wood3', 'T07_water',
    'T08_granite', 'T09_marble', 'T10_floor1', 'T11_floor2', 'T12_pebbles', 'T13_wall',
    'T14_brick1', 'T15_brick2', 'T16_glass1', 'T17_glass2', 'T18_carpet1', 'T19_carpet2',
    'T20_upholstery', 'T21_wallpaper', 'T22_fur', 'T23_knit', 'T24_corduroy', 'T25_plaid',
)


def texture_of(member: str) -> str:
  """The texture of a JPEG member: its folder, which must be a top-level texture folder.

  Raises:
    ValueError: the member is not directly in one of the 25 texture folders.
  """
  folder = posixpath.dirname(member)
  if folder not in CLASS_NAMES:
    raise ValueError(f'{member!r} is not in a texture folder (T01_bark1/ ... T25_plaid/)')
  return folder


class UiucTexture(toolkit.TaskBuilder):
  """UIUC texture; grayscale JPEGs read from the five zips, label from the folder."""

  TASK = 'uiuc_texture'
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    for name in ZIPS:
      archive = self.download(dl_manager, _BASE_URL + name)
      # Folder names differ from zip to zip: the member path is unique across the five.
      members = ((m.name, m) for m in toolkit.archives.zip_members(archive))
      yield from self.labelled_images(members, name, texture_of, suffixes=('.jpg',))
