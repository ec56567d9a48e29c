"""Writes dummy_data/{reducedSetTS.txt,BelgiumTSC_Training.zip,BelgiumTSC_Testing.zip}.

The real zips hold `Training/<class>/<pole>_<n>.ppm` and `Testing/<class>/<pole>_<n>.ppm` in
62 class folders 00000..00061, each folder with a `GT-<class>.csv`
(`Filename;Width;Height;Roi.X1;Roi.Y1;Roi.X2;Roi.Y2;ClassId`); `reducedSetTS.txt` is a header
line and the 62 sign type codes, one per line. The fake zips have classes 00000, 00019 and
00061, 5 training and 2 test images each: binary (P6) PPMs of 5x5 to 12x12 pixels. The fake
txt has the real codes under an assumed header (the builder ignores the header).

Run: python -m nevis_datasets.tasks.belgium_tsc.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives
from nevis_datasets.tasks.belgium_tsc import belgium_tsc

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_TIMESTAMP = (2011, 6, 1, 0, 0, 0)
_CLASSES = (0, 19, 61)
# Zip -> (top-level folder, pole ids of each class's images).
_ZIPS = {
    'BelgiumTSC_Training.zip': ('Training', (1153, 1153, 1160, 1160, 1181)),
    'BelgiumTSC_Testing.zip': ('Testing', (17, 20)),
}
_HEADER = 'Filename;Width;Height;Roi.X1;Roi.Y1;Roi.X2;Roi.Y2;ClassId'


def main() -> None:
  rng = np.random.default_rng(0)
  names = ['62 used traffic signs types', *belgium_tsc.CLASS_NAMES]
  (_DIR / 'reducedSetTS.txt').write_text(''.join(f'{name}\n' for name in names))
  for zip_name, (top, poles) in _ZIPS.items():
    with fake_archives.write_zip(_DIR / zip_name, date_time=_TIMESTAMP) as archive:
      archive.add(f'{top}/')
      for class_id in _CLASSES:
        folder = f'{top}/{class_id:05d}'
        archive.add(f'{folder}/')
        rows = []
        for pole in sorted(set(poles)):
          for n in range(poles.count(pole)):
            height, width = (int(v) for v in rng.integers(5, 13, 2))
            pixels = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
            name = f'{pole:05d}_{n:05d}.ppm'
            archive.add(f'{folder}/{name}', fake_archives.image_bytes(pixels, 'PPM'))
            rows.append(f'{name};{width};{height};1;1;{width - 1};{height - 1};{class_id}')
        archive.add(f'{folder}/GT-{class_id:05d}.csv',
                    ''.join(f'{line}\n' for line in (_HEADER, *rows)).encode())


if __name__ == '__main__':
  main()
