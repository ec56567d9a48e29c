"""KTH-TIPS2-b (colour, 200x200): 4752 photos of 11 materials, 4 physical samples each.

The tar holds `KTH-TIPS2-b/<material>/sample_<x>/<name>.png` (108 PNGs per sample, samples a-d).
Label = the material folder, the sample folder's parent, ids by the sorted material names (as
the reference). The source has no split: images are divided by a hash of their member path. The
tar is extracted once (tar members are not random-access) and the images are read from there.
The layout and the material names are KTH-TIPS2-a's too (`toolkit.sources.kth_tips2`).

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
archive order; the 11 classes are fixed instead of read from the tar's directory entries; a PNG
outside `<material>/sample_<x>/` stops the build with a message instead of a bare `ValueError`.
"""

from __future__ import annotations

from collections.abc import Iterator

from nevis_datasets import toolkit
from nevis_datasets.toolkit import trees
from nevis_datasets.toolkit.sources import kth_tips2

TAR = kth_tips2.KTH_TIPS2_B
CLASS_NAMES = kth_tips2.CLASS_NAMES


class KthTips2b(toolkit.TaskBuilder):
  """KTH-TIPS2-b; PNGs from the extracted tar, label from the material folder."""

  TASK = 'kth_tips_2b'
  CLASS_NAMES = CLASS_NAMES

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download(dl_manager, TAR.url, extract=True)
    yield from self.labelled_images(trees.extracted_files(root), TAR.file_name, TAR.material_of,
                                    suffixes=('.png',))
