"""Synthetic COVID-19 Chest X-ray Dataset (Zunair & Hamza, 2021): 21,295 generated X-rays.

Every image is a synthetic COVID-19 chest X-ray, made by unpaired image-to-image translation
(CycleGAN-style) of a real non-COVID X-ray of the RSNA pneumonia data. The GitHub release v0.1
has two zips, `G_NC.zip` and `G_PC.zip`, holding `G1/<file>` (translated from Normal X-rays)
and `G2/<file>` (translated from Pneumonia X-rays): 256x256 JPEGs. Label (the reference's): the
folder, `G1` -> Normal 0, `G2` -> Pneumonia 1, i.e. the class the image was translated from.
The source has no split: images are divided by a hash of their member path. Both zips are read
in place.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in zip
order; images are stored as RGB (the source JPEG bytes where they already are); an undecodable
image is skipped and recorded instead of stopping the build.
"""

from __future__ import annotations

from collections.abc import Iterator

from nevis_datasets import toolkit

_BASE_URL = 'https://github.com/hasibzunair/synthetic-covid-cxr-dataset/releases/download/v0.1/'
ARCHIVES = ('G_NC.zip', 'G_PC.zip')
# Image folder -> class: the real X-ray class that the synthetic COVID-19 image was translated
# from (the reference's names and ids).
FOLDERS = {'G1': 'Normal', 'G2': 'Pneumonia'}
CLASS_NAMES = ('Normal', 'Pneumonia')


def label_of(member: str) -> str:
  """The class of a zip member `G1/<file>` or `G2/<file>`.

  Raises:
    ValueError: any other member (the reference rejected them too).
  """
  folder, slash, name = member.partition('/')
  if not slash or not name or '/' in name or folder not in FOLDERS:
    raise ValueError(f'{member!r} is not G1/<file> or G2/<file>')
  return FOLDERS[folder]


class SyntheticCovid19Xray(toolkit.TaskBuilder):
  """Synthetic COVID-19 X-rays; label = the folder (the class translated from), read in place."""

  TASK = 'synthetic_covid19_xray'
  CLASS_NAMES = CLASS_NAMES

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    for zip_name in ARCHIVES:
      archive = self.download(dl_manager, _BASE_URL + zip_name)  # Read in place.
      members = toolkit.archives.zip_members(archive)  # Without directories and Thumbs.db.
      yield from self.labelled_images(((m.name, m) for m in members), zip_name, label_of)
