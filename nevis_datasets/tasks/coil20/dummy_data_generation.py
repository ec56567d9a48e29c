"""Writes dummy_data/coil-20-proc.zip: the real archive's layout with tiny random images.

Run: python -m nevis_datasets.tasks.coil20.dummy_data_generation
"""

import io
import pathlib
import zipfile

import numpy as np
from PIL import Image

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'coil-20-proc.zip'


def main() -> None:
  rng = np.random.default_rng(0)
  with zipfile.ZipFile(_OUT, 'w') as archive:
    archive.writestr('coil-20-proc/', b'')
    for obj in (1, 2, 20):
      for pose in range(6):
        buffer = io.BytesIO()
        Image.fromarray(rng.integers(0, 256, (8, 8), dtype=np.uint8), 'L').save(buffer, 'PNG')
        archive.writestr(f'coil-20-proc/obj{obj}__{pose}.png', buffer.getvalue())
    archive.writestr('coil-20-proc/Thumbs.db', b'not an image')  # Ignored by the builder.


if __name__ == '__main__':
  main()
