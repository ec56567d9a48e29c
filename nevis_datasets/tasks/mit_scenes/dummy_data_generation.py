"""Writes dummy_data/indoor-scenes-cvpr-2019.zip: the Kaggle archive's layout, tiny images.

The real archive holds `indoorCVPR_09/Images/<category>/<file>` (15,620 images, mostly JPEG),
the LabelMe annotations `indoorCVPR_09annotations/Annotations/<category>/<file>.xml` and the
protocol lists `TrainImages.txt` / `TestImages.txt` at its root, one `<category>/<file>` a line
with '\\n' ends and none after the last line. The fake one has 4 categories (office 0,
stairscase 2, inside_bus 22, computerroom 66) with 5 training, 2 test and 1 unlisted image
each; among them a grayscale JPEG, a GIF named .jpg and a name with a space and a quote (the
builder must store the first two as RGB and read the third as it is listed), plus a line
repeated in TrainImages.txt and an annotation file (not used).

Run: python -m nevis_datasets.tasks.mit_scenes.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'indoor-scenes-cvpr-2019.zip'
_DATE = (2019, 6, 1, 0, 0, 0)  # Fixed, so the archive is byte-for-byte reproducible.
CATEGORIES = ('computerroom', 'inside_bus', 'office', 'stairscase')
GRAY = 'office/office_gray.jpg'
GIF = 'inside_bus/bus_gif.jpg'
QUOTED = "stairscase/stair's case.jpg"


def _names(category: str) -> list[str]:
  """Training (5), test (2) and unlisted (1) files of `category`, in that order."""
  names = [f'{category}/{category}_{i:02d}.jpg' for i in range(8)]
  for special in (GRAY, GIF, QUOTED):
    if special.startswith(f'{category}/'):
      names[1] = special  # A training image.
  return names


def main() -> None:
  rng = np.random.default_rng(0)
  train, test = [], []
  with fake_archives.write_zip(_OUT, date_time=_DATE, compression=zipfile.ZIP_DEFLATED) as archive:
    archive.add('indoorCVPR_09/')
    archive.add('indoorCVPR_09/Images/')
    for category in CATEGORIES:
      archive.add(f'indoorCVPR_09/Images/{category}/')
      names = _names(category)
      for name in names:
        pixels = rng.integers(0, 256, (6, 10, 3), dtype=np.uint8)
        if name == GRAY:
          data = fake_archives.image_bytes(pixels, 'JPEG', mode='L')
        elif name == GIF:
          data = fake_archives.image_bytes(pixels, 'GIF', mode='P')
        else:
          data = fake_archives.image_bytes(pixels, 'JPEG')
        archive.add(f'indoorCVPR_09/Images/{name}', data)
      train += names[:5]
      test += names[5:7]
    train.append(train[0])  # A repeated line.
    archive.add('indoorCVPR_09annotations/Annotations/office/office_00.xml',
                b'<annotation><filename>office_00.jpg</filename></annotation>\n')
    archive.add('TestImages.txt', '\n'.join(test).encode())
    archive.add('TrainImages.txt', '\n'.join(train).encode())


if __name__ == '__main__':
  main()
