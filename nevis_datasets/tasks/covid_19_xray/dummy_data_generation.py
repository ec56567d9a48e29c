"""Writes dummy_data/covid19-radiography-database.zip: the Kaggle archive's layout.

The real archive, in the version of the catalog's md5, holds
`COVID-19_Radiography_Dataset/<class>/<class>-<n>.png` for the classes COVID (3,616),
Lung_Opacity (6,012), Normal (10,192) and Viral Pneumonia (1,345), 299x299 PNGs, plus
`<class>.metadata.xlsx` (columns FILE NAME, FORMAT, SIZE, URL) and `README.md.txt` at the
folder's root. The fake one has 5 or 6 6x8 PNGs per class, most 8-bit grayscale (stored as they
are), with what the builder must handle: an RGB, an RGBA and a 16-bit grayscale PNG (converted
to 8-bit grayscale), a byte copy within a class and an RGB copy of a grayscale image's pixels
within a class (both dropped), a byte copy under another class (kept); plus the spreadsheets
(real xlsx files) and the read-me (not used). The later layout (`<class>/images/`,
`<class>/masks/`) is made from it by the test.

Run: python -m nevis_datasets.tasks.covid_19_xray.dummy_data_generation
"""

import io
import pathlib
import zipfile

import numpy as np
from PIL import Image

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'covid19-radiography-database.zip'
_DATE = (2021, 3, 1, 0, 0, 0)  # Fixed, so the archive is byte-for-byte reproducible.
_ROOT = 'COVID-19_Radiography_Dataset'
COUNTS = {'COVID': 5, 'Lung_Opacity': 5, 'Normal': 6, 'Viral Pneumonia': 5}
RGB = 'Lung_Opacity/Lung_Opacity-2.png'  # Colour RGB.
RGBA = 'Normal/Normal-3.png'  # RGBA, opaque.
GRAY16 = 'Viral Pneumonia/Viral Pneumonia-2.png'  # 16-bit grayscale, values up to 4095.
# Copy -> original: a byte copy and an RGB copy of the gray pixels within a class (dropped), a
# byte copy under another class (kept).
BYTE_COPY = {'COVID/COVID-3.png': 'COVID/COVID-1.png',
             'Viral Pneumonia/Viral Pneumonia-5.png': 'Normal/Normal-1.png'}
RGB_COPY = {'Normal/Normal-5.png': 'Normal/Normal-2.png'}
SIZE = (6, 8)  # Height, width.
def _png(name: str, rng: np.random.Generator) -> bytes:
  mode = {GRAY16: 'I;16', RGB: 'RGB', RGBA: 'RGBA'}.get(name, 'L')
  return fake_archives.random_png(mode, SIZE, rng)


def main() -> None:
  rng = np.random.default_rng(0)
  pngs = {}
  for label, count in COUNTS.items():
    for n in range(1, count + 1):
      name = f'{label}/{label}-{n}.png'
      if name in BYTE_COPY:
        pngs[name] = pngs[BYTE_COPY[name]]
      elif name in RGB_COPY:
        gray = np.asarray(Image.open(io.BytesIO(pngs[RGB_COPY[name]])))
        pngs[name] = fake_archives.image_bytes(gray, 'PNG', mode='RGB')
      else:
        pngs[name] = _png(name, rng)
  with fake_archives.write_zip(_OUT, date_time=_DATE, compression=zipfile.ZIP_DEFLATED) as archive:
    archive.add(f'{_ROOT}/')
    for label, count in COUNTS.items():
      archive.add(f'{_ROOT}/{label}/')
      for n in range(1, count + 1):
        archive.add(f'{_ROOT}/{label}/{label}-{n}.png', pngs[f'{label}/{label}-{n}.png'])
    for label in COUNTS:
      rows = [('FILE NAME', 'FORMAT', 'SIZE', 'URL')] + [
          (f'{label}-{n}', 'PNG', '299*299', 'https://www.kaggle.com/') for n in range(1, 3)]
      archive.add(f'{_ROOT}/{label}.metadata.xlsx', fake_archives.xlsx_bytes(rows, date_time=_DATE))
    archive.add(f'{_ROOT}/README.md.txt',
                b'COVID-19 Radiography Database: COVID-19, Lung Opacity, Normal and Viral '
                b'Pneumonia chest X-ray images.\r\n')


if __name__ == '__main__':
  main()
