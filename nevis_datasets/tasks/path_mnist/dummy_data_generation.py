"""Writes dummy_data/colorectal-histology-mnist.zip: the Kaggle archive's layout, 16 tiles.

The real archive (Kaggle `kmader/colorectal-histology-mnist`) holds Kather et al.'s 5000 tiles
as TIFFs, `Kather_texture_2016_image_tiles_5000/Kather_texture_2016_image_tiles_5000/<NN>_<CLASS>/
<name>.tif` (150x150, 625 per class), their ten larger images, and at its root five CSV copies:
`hmnist_28_28_RGB.csv`, `hmnist_28_28_L.csv`, `hmnist_64_64_L.csv`, `hmnist_8_8_RGB.csv` and
`hmnist_8_8_L.csv`, each a header `pixel0000,...,label` then one tile a row (label 1..8).

The fake one: `hmnist_28_28_RGB.csv` with 16 tiles (labels 1..8 twice, `LABELS`), pixels from
`tile(row)`, among them the extremes 0 and 255; the four other CSVs with one row each and four
tiny TIFF tiles (not used by the builder; the larger images are left out).

Run: python -m nevis_datasets.tasks.path_mnist.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'colorectal-histology-mnist.zip'
_DATE_TIME = (2018, 3, 1, 0, 0, 0)  # Fixed, so the archive is byte-for-byte reproducible.
_TILES = 'Kather_texture_2016_image_tiles_5000/Kather_texture_2016_image_tiles_5000'
# The CSV label (1..8) of each row of hmnist_28_28_RGB.csv.
LABELS = (1, 2, 3, 4, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1)
EXTREMES_ROW = 5  # Its tile holds pixels 0 and 255.
_UNUSED = {'hmnist_28_28_L.csv': (28, 1), 'hmnist_64_64_L.csv': (64, 1),
           'hmnist_8_8_RGB.csv': (8, 3), 'hmnist_8_8_L.csv': (8, 1)}
_TIFFS = ('01_TUMOR/1A11_CRC-Prim-HE-07_022.tif_Row_601_Col_151.tif',
          '02_STROMA/10009_CRC-Prim-HE-03_009.tif_Row_301_Col_151.tif',
          '07_ADIPOSE/1008E_CRC-Prim-HE-06_003.tif_Row_1_Col_301.tif',
          '08_EMPTY/100E5_CRC-Prim-HE-10_003.tif_Row_1_Col_1.tif')


def tile(row: int) -> np.ndarray:
  """The 28x28x3 uint8 tile of a row: a flat colour with a little noise (small to zip)."""
  rng = np.random.default_rng(row)
  base = rng.integers(40, 210, 3)
  pixels = base + rng.integers(0, 2, (28, 28, 3))
  if row == EXTREMES_ROW:
    pixels[0, 0] = (0, 255, 0)
  return pixels.astype(np.uint8)


def _csv(side: int, channels: int, tiles: list[np.ndarray], labels: list[int]) -> bytes:
  header = [f'pixel{i:04d}' for i in range(side * side * channels)] + ['label']
  lines = [','.join(header)]
  lines += [','.join([*map(str, pixels.reshape(-1)), str(label)])
            for pixels, label in zip(tiles, labels)]
  return ('\n'.join(lines) + '\n').encode('ascii')


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_zip(_OUT, date_time=_DATE_TIME,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    for name in _TIFFS:
      archive.add(f'{_TILES}/{name}', fake_archives.image_bytes(
          rng.integers(0, 256, (3, 3, 3), dtype=np.uint8), 'TIFF'))
    for name, (side, channels) in _UNUSED.items():
      shape = (side, side) if channels == 1 else (side, side, channels)
      archive.add(name, _csv(side, channels, [np.full(shape, 128, np.uint8)], [3]))
    archive.add('hmnist_28_28_RGB.csv',
                _csv(28, 3, [tile(row) for row in range(len(LABELS))], list(LABELS)))


if __name__ == '__main__':
  main()
