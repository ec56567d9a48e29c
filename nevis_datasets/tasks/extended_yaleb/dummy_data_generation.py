"""Writes dummy_data/extended-yale-dataset-b.zip: the Kaggle archive's layout, tiny images.

The Kaggle archive holds one folder per subject (`yaleB11` ... `yaleB39`, no `yaleB14`) of
640x480 PGMs `yaleB<subject>_P<pose>A<azimuth>E<elevation>.pgm`, plus per-pose
`yaleB<subject>_P<pose>.info` lists and `yaleB<subject>_P<pose>_Ambient.pgm` images. The
reference only fixes that the subject folder is each file's parent; the fake one puts the
subject folders in an `ExtendedYaleB/` folder, without directory entries. It has one 8x6 image
per subject, the poses cycling through P00..P08, and an info list and an ambient image for the
first subject.

Run: python -m nevis_datasets.tasks.extended_yaleb.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.extended_yaleb import extended_yaleb

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'extended-yale-dataset-b.zip'
_ROOT = 'ExtendedYaleB'
_TIMESTAMP = (2019, 1, 1, 0, 0, 0)
_LIGHTS = ('A+000E+00', 'A-035E+15', 'A+070E-35', 'A+110E+65')


def _pgm(rng) -> bytes:
  return fake_archives.image_bytes(rng.integers(0, 256, (6, 8), dtype=np.uint8), 'PPM')


def main() -> None:
  rng = np.random.default_rng(0)
  members = {}
  for index, subject in enumerate(extended_yaleb.CLASS_NAMES):
    pose = f'P{index % 9:02d}'
    name = f'{subject}_{pose}{_LIGHTS[index % len(_LIGHTS)]}.pgm'
    members[f'{_ROOT}/{subject}/{name}'] = _pgm(rng)
    if index == 0:
      members[f'{_ROOT}/{subject}/{subject}_{pose}.info'] = f'{name}\n'.encode()
      members[f'{_ROOT}/{subject}/{subject}_{pose}_Ambient.pgm'] = _pgm(rng)
  with fake_archives.write_zip(_OUT, date_time=_TIMESTAMP,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    for name in sorted(members):
      archive.add(name, members[name])


if __name__ == '__main__':
  main()
