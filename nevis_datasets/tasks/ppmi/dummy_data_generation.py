"""Writes dummy_data/norm_ppmi_12class.zip: the real archive's layout with tiny images.

The real archive holds a top-level `README` and
`norm_image/{play,with}_instrument/<instrument>/{train,test}/<name>.jpg` (about 100 train and
100 test images per class). The exact spelling of the real instrument folders is not recorded
by the reference; the builder matches them ignoring case and separators, and the fake one uses
lower-case names. It has one train image (8x8 JPEG) per class and one test image for every
other class.

Run: python -m nevis_datasets.tasks.ppmi.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.ppmi import ppmi

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'norm_ppmi_12class.zip'
_TIMESTAMP = (2010, 1, 1, 0, 0, 0)


def main() -> None:
  rng = np.random.default_rng(0)
  members = {'README': b'PPMI: People Playing Musical Instruments (normalized images).\n'}
  for index, name in enumerate(ppmi.CLASS_NAMES):
    kind, instrument = name.split('/')
    prefix = f'Norm_{kind.split("_")[0].capitalize()}_{instrument.title().replace("_", "")}'
    for split in ('train', 'test') if index % 2 == 0 else ('train',):
      pixels = rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)
      members[f'norm_image/{kind}/{instrument}/{split}/{prefix}_{index:03d}.jpg'] = (
          fake_archives.image_bytes(pixels, 'JPEG', quality=50))
  with fake_archives.write_zip(_OUT, date_time=_TIMESTAMP) as archive:
    for name in sorted(members):
      archive.add(name, members[name])


if __name__ == '__main__':
  main()
