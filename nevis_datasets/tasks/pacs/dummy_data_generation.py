"""Writes dummy_data/<file id>.hdf5: 12 fake PACS files in the real files' structure.

Each real file `<domain>_<split>.hdf5` (4 domains x train/val/test) holds `images`, N x 227 x
227 x 3 BGR pixels, and `labels`, N numbers 1..7; a domain's test file repeats its train and
val images. The fake files have the same datasets with 12x12 images, stored as uint16 like
the reference's fixture; colour images for photo, art painting and cartoon, gray strokes on
white for sketch; test = train + val in another order. Also:
  * photo_train holds one grayscale image (a black-and-white photo): the file is still a
    colour file;
  * cartoon_train repeats photo_train's first image and label (one copy is kept);
  * art_painting_train repeats an image with another label (both are kept).

Nobody recorded which Google Drive id holds which real file, so each catalog download is given
a real name here (FAKE_REAL_NAMES): the builder must not depend on it. The test copies the files
under those names for the manual-dir route.

Run: python -m nevis_datasets.tasks.pacs.dummy_data_generation
"""

import pathlib

import h5py
import numpy as np

from nevis_datasets import catalog

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_SIDE = 12
# Catalog download (in catalog order) -> the real name its fake file plays.
FAKE_REAL_NAMES = dict(zip(
    (download.file_name for download in catalog.get('pacs').downloads),
    ('photo_test.hdf5', 'sketch_val.hdf5', 'art_painting_train.hdf5', 'cartoon_test.hdf5',
     'photo_train.hdf5', 'sketch_train.hdf5', 'cartoon_val.hdf5', 'art_painting_test.hdf5',
     'sketch_test.hdf5', 'photo_val.hdf5', 'cartoon_train.hdf5', 'art_painting_val.hdf5'),
))
# HDF5 labels (1..7) of each domain's train and val images.
_LABELS = {
    'photo': ([1, 2, 3, 4], [5, 6]),
    'art_painting': ([1, 2, 7, 6], [3, 4]),
    'cartoon': ([1, 5, 6, 7], [2, 3]),
    'sketch': ([1, 2, 3, 4, 5, 6], [7, 7]),
}


def _colour(rng: np.random.Generator) -> np.ndarray:
  return rng.integers(0, 256, (_SIDE, _SIDE, 3))


def _sketch(rng: np.random.Generator) -> np.ndarray:
  pixels = np.full((_SIDE, _SIDE), 255)
  for _ in range(3):
    row, col = rng.integers(0, _SIDE, 2)
    pixels[row, col:col + rng.integers(3, _SIDE)] = rng.integers(0, 100)
  return np.repeat(pixels[..., None], 3, axis=-1)  # R = G = B.


def _domain_images(rng: np.random.Generator) -> dict[str, tuple[np.ndarray, np.ndarray]]:
  """Domain -> (train images, val images)."""
  images = {}
  for domain, (train, val) in _LABELS.items():
    draw = _sketch if domain == 'sketch' else _colour
    images[domain] = (np.stack([draw(rng) for _ in train]), np.stack([draw(rng) for _ in val]))
  images['photo'][0][3] = _sketch(rng)
  images['cartoon'][0][0] = images['photo'][0][0]  # Label 1 in both.
  images['art_painting'][0][3] = images['art_painting'][0][2]  # Labels 7 and 6.
  return images


def _write(path: pathlib.Path, images: np.ndarray, labels: list[int]) -> None:
  with h5py.File(path, 'w', libver='earliest') as f:
    f.create_dataset('images', data=images.astype(np.uint16), track_times=False)
    f.create_dataset('labels', data=np.array(labels, dtype=np.uint16), track_times=False)


def main() -> None:
  rng = np.random.default_rng(0)
  images = _domain_images(rng)
  files = {}
  for domain, (train_labels, val_labels) in _LABELS.items():
    train, val = images[domain]
    files[f'{domain}_train.hdf5'] = (train, train_labels)
    files[f'{domain}_val.hdf5'] = (val, val_labels)
    order = rng.permutation(len(train_labels) + len(val_labels))
    everything = np.concatenate([train, val])
    files[f'{domain}_test.hdf5'] = (everything[order],
                                    [(train_labels + val_labels)[i] for i in order])
  for file_name, real_name in FAKE_REAL_NAMES.items():
    _write(_DIR / file_name, *files[real_name])


if __name__ == '__main__':
  main()
