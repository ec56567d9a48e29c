"""Writes dummy_data/data.zip: the Kaggle archive of NIH ChestX-ray14 in its layout, tiny images.

The real archive (Kaggle `nih-chest-xrays/data`) holds `images_001/images/*.png` ...
`images_012/images/*.png` (1024x1024 PNGs named `<patient>_<follow-up>.png`, nearly all 8-bit
grayscale), `Data_Entry_2017.csv` (header `Image Index,Finding Labels,Follow-up #,Patient ID,
Patient Age,Patient Gender,View Position,OriginalImage[Width,Height],
OriginalImagePixelSpacing[x,y],` with a trailing comma; the rows have none), the official lists
`train_val_list.txt` / `test_list.txt` (one file name a line, by patient), `BBox_List_2017.csv`
and PDFs (not used). The fake one has 9 patients of 3 images each (8x8 PNGs) in three of the
twelve folders: patients 1-7 are in train_val_list.txt (but for UNLISTED, which is in the CSV
and no list, unlike in the real archive), patients 8-9 in test_list.txt. Among them an RGB, an
RGBA (opaque) and a 16-bit grayscale PNG, which the builder converts to 8-bit grayscale; the
others are 8-bit grayscale, stored as they are.

Run: python -m nevis_datasets.tasks.nih_chest_xray.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'data.zip'
_DATE = (2018, 2, 21, 0, 0, 0)  # Fixed, so the archive is byte-for-byte reproducible.
SHAPE = (8, 8)
_HEADER = ('Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,'
           'View Position,OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y],')
# Patient -> its folder.
_FOLDERS = {1: 'images_001', 2: 'images_001', 3: 'images_001', 4: 'images_002',
            5: 'images_002', 6: 'images_002', 7: 'images_012', 8: 'images_012',
            9: 'images_012'}
TEST_PATIENTS = (8, 9)
RGB = '00000004_000.png'
RGBA = '00000008_001.png'
SIXTEEN_BIT = '00000005_002.png'
UNLISTED = '00000007_002.png'
# The 'Finding Labels' of the 27 images, in file name order: every label at least once.
FINDINGS = (
    'Cardiomegaly', 'Cardiomegaly|Emphysema', 'Cardiomegaly|Effusion',
    'No Finding', 'Atelectasis|Consolidation|Infiltration', 'Hernia',
    'No Finding', 'Mass|Nodule', 'Pneumothorax',
    'Edema', 'No Finding', 'Fibrosis|Pleural_Thickening',
    'Pneumonia', 'Infiltration', 'Effusion|Infiltration|Mass',
    'No Finding', 'Nodule', 'Atelectasis',
    'Emphysema|Pneumothorax', 'No Finding', 'Consolidation',
    'Effusion', 'No Finding', 'Pleural_Thickening|Hernia',
    'Cardiomegaly|Edema', 'No Finding', 'Mass',
)


def names() -> list[str]:
  """The 27 image file names, sorted."""
  return [f'{patient:08d}_{follow_up:03d}.png' for patient in _FOLDERS for follow_up in range(3)]


def _png(name: str, rng: np.random.Generator) -> bytes:
  mode = {SIXTEEN_BIT: 'I;16', RGB: 'RGB', RGBA: 'RGBA'}.get(name, 'L')
  return fake_archives.random_png(mode, SHAPE, rng)


def main() -> None:
  rng = np.random.default_rng(0)
  all_names = names()
  train_val = [n for n in all_names if int(n[:8]) not in TEST_PATIENTS and n != UNLISTED]
  test = [n for n in all_names if int(n[:8]) in TEST_PATIENTS]
  rows = [_HEADER]
  for name, findings in zip(all_names, FINDINGS):
    patient, follow_up = int(name[:8]), int(name[9:12])
    rows.append(f'{name},{findings},{follow_up},{patient},{40 + patient},'
                f'{"MF"[patient % 2]},PA,2500,2048,0.168,0.168')
  with fake_archives.write_zip(_OUT, date_time=_DATE, compression=zipfile.ZIP_DEFLATED) as archive:
    archive.add('BBox_List_2017.csv', b'Image Index,Finding Label,Bbox [x,y,w,h],,,\n'
                b'00000003_001.png,Mass,225.08,547.02,86.85,79.19\n')
    archive.add('Data_Entry_2017.csv', '\n'.join(rows).encode() + b'\n')
    archive.add('README_CHESTXRAY.pdf', b'%PDF-1.4\n%%EOF\n')
    for folder in sorted(set(_FOLDERS.values())):
      archive.add(f'{folder}/')
      archive.add(f'{folder}/images/')
      for name in all_names:
        if _FOLDERS[int(name[:8])] == folder:
          archive.add(f'{folder}/images/{name}', _png(name, rng))
    archive.add('test_list.txt', '\n'.join(test).encode() + b'\n')
    archive.add('train_val_list.txt', '\n'.join(train_val).encode() + b'\n')


if __name__ == '__main__':
  main()
