"""Writes dummy_data/notmnist.zip: the Kaggle archive's layout with tiny random images.

The real archive holds notMNIST_large/notMNIST_large/<A-J>/*.png and
notMNIST_small/notMNIST_small/<A-J>/*.png, 28x28 grayscale PNGs named by the base64 of a font
file name. The fake one has 3 fonts per letter in the small set, plus what the builder must
handle: the two known-corrupt members, a byte-identical duplicate (B), a pixel-identical
duplicate with different PNG bytes (C), the same image under two letters (D and E, both kept)
and a few notMNIST_large members (ignored).

Run: python -m nevis_datasets.tasks.not_mnist.dummy_data_generation
"""

import base64
import pathlib
import zipfile

import numpy as np
from PIL import PngImagePlugin

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'notmnist.zip'
_SMALL = 'notMNIST_small/notMNIST_small'
_LARGE = 'notMNIST_large/notMNIST_large'
_LETTERS = 'ABCDEFGHIJ'
# Every font appears once in every letter folder, as in the real archive.
_FONTS = ('Arial Bold.ttf', 'Courier New.ttf', 'Georgia Italic.ttf')
_TIMESTAMP = (2018, 1, 1, 0, 0, 0)


def _name(font: str) -> str:
  return base64.b64encode(font.encode()).decode() + '.png'


def _png(pixels: np.ndarray, note: str | None = None) -> bytes:
  info = None
  if note is not None:  # Same pixels, different bytes.
    info = PngImagePlugin.PngInfo()
    info.add_text('Comment', note)
  return fake_archives.image_bytes(pixels, 'PNG', pnginfo=info)


def main() -> None:
  rng = np.random.default_rng(0)
  members: dict[str, bytes] = {}
  first: dict[str, tuple[str, np.ndarray]] = {}
  for letter in _LETTERS:
    for font in _FONTS:
      pixels = rng.integers(0, 256, (28, 28), dtype=np.uint8)
      name = f'{_SMALL}/{letter}/{_name(font)}'
      members[name] = _png(pixels)
      first.setdefault(letter, (name, pixels))
  # The two members the reference ignores (undecodable in the real archive).
  members[f'{_SMALL}/A/RGVtb2NyYXRpY2FCb2xkT2xkc3R5bGUgQm9sZC50dGY=.png'] = b''
  members[f'{_SMALL}/F/Q3Jvc3NvdmVyIEJvbGRPYmxpcXVlLnR0Zg==.png'] = b'\x89PNG\r\n\x1a\n'
  # Duplicates: names sort after the originals ('Z...' > 'R...'), so the originals are kept.
  members[f'{_SMALL}/B/{_name("Zcopy B.ttf")}'] = members[first['B'][0]]
  members[f'{_SMALL}/C/{_name("Zcopy C.ttf")}'] = _png(first['C'][1], note='re-encoded')
  members[f'{_SMALL}/D/{_name("Zcopy of E.ttf")}'] = members[first['E'][0]]
  for letter in 'AJ':
    pixels = rng.integers(0, 256, (28, 28), dtype=np.uint8)
    members[f'{_LARGE}/{letter}/{_name(f"Large {letter}.ttf")}'] = _png(pixels)

  with fake_archives.write_zip(_OUT, date_time=_TIMESTAMP,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    for name in sorted(members):
      archive.add(name, members[name])


if __name__ == '__main__':
  main()
