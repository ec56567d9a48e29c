"""Image normalisation: decode-check every image, convert only where the task needs it.

Each image is fully decoded once (the check that catches truncated and corrupt files). Where the
decoded image already has the task's mode (RGB, or L for tasks that are grayscale by definition)
and is a JPEG or PNG, the original bytes are stored untouched; anything else (CMYK, palette,
alpha, 16-bit, other formats, NumPy arrays) is converted and stored as lossless PNG.
"""

from __future__ import annotations

import dataclasses
import io
import os
from collections.abc import Callable
from typing import Union

from etils import epath
import numpy as np
from PIL import Image

from nevis_datasets.toolkit import archives

EncodedSource = Union[bytes, str, os.PathLike, archives.ZipMember]


@dataclasses.dataclass(frozen=True)
class Crop:
  """A box of an encoded image, cut out when the example is encoded (not when listed).

  Keeping crops lazy keeps a task's example list small: only paths and boxes, never pixels.
  """

  source: EncodedSource
  box: tuple[int, int, int, int]  # (left, upper, right, lower), as PIL's crop takes it.


@dataclasses.dataclass(frozen=True)
class ArrayRow:
  """Row `index` of the HDF5 dataset `dataset` in file `path`, read when the example is encoded.

  For sources that store images as array rows (pacs): the example list holds a path and an
  index, not the pixels. `convert` (a module-level function, so that it pickles for pool and Beam
  workers) turns the row into a uint8 HxW or HxWxC array, e.g. BGR into RGB.
  """

  path: str
  dataset: str
  index: int
  convert: Callable[[np.ndarray], np.ndarray] | None = None

  def load(self) -> np.ndarray:
    """The (converted) row; CorruptImageError if it cannot be read or converted."""
    import h5py  # pylint: disable=import-outside-toplevel  # Only the tasks that need it.
    try:
      with h5py.File(self.path, 'r') as f:
        row = f[self.dataset][self.index]
      return self.convert(row) if self.convert else row
    except (OSError, KeyError, IndexError, ValueError) as e:
      raise CorruptImageError(f'row {self.index} of {self.dataset} in {self.path} cannot be '
                              f'read ({type(e).__name__}: {e})') from e


ImageSource = Union[EncodedSource, Crop, ArrayRow, np.ndarray, Image.Image]

_PASSTHROUGH_FORMATS = ('JPEG', 'PNG')


class CorruptImageError(ValueError):
  """An image that cannot be decoded."""


def _read(source: EncodedSource) -> bytes:
  """The encoded bytes; files larger than the toolkit's cap are refused before reading."""
  if isinstance(source, bytes):
    return source
  if isinstance(source, archives.ZipMember):
    return source.read()
  path = epath.Path(source)
  archives.check_image_size(path.stat().length, os.fspath(path))
  return path.read_bytes()


def _to_mode(image: Image.Image, mode: str) -> Image.Image:
  if image.mode in ('I;16', 'I;16B', 'I;16L', 'I'):
    # 16/32-bit grayscale: PIL's convert() clips at 255; rescale the range instead.
    array = np.asarray(image, dtype=np.float64)
    peak = array.max() or 1.0
    image = Image.fromarray((array * (255.0 / peak)).astype(np.uint8), 'L')
  if image.mode == 'P' or image.mode == 'LA' or image.mode == 'PA':
    image = image.convert('RGBA')
  if image.mode == 'RGBA' and mode in ('RGB', 'L'):
    background = Image.new('RGB', image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel('A'))
    image = background
  return image.convert(mode)


def _png(image: Image.Image) -> bytes:
  buffer = io.BytesIO()
  image.save(buffer, format='PNG')
  return buffer.getvalue()


def decoded_pixels(source: ImageSource, *, grayscale: bool) -> np.ndarray:
  """The pixels `encode_image` stores for `source`, decoded once (for deduplication).

  Raises:
    CorruptImageError: as `encode_image`.
  """
  if isinstance(source, (bytes, str, os.PathLike, archives.ZipMember)):
    try:
      data = _read(source)
    except archives.CorruptArchiveError as e:
      raise CorruptImageError(str(e)) from e
    try:
      with Image.open(io.BytesIO(data)) as image:
        image.load()
        return np.asarray(_to_mode(image, 'L' if grayscale else 'RGB'))
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as e:
      raise CorruptImageError(f'{type(e).__name__}: {e}') from e
  # Arrays, PIL images and crops: through the stored PNG (rare in deduplicated tasks).
  with Image.open(io.BytesIO(encode_image(source, grayscale=grayscale))) as image:
    return np.asarray(image)


def encode_image(source: ImageSource, *, grayscale: bool) -> bytes:
  """Returns JPEG or PNG bytes of `source` in the task's mode.

  Args:
    source: encoded bytes, a file path, a zip member, a crop of one of these, a uint8 array
      (HxW or HxWxC), a row of an HDF5 array (`ArrayRow`) or a PIL image.
    grayscale: whether the task is grayscale by definition (mode L), else RGB.

  Raises:
    CorruptImageError: the image cannot be read or decoded, or is larger than the cap
      (`archives.max_image_bytes`).
  """
  mode = 'L' if grayscale else 'RGB'
  if isinstance(source, ArrayRow):
    source = source.load()
  if isinstance(source, np.ndarray):
    array = source.squeeze(-1) if source.ndim == 3 and source.shape[-1] == 1 else source
    return _png(_to_mode(Image.fromarray(np.asarray(array, dtype=np.uint8)), mode))
  if isinstance(source, Image.Image):
    return _png(_to_mode(source, mode))
  box = source.box if isinstance(source, Crop) else None
  try:
    data = _read(source.source if isinstance(source, Crop) else source)
  except archives.CorruptArchiveError as e:  # A damaged or oversized member: this image only.
    raise CorruptImageError(str(e)) from e
  try:
    with Image.open(io.BytesIO(data)) as image:
      image.load()  # Full decode: truncated or corrupt data fails here.
      if box is not None:
        return _png(_to_mode(image.crop(box), mode))
      if image.mode == mode and image.format in _PASSTHROUGH_FORMATS:
        return data
      return _png(_to_mode(image, mode))
  except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as e:
    raise CorruptImageError(f'{type(e).__name__}: {e}') from e
