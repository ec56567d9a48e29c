"""Tuberculosis (TB) chest X-ray database (Rahman et al., IEEE Access 2020): normal or TB.

The Kaggle archive `tuberculosis-tb-chest-xray-dataset.zip` (extracted by the toolkit) holds
4,200 PNGs (512x512) as `TB_Chest_Radiography_Database/{Normal,Tuberculosis}/<class>-<n>.png`,
beside one metadata spreadsheet per class and `README.md.txt` (not used). Label = the class
folder (Normal 0, Tuberculosis 1). Images are stored as RGB, as in the reference (which converts
to 'RGB'). The source has no split: all images are divided by a hash of their member path.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
archive order; only PNGs are images, and a PNG outside the class folders stops the build with a
message (the reference crashed with a bare KeyError on any unexpected file).
"""

from __future__ import annotations

from collections.abc import Iterator


from nevis_datasets import toolkit
from nevis_datasets.toolkit import trees

_ARCHIVE = 'tuberculosis-tb-chest-xray-dataset.zip'
ROOT = 'TB_Chest_Radiography_Database'
CLASS_NAMES = ('Normal', 'Tuberculosis')  # The reference's order (also sorted).


def class_of(member: str) -> str:
  """The class of a PNG member `TB_Chest_Radiography_Database/<class>/<file>`.

  Raises:
    ValueError: the member is not directly in one of the class folders.
  """
  parts = member.split('/')
  if len(parts) != 3 or parts[1] not in CLASS_NAMES:
    raise ValueError(f'{member!r} is not in a class folder ({ROOT}/Normal or '
                     f'{ROOT}/Tuberculosis)')
  return parts[1]


class Tubercolosis(toolkit.TaskBuilder):
  """TB chest X-rays; label from the class folder, split by member path hash."""

  TASK = 'tubercolosis'  # The reference's spelling.
  CLASS_NAMES = CLASS_NAMES

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download_kaggle(dl_manager)
    with self.expected_content(_ARCHIVE):
      files = trees.extracted_folder(root, ROOT)
    yield from self.labelled_images(files, _ARCHIVE, class_of, suffixes=('.png',))
