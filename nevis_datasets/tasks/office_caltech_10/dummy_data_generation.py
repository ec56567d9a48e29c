"""Writes dummy_data/{domain_adaptation_images.tar.gz,256_ObjectCategories.tar}.

The real Office-31 archive holds `<domain>/images/<class>/frame_<NNNN>.jpg` for the domains
amazon, dslr and webcam and the 31 Office classes, with directory entries. The fake one has 2
images of each of the 10 shared classes in amazon, 1 of 3 classes in dslr and 2 of 3 classes in
webcam (8x8 random JPEGs), plus 2 amazon images of a class outside the 10 (`bike_helmet`), which
the builder leaves out.

The Caltech-256 tar is caltech256's fake one, written by the same function (an identical copy,
so that each task's test reads only its own dummy_data).

Run: python -m nevis_datasets.tasks.office_caltech_10.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.caltech256 import dummy_data_generation as caltech256_data
from nevis_datasets.tasks.office_caltech_10 import office_caltech_10

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
# Domain -> (classes, images per class).
DOMAINS = {
    'amazon': (office_caltech_10.CLASS_NAMES + ('bike_helmet',), 2),
    'dslr': (('back_pack', 'mug', 'projector'), 1),
    'webcam': (('bike', 'keyboard', 'monitor'), 2),
}
_MTIME = 1_290_000_000  # Fixed, so the archive is byte-for-byte reproducible.


def _jpeg(rng: np.random.Generator) -> bytes:
  return fake_archives.image_bytes(rng.integers(0, 256, (8, 8, 3), dtype=np.uint8), 'JPEG')


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_tar(_DIR / 'domain_adaptation_images.tar.gz', mtime=_MTIME,
                               gzip=True) as archive:
    for domain, (classes, count) in DOMAINS.items():
      archive.add(f'{domain}/')
      archive.add(f'{domain}/images/')
      for name in sorted(classes):
        archive.add(f'{domain}/images/{name}/')
        for i in range(1, count + 1):
          archive.add(f'{domain}/images/{name}/frame_{i:04d}.jpg', _jpeg(rng))
  caltech256_data.write_tar(_DIR / '256_ObjectCategories.tar')


if __name__ == '__main__':
  main()
