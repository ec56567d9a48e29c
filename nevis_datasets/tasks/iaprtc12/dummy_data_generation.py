"""Writes dummy_data/iapr-tc12.zip: the Kaggle dataset's layout with tiny random JPEGs.

The real zip (Kaggle `nastyatima/iapr-tc12`) holds the photos `iaprtc12/images/<NN>/<id>.jpg`
with their captions `iaprtc12/annotations_complete_eng/<NN>/<id>.eng`, and `saiaprtc12ok/` with
the vocabulary `benchmark/wlist.txt` (276 entries), the region labels
`benchmark/saiapr_tc-12/<NN>/labels.txt`, copies of the images with segmentation masks
(`benchmark/saiapr_tc-12/<NN>/{images/<id>.jpg,segmentation_masks/<id>_<region>.mat}`) and the id
lists `matlab/matlab/{training,validation,testing}.mat`.

The fake one: a wlist.txt of 276 made-up names (`word-<id>`), entry 3 without a name; 24 photos
in folders 00..03 (ids 1-13, 14-26, ...): 14 in training.mat, 4 in validation.mat, 4 in
testing.mat (not used). Region labels (`LABELS`, 1-based as in labels.txt) give several regions
per image, some with the same label twice; photo 40 is in no list and photo 41 has no region
labels (neither is kept). The saiaprtc12ok copies of the images, a mask and a caption must not be
taken for images.

Run: python -m nevis_datasets.tasks.iaprtc12.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'iapr-tc12.zip'
_DATE_TIME = (2013, 1, 1, 0, 0, 0)  # Fixed, so the archive is byte-for-byte reproducible.
NUM_CLASSES = 276
UNNAMED_ID = 3  # The wlist.txt entry without a name (1-based).
TRAINING = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 44, 49)
VALIDATION = (25, 28, 30, 33)
TESTING = (21, 22, 23, 24)
# Image id -> the label id (1-based) of each of its regions, in labels.txt order.
LABELS = {
    1: (1, 2), 2: (2,), 3: (5, 5, 7), 4: (276,), 5: (3, 1), 6: (10, 11, 12), 7: (2, 1),
    8: (100,), 9: (7, 5), 10: (1,), 11: (4, 4), 12: (200, 201), 44: (9, 8, 9), 49: (6,),
    25: (1, 276), 28: (2, 3), 30: (50,), 33: (51, 50), 21: (1,), 22: (2,), 23: (3,), 24: (4,),
    40: (5,),
}
IMAGE_IDS = (*TRAINING, *VALIDATION, *TESTING, 40, 41)  # 41 has no region labels.


def folder_of(image_id: int) -> str:
  return f'{(image_id - 1) // 13:02d}'


def main() -> None:
  rng = np.random.default_rng(0)
  wlist = ''.join(f'{i}\t{"" if i == UNNAMED_ID else f"word-{i}"}\n'
                  for i in range(1, NUM_CLASSES + 1))
  with fake_archives.write_zip(_OUT, date_time=_DATE_TIME,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    for image_id in IMAGE_IDS:
      jpeg = fake_archives.image_bytes(rng.integers(0, 256, (2, 3, 3), dtype=np.uint8), 'JPEG',
                                       quality=50)
      folder = folder_of(image_id)
      archive.add(f'iaprtc12/images/{folder}/{image_id}.jpg', jpeg)
      archive.add(f'{_saiapr(folder)}/images/{image_id}.jpg', jpeg)
    archive.add('iaprtc12/annotations_complete_eng/00/1.eng', b'<DOC><DOCNO>1</DOCNO></DOC>\n')
    archive.add(f'{_saiapr("00")}/segmentation_masks/1_1.mat',
                fake_archives.mat_bytes({'segimg_t': np.ones((2, 3), np.uint8)}))
    archive.add('saiaprtc12ok/benchmark/wlist.txt', wlist.encode())
    for folder in sorted({folder_of(image_id) for image_id in LABELS}):
      lines = [f'{image_id} {region} {label}\n'
               for image_id, regions in LABELS.items() if folder_of(image_id) == folder
               for region, label in enumerate(regions, 1)]
      lines.insert(2, '\n')  # A blank line, as np.loadtxt (the reference) allows.
      archive.add(f'{_saiapr(folder)}/labels.txt', ''.join(lines).encode())
    for name, ids in (('training', TRAINING), ('validation', VALIDATION),
                      ('testing', TESTING)):
      archive.add(f'saiaprtc12ok/matlab/matlab/{name}.mat',
                  fake_archives.mat_bytes({name: np.array(ids, np.float64)[:, None]}))


def _saiapr(folder: str) -> str:
  return f'saiaprtc12ok/benchmark/saiapr_tc-12/{folder}'


if __name__ == '__main__':
  main()
