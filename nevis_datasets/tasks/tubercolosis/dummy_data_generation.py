"""Writes dummy_data/tuberculosis-tb-chest-xray-dataset.zip: the Kaggle archive's layout.

The real archive holds `TB_Chest_Radiography_Database/Normal/Normal-<n>.png` (3,500) and
`TB_Chest_Radiography_Database/Tuberculosis/Tuberculosis-<n>.png` (700), 512x512 PNGs, plus
`Normal.metadata.xlsx`, `Tuberculosis.metadata.xlsx` (columns FILE NAME, FORMAT, SIZE, URL) and
`README.md.txt` at the folder's root. The fake one has 14 Normal and 6 Tuberculosis 6x8 PNGs,
most RGB, among them what the builder must convert to RGB: an 8-bit grayscale PNG, a 16-bit
grayscale PNG (rescaled to 8 bits) and an RGBA PNG; plus the spreadsheets (real xlsx files)
and the read-me (not used).

Run: python -m nevis_datasets.tasks.tubercolosis.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'tuberculosis-tb-chest-xray-dataset.zip'
_DATE = (2021, 2, 1, 0, 0, 0)  # Fixed, so the archive is byte-for-byte reproducible.
_ROOT = 'TB_Chest_Radiography_Database'
COUNTS = {'Normal': 14, 'Tuberculosis': 6}
GRAY = 'Normal/Normal-2.png'  # 8-bit grayscale.
GRAY16 = 'Normal/Normal-3.png'  # 16-bit grayscale, values up to 4095.
RGBA = 'Tuberculosis/Tuberculosis-2.png'  # RGBA, opaque.
SIZE = (6, 8)  # Height, width.
def _png(name: str, rng: np.random.Generator) -> bytes:
  if name == GRAY16:
    return fake_archives.image_bytes(rng.integers(0, 4096, SIZE, dtype=np.uint16), 'PNG')
  if name == GRAY:
    return fake_archives.image_bytes(rng.integers(0, 256, SIZE, dtype=np.uint8), 'PNG')
  pixels = rng.integers(0, 256, (*SIZE, 3), dtype=np.uint8)
  return fake_archives.image_bytes(pixels, 'PNG', mode='RGBA' if name == RGBA else None)


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_zip(_OUT, date_time=_DATE, compression=zipfile.ZIP_DEFLATED) as archive:
    archive.add(f'{_ROOT}/')
    for label, count in COUNTS.items():
      archive.add(f'{_ROOT}/{label}/')
      for n in range(1, count + 1):
        name = f'{label}/{label}-{n}.png'
        archive.add(f'{_ROOT}/{name}', _png(name, rng))
      rows = [('FILE NAME', 'FORMAT', 'SIZE', 'URL')] + [
          (f'{label}-{n}', 'PNG', '512*512', 'https://www.kaggle.com/') for n in range(1, 3)]
      archive.add(f'{_ROOT}/{label}.metadata.xlsx', fake_archives.xlsx_bytes(rows, date_time=_DATE))
    archive.add(f'{_ROOT}/README.md.txt',
                b'Tuberculosis (TB) chest X-ray database: 700 TB and 3500 normal images.\r\n')


if __name__ == '__main__':
  main()
