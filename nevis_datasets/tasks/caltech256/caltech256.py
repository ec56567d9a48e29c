"""Caltech-256 (Griffin, Holub and Perona): 256 object categories and a clutter class, with Beam.

The tar holds `256_ObjectCategories/<NNN>.<name>/<NNN>_<MMMM>.jpg` in 257 numbered folders
(`001.ak47` .. `257.clutter`). Label = folder number - 1, in the source's own numbering; the
folder name must be that id's class name. Members that are not such images (e.g.
`198.spider/RENAME2`, Windows `Thumbs.db` files) are skipped and counted. The source has no
split: images are divided by a hash of their member path.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
archive order; a folder whose name does not fit its number stops the build with a clear error
instead of a bare assertion.
"""

from __future__ import annotations

from collections.abc import Iterator

from nevis_datasets import toolkit
from nevis_datasets.toolkit.sources import caltech256 as source

CLASS_NAMES = source.CLASS_NAMES


class Caltech256(toolkit.TaskBuilder):
  """Caltech-256; label = the numbered folder, images read from the extracted tar."""

  TASK = 'caltech256'
  CLASS_NAMES = CLASS_NAMES
  USE_BEAM = True  # 30,607 JPEGs, 1.2 GB.

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    extracted = self.download(dl_manager, source.URL, extract=True)
    with self.expected_content(source.TAR):
      for image in source.list_images(self.TASK, extracted):
        # A path, not bytes: Beam workers read the images themselves.
        yield toolkit.Example(key=image.member, image=image.path, label=image.label)
