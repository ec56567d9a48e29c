"""Writes dummy_data/VisTex.tar.gz: the real archive's layout, LZW-compressed parts, tiny PPMs.

The real archive holds `VisionTexture/buildVisTex` and eight parts
`VisionTexture/vistex1.0a.<A-H>.tar.Z` (tars compressed with Unix `compress`, LZW), which
together unpack to `VisTex/`: the images once, as raw PPMs (P6, with `# SRC ...` comments) in
`VisTex/FLAT/`, and the Reference section `VisTex/Images/Reference/<category>/<name>.ppm` and
the Scenes section `VisTex/Images/Scenes/<scene>/...` as relative symbolic links into FLAT. The
fake archive has 3 parts: A holds the links (11 Reference textures in 3 categories, 1 scene),
B and C the 8x8 (scene: 12x8) PPMs they point to, so that links cross parts. The
`buildVisTex` script here is a stand-in (the builder does not read it).

Run: python -m nevis_datasets.tasks.vistex.dummy_data_generation
"""

import io
import pathlib
import tarfile

import ncompress
import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'VisTex.tar.gz'
_MTIME = 796_089_600  # 1995-03-25, the release date: fixed, so the archive is reproducible.
_FLAT = 'VisTex/FLAT/512x512'
# Category -> number of Reference textures; the part (B or C) holding each category's images.
_CATEGORIES = {'Bark': 4, 'Fabric': 4, 'WheresWaldo': 3}
_FLAT_PART = {'Bark': 'B', 'Fabric': 'C', 'WheresWaldo': 'B'}
_SCENE = 'VisTex/Images/Scenes/GrassPlantsSky/context1.ppm'
_SCENE_FILE = 'VisTex/FLAT/768x512/GrassPlantsSky.0000.ppm'


def _ppm(rng: np.random.Generator, width: int, height: int) -> bytes:
  """A raw PPM with a VisTex-style source comment in its header."""
  pixels = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
  return f'P6\n# SRC photo josh\n{width} {height}\n255\n'.encode() + pixels.tobytes()


def _tar(entries: list[tuple[str, str, bytes | str | None]]) -> bytes:
  """A USTAR tar of ('dir' | 'file' | 'link', path, data or link target) entries."""
  buffer = io.BytesIO()
  with tarfile.open(fileobj=buffer, mode='w', format=tarfile.USTAR_FORMAT) as archive:
    for kind, path, data in entries:
      info = tarfile.TarInfo(path)
      info.mtime = _MTIME
      info.mode = 0o755 if kind == 'dir' else 0o644
      if kind == 'dir':
        info.type = tarfile.DIRTYPE
        archive.addfile(info)
      elif kind == 'link':
        info.type = tarfile.SYMTYPE
        info.linkname = data
        archive.addfile(info)
      else:
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
  return buffer.getvalue()


def main() -> None:
  rng = np.random.default_rng(0)
  part_a = [('dir', 'VisTex', None), ('file', 'VisTex/README', b'Vision Texture 1.0\n'),
            ('dir', 'VisTex/Images', None), ('dir', 'VisTex/Images/Reference', None)]
  flat = {'B': [('dir', 'VisTex/FLAT', None), ('dir', _FLAT, None)],
          'C': [('dir', 'VisTex/FLAT', None), ('dir', _FLAT, None),
                ('dir', 'VisTex/FLAT/768x512', None),
                ('file', _SCENE_FILE, _ppm(rng, 12, 8))]}
  for category, count in _CATEGORIES.items():
    part_a.append(('dir', f'VisTex/Images/Reference/{category}', None))
    for number in range(count):
      name = f'{category}.{number:04d}.ppm'
      part_a.append(('link', f'VisTex/Images/Reference/{category}/{name}',
                     f'../../../FLAT/512x512/{name}'))
      flat[_FLAT_PART[category]].append(('file', f'{_FLAT}/{name}', _ppm(rng, 8, 8)))
  part_a += [('dir', 'VisTex/Images/Scenes', None),
             ('dir', 'VisTex/Images/Scenes/GrassPlantsSky', None),
             ('link', _SCENE, '../../../FLAT/768x512/GrassPlantsSky.0000.ppm')]
  parts = {'A': part_a, **flat}
  with fake_archives.write_tar(_OUT, mtime=_MTIME, gzip=True) as archive:
    archive.add('VisionTexture')
    archive.add('VisionTexture/buildVisTex',
                b'#!/bin/sh\nfor part in vistex1.0a.?.tar.Z; do zcat $part | tar xf -; done\n')
    for letter, entries in parts.items():
      archive.add(f'VisionTexture/vistex1.0a.{letter}.tar.Z', ncompress.compress(_tar(entries)))


if __name__ == '__main__':
  main()
