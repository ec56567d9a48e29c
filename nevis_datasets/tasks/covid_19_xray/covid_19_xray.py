"""COVID-19 Radiography Database (Chowdhury et al. 2020, Rahman et al. 2021): 4 classes of X-rays.

The Kaggle archive `covid19-radiography-database.zip` (extracted by the toolkit), in the version
of the catalog's md5, holds about 21k 299x299 PNGs as
`COVID-19_Radiography_Dataset/<class>/<class>-<n>.png`, beside one metadata spreadsheet per class
and `README.md.txt` (not used). Later versions (what the Kaggle API now serves) move them to
`<class>/images/` and add lung masks in `<class>/masks/`: both layouts are read, masks never.
Label = the class folder: COVID 0, Lung_Opacity 1, Normal 2, Viral Pneumonia 3. Grayscale by
definition (the reference converts to 'L'). As in the reference, an image with the pixels and
label of an earlier one (in sorted member order) is dropped; the source has no split: the kept
images are divided by a hash of their member path.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in
archive order; the later images/masks layout is read (the reference crashed on it); a PNG outside
the class folders stops the build with a message (the reference: a bare KeyError).
"""

from __future__ import annotations

from collections.abc import Iterator


from nevis_datasets import toolkit
from nevis_datasets.toolkit import trees

_ARCHIVE = 'covid19-radiography-database.zip'
ROOT = 'COVID-19_Radiography_Dataset'
# The reference's order (also sorted); the folder names, 'Viral Pneumonia' with its space.
CLASS_NAMES = ('COVID', 'Lung_Opacity', 'Normal', 'Viral Pneumonia')
IMAGES, MASKS = 'images', 'masks'  # The class subfolders of later versions.


def class_of(member: str) -> str | None:
  """The class of a PNG member, or None for a lung mask.

  Images are `COVID-19_Radiography_Dataset/<class>/<file>` (the catalog's version) or
  `COVID-19_Radiography_Dataset/<class>/images/<file>` (later versions, whose
  `<class>/masks/<file>` are masks).

  Raises:
    ValueError: the member is not directly in a class folder (or its images/ subfolder).
  """
  parts = member.split('/')
  if len(parts) == 4 and parts[2] == MASKS:
    return None
  if (len(parts) == 3 or (len(parts) == 4 and parts[2] == IMAGES)) and parts[1] in CLASS_NAMES:
    return parts[1]
  raise ValueError(f'{member!r} is not in a class folder ({ROOT}/<class>/ or '
                   f'{ROOT}/<class>/{IMAGES}/, <class> one of {", ".join(CLASS_NAMES)})')


class Covid19Xray(toolkit.TaskBuilder):
  """COVID-19 Radiography; label from the class folder, pixel copies within a class dropped."""

  TASK = 'covid_19_xray'
  CLASS_NAMES = CLASS_NAMES
  GRAYSCALE = True

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download_kaggle(dl_manager)
    with self.expected_content(_ARCHIVE):
      files = trees.extracted_folder(root, ROOT)
    # Sorted members, so of a group of copies the first in member order is kept, as in the
    # reference; pixels are compared in 'L', as the reference compares them.
    yield from toolkit.dedup.unique_examples(
        self.labelled_images(files, _ARCHIVE, class_of, suffixes=('.png',)), grayscale=True)
