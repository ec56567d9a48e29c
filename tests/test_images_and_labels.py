"""Image normalisation (pass-through, conversion, corrupt detection) and label ids."""

import io

import numpy as np
from PIL import Image
import pytest

from nevis_datasets.toolkit import builder
from nevis_datasets.toolkit import images
from nevis_datasets.toolkit import labels


def _encoded(mode, fmt, size=(6, 5), **save_kwargs):
  rng = np.random.default_rng(0)
  image = Image.fromarray(rng.integers(0, 256, (size[1], size[0], 3), dtype=np.uint8), 'RGB')
  image = image.convert(mode)
  buffer = io.BytesIO()
  image.save(buffer, fmt, **save_kwargs)
  return buffer.getvalue()


def _decode(data):
  with Image.open(io.BytesIO(data)) as image:
    return image.format, image.mode, image.size


@pytest.mark.parametrize('fmt', ['JPEG', 'PNG'])
def test_rgb_jpeg_and_png_bytes_pass_through_untouched(fmt):
  data = _encoded('RGB', fmt)
  assert images.encode_image(data, grayscale=False) is data


def test_grayscale_task_passes_grayscale_bytes_through():
  data = _encoded('L', 'JPEG')
  assert images.encode_image(data, grayscale=True) is data


@pytest.mark.parametrize('mode,fmt', [('L', 'JPEG'), ('CMYK', 'JPEG'), ('RGBA', 'PNG'),
                                      ('P', 'PNG'), ('RGB', 'BMP'), ('RGB', 'GIF')])
def test_other_modes_and_formats_become_rgb_png(mode, fmt):
  out = images.encode_image(_encoded(mode, fmt), grayscale=False)
  assert _decode(out) == ('PNG', 'RGB', (6, 5))


def test_rgb_becomes_grayscale_png_for_grayscale_tasks():
  assert _decode(images.encode_image(_encoded('RGB', 'JPEG'), grayscale=True))[:2] == ('PNG', 'L')


def test_16_bit_grayscale_is_rescaled_not_clipped():
  array = np.array([[0, 1000], [30000, 65535]], dtype=np.uint16)
  buffer = io.BytesIO()
  Image.fromarray(array).save(buffer, 'PNG')
  out = np.asarray(Image.open(io.BytesIO(images.encode_image(buffer.getvalue(), grayscale=True))))
  assert out.tolist() == [[0, 3], [116, 255]]


def test_arrays_and_files_are_encoded(tmp_path):
  array = np.arange(12, dtype=np.uint8).reshape(3, 4)
  out = images.encode_image(array, grayscale=True)
  np.testing.assert_array_equal(np.asarray(Image.open(io.BytesIO(out))), array)
  path = tmp_path / 'x.jpg'
  path.write_bytes(_encoded('RGB', 'JPEG'))
  assert images.encode_image(path, grayscale=False) == path.read_bytes()


@pytest.mark.parametrize('data', [b'', b'not an image at all', _encoded('RGB', 'JPEG')[:-200],
                                  _encoded('RGB', 'PNG')[:60]])
def test_corrupt_and_truncated_images_raise(data):
  with pytest.raises(images.CorruptImageError):
    images.encode_image(data, grayscale=False)


def test_sorted_class_names_do_not_depend_on_input_order():
  assert labels.sorted_class_names({'b', 'a', 'c', 'a'}) == ['a', 'b', 'c']
  assert labels.sorted_class_names(['c', 'b', 'a']) == labels.sorted_class_names(['a', 'c', 'b'])


def test_multi_hot():
  assert labels.multi_hot([0, 2, 2], 4).tolist() == [1, 0, 1, 0]
  with pytest.raises(ValueError, match='out of range'):
    labels.multi_hot([4], 4)


def test_encoder_maps_names_and_ids_and_rejects_unknown():
  encoder = builder.ExampleEncoder(task='t', grayscale=True, label_key='label',
                                   class_names=('cat', 'dog'), multi_label=False)
  image = np.zeros((2, 2), np.uint8)
  assert encoder(builder.Example('k', image, 'dog'))[1]['label'] == 1
  assert encoder(builder.Example('k', image, 0))[1]['label'] == 0
  with pytest.raises(ValueError, match=r"\[t\] unknown class name 'cow'"):
    encoder(builder.Example('k', image, 'cow'))
  with pytest.raises(ValueError, match=r'\[t\] label id 2 out of range'):
    encoder(builder.Example('k', image, 2))
  multi = builder.ExampleEncoder(task='t', grayscale=True, label_key='labels',
                                 class_names=('a', 'b', 'c'), multi_label=True)
  assert multi(builder.Example('k', image, ['c', 'a']))[1]['labels'].tolist() == [1, 0, 1]
