"""Writes dummy_data/English{Fnt,Hnd,Img}.tgz: the real archives' layout with tiny PNGs.

The real archives hold, with directory entries for every folder:
- EnglishFnt.tgz: `English/Fnt/Sample<NNN>/img<NNN>-<5 digits>.png`, grayscale (1016 fonts).
- EnglishHnd.tgz: `English/Hnd/Img/Sample<NNN>/img<NNN>-<3 digits>.png` (55 writers) and the
  pen trajectories under `English/Hnd/Trj/`.
- EnglishImg.tgz: `English/Img/{GoodImg,BadImag}/{Bmp,Msk}/Sample<NNN>/img<NNN>-<5 digits>.png`,
  the characters cut from photos (Bmp) and their masks (Msk).
Sample001-Sample062 are 0-9, A-Z, a-z. Here: a few 8x8 PNGs of samples 001 ('0'), 011 ('A'),
037 ('a') and 062 ('z'), with planted repeats: a font image stored twice in Sample001
(dropped), the same pixels in Sample011 (another label: kept), a handwritten copy of a font
image (dropped) and a photo PNG in RGB whose pixels are a grayscale font image's (dropped:
compared in RGB, as the reference).

Run: python -m nevis_datasets.tasks.chars74k.dummy_data_generation
"""

import pathlib

import numpy as np

from nevis_datasets import fake_archives

_DIR = pathlib.Path(__file__).parent / 'dummy_data'
_MTIME = 1_230_768_000  # 2009-01-01: fixed, so the archives are byte-for-byte reproducible.


def _png(pixels: np.ndarray, mode: str | None = None) -> bytes:
  return fake_archives.image_bytes(pixels, 'PNG', mode=mode)


def _write(archive_name: str, files: dict[str, bytes | None]) -> None:
  """Writes a tgz of `files` (None: a directory), with entries for every parent folder."""
  entries: dict[str, bytes | None] = {}
  for name, data in files.items():
    parts = name.split('/')
    for depth in range(1, len(parts)):
      entries.setdefault('/'.join(parts[:depth]), None)
    entries[name] = data
  with fake_archives.write_tar(_DIR / archive_name, mtime=_MTIME, gzip=True) as archive:
    for name, data in entries.items():
      archive.add(name, data)


def main() -> None:
  rng = np.random.default_rng(0)

  def gray():
    return rng.integers(0, 256, (8, 8), dtype=np.uint8)

  def colour():
    return rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)

  fonts = {sample: [gray() for _ in range(4)] for sample in (1, 11, 37, 62)}
  fnt = {f'English/Fnt/Sample{sample:03d}/img{sample:03d}-{i + 1:05d}.png': _png(pixels)
         for sample, images in fonts.items() for i, pixels in enumerate(images)}
  fnt['English/Fnt/Sample001/img001-00005.png'] = _png(fonts[1][0])  # Repeat: dropped.
  fnt['English/Fnt/Sample011/img011-00005.png'] = _png(fonts[1][1])  # Another label: kept.
  _write('EnglishFnt.tgz', fnt)

  hnd = {f'English/Hnd/Img/Sample{sample:03d}/img{sample:03d}-{i + 1:03d}.png': _png(colour())
         for sample in (1, 11, 37) for i in range(2)}
  hnd['English/Hnd/Img/Sample037/img037-003.png'] = _png(fonts[37][2], 'RGB')  # Dropped.
  hnd['English/Hnd/Trj/Sample001/img001-001.txt'] = b'0 0\n1 1\n'
  _write('EnglishHnd.tgz', hnd)

  img = {}
  for quality, samples in (('GoodImg', (1, 11, 37)), ('BadImag', (62,))):
    for sample in samples:
      for i in range(2):
        name = f'Sample{sample:03d}/img{sample:03d}-{i + 1:05d}.png'
        img[f'English/Img/{quality}/Bmp/{name}'] = _png(colour())
        img[f'English/Img/{quality}/Msk/{name}'] = _png(gray())
  img['English/Img/GoodImg/Bmp/Sample062/img062-00003.png'] = _png(fonts[62][3], 'RGB')
  _write('EnglishImg.tgz', dict(sorted(img.items())))


if __name__ == '__main__':
  main()
