"""KTH-TIPS2-a (colour, 200x200): 11 materials, 4 physical samples each, some scales missing.

The tar holds `KTH-TIPS2-a/<material>/sample_<x>/<name>.png` (samples a-d; up to 108 PNGs per
sample). Label = the material folder, the sample folder's parent, ids by the sorted material
names (as the reference). The layout and the 11 names are KTH-TIPS2-b's
(`toolkit.sources.kth_tips2`). The source has no split: images are divided by a hash of their
member path. The tar is extracted once (tar members are not random-access) and the images are
read from there.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
archive order; the 11 classes are fixed instead of read from the tar's directory entries; a PNG
outside `<material>/sample_<x>/` stops the build with a message instead of a bare `ValueError`.
"""

from __future__ import annotations

from collections.abc import Iterator

from nevis_datasets import toolkit
from nevis_datasets.toolkit import trees
from nevis_datasets.toolkit.sources import kth_tips2

TAR = kth_tips2.KTH_TIPS2_A
CLASS_NAMES = kth_tips2.CLASS_NAMES


class KthTips2a(toolkit.TaskBuilder):
  """KTH-TIPS2-a; PNGs from the extracted tar, label from the material folder."""

  TASK = 'kth_tips_2a'
  CLASS_NAMES = CLASS_NAMES

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download(dl_manager, TAR.url, extract=True)
    yield from self.labelled_images(trees.extracted_files(root), TAR.file_name, TAR.material_of,
                                    suffixes=('.png',))
