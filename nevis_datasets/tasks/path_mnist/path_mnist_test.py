"""path_mnist on a fake colorectal-histology-mnist.zip, through the manual-dir path.

See dummy_data_generation.py for what the fake archive holds.
"""


from absl.testing import absltest
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.path_mnist import dummy_data_generation
from nevis_datasets.tasks.path_mnist import path_mnist

_HEADER = ','.join((*path_mnist.PIXEL_COLUMNS, 'label'))


def _row(pixels: np.ndarray | int, label: int | str) -> str:
  values = np.broadcast_to(pixels, (2352,)).reshape(-1)
  return ','.join([*map(str, values), str(label)])


class PathMnistTest(testing.TaskTestCase):
  """Kaggle credentials are hidden, so the archive comes from the manual dir (dummy_data/)."""

  DATASET_CLASS = path_mnist.PathMnist
  # 16 rows of hmnist_28_28_RGB.csv hashed 0.56/0.12/0.12/0.2; the other CSVs are not read.
  SPLITS = {'train': 10, 'dev': 1, 'dev_test': 4, 'test': 1}

  def check_labels(self, labels):
    # CSV labels 1..8 then 8..1 (rows 0..15); id = label - 1.
    self.assertEqual(labels['train'], [0, 0, 1, 2, 3, 3, 4, 5, 6, 7])  # Rows 0 3 4 5 7 ...
    self.assertEqual(labels['dev'], [5])  # Row 10.
    self.assertEqual(labels['dev_test'], [2, 4, 6, 7])  # Rows 2, 6, 8, 11.
    self.assertEqual(labels['test'], [1])  # Row 1.

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    for split in builder.info.splits:
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (28, 28, 3))


class ParsingTest(absltest.TestCase):

  def test_class_names_follow_the_csv_labels(self):
    self.assertEqual(path_mnist.CLASS_NAMES[0], 'tumor')  # Label 1, folder 01_TUMOR.
    self.assertEqual(path_mnist.CLASS_NAMES[7], 'empty')  # Label 8, folder 08_EMPTY.
    self.assertLen(set(path_mnist.CLASS_NAMES), 8)

  def test_column_order_finds_columns_by_name(self):
    header = ['label', *reversed(path_mnist.PIXEL_COLUMNS)]
    order = path_mnist.column_order(header)
    self.assertEqual(order[0], 2352)  # pixel0000 is the last column.
    self.assertEqual(order[-1], 0)  # label is the first.

  def test_column_order_rejects_other_headers(self):
    pixels = list(path_mnist.PIXEL_COLUMNS)
    for header, message in (
        (pixels, 'missing column.* label'),
        (pixels[1:] + ['label'], 'missing column.* pixel0000'),
        ([*pixels, 'label', 'label'], 'repeated column.* label'),
        ([*pixels, 'label', 'pixel2352'], 'unexpected column.* pixel2352'),
    ):
      with self.assertRaisesRegex(ValueError, message):
        path_mnist.column_order(header)

  def test_parse_row_reshapes_in_row_column_channel_order(self):
    order = path_mnist.column_order(_HEADER.split(','))
    values = np.arange(2352) % 256
    image, label = path_mnist.parse_row(_row(values, 8).split(','), order)
    self.assertEqual(label, 7)
    self.assertEqual(image.dtype, np.uint8)
    self.assertEqual(image.shape, (28, 28, 3))
    self.assertEqual(list(image[0, 0]), [0, 1, 2])
    self.assertEqual(list(image[0, 1]), [3, 4, 5])
    self.assertEqual(image[1, 0, 0], 84 % 256)  # Row 1 starts at pixel 28 * 3.

  def test_parse_row_rejects_bad_values(self):
    order = path_mnist.column_order(_HEADER.split(','))
    for fields, message in (
        (_row(1, 1).split(',')[:-1], '2352 fields, expected 2353'),
        (_row(256, 1).split(','), r'pixel values 256\.\.256 are outside 0\.\.255'),
        (_row(-1, 1).split(','), 'outside 0..255'),
        (_row(1, 0).split(','), r'label 0 is outside 1\.\.8'),
        (_row(1, 9).split(','), 'label 9 is outside'),
        (_row(1, '1.0').split(','), 'not an integer'),
        (_row(1, '').split(','), 'not an integer'),
    ):
      with self.assertRaisesRegex(ValueError, message):
        path_mnist.parse_row(fields, order)

  def test_read_rows_takes_quoted_header_crlf_and_blank_lines(self):
    header = ','.join(f'"{name}"' for name in (*path_mnist.PIXEL_COLUMNS, 'label'))
    text = f'{header}\r\n{_row(7, 3)}\r\n\r\n{_row(9, 4)}\r\n'
    rows = list(path_mnist.read_rows(text.splitlines(keepends=True), 'h.csv'))
    self.assertEqual([(index, label) for index, _, label in rows], [(0, 2), (1, 3)])
    self.assertTrue(np.all(rows[1][1] == 9))

  def test_read_rows_names_the_file_and_line(self):
    text = f'{_HEADER}\n{_row(7, 3)}\n{_row(7, 30)}\n'
    with self.assertRaisesRegex(ValueError, r'h.csv line 3: label 30 is outside'):
      list(path_mnist.read_rows(text.splitlines(keepends=True), 'h.csv'))
    with self.assertRaisesRegex(ValueError, r'h.csv line 1: the header is not'):
      list(path_mnist.read_rows(['pixel0000,label\n'], 'h.csv'))
    with self.assertRaisesRegex(ValueError, 'h.csv is empty'):
      list(path_mnist.read_rows([], 'h.csv'))


class ListingTest(testing.KaggleListingTestCase):
  """What `_examples` lists from the extracted fake archive, without a TFDS build."""

  BUILDER_CLASS = path_mnist.PathMnist

  def _examples(self) -> list[toolkit.Example]:
    return self.listed()

  def test_lists_every_row_with_its_pixels(self):
    examples = self._examples()
    self.assertEqual([e.key for e in examples],
                     [f'hmnist_28_28_RGB.csv/{row}' for row in range(16)])
    self.assertEqual([e.label for e in examples],
                     [label - 1 for label in dummy_data_generation.LABELS])
    for row, example in enumerate(examples):
      np.testing.assert_array_equal(example.image, dummy_data_generation.tile(row))
    extremes = examples[dummy_data_generation.EXTREMES_ROW].image
    self.assertEqual(list(extremes[0, 0]), [0, 255, 0])

  def test_stores_rgb_png(self):
    example = self._examples()[0]
    pixels = toolkit.images.decoded_pixels(example.image, grayscale=False)
    np.testing.assert_array_equal(pixels, dummy_data_generation.tile(0))

  def test_missing_csv_stops_the_build(self):
    (self.root / path_mnist.CSV_NAME).unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[path_mnist\] hmnist_28_28_RGB.csv is missing. '
                                r'colorectal-histology-mnist.zip does not have the expected'):
      self._examples()

  def test_bad_row_stops_the_build_naming_its_line(self):
    csv_path = self.root / path_mnist.CSV_NAME
    lines = csv_path.read_text().splitlines()
    lines[4] = lines[4].rsplit(',', 1)[0]  # Row 3 loses its label.
    csv_path.write_text('\n'.join(lines) + '\n')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[path_mnist\] hmnist_28_28_RGB.csv line 5: 2352 fields'):
      self._examples()

  def test_out_of_range_pixel_stops_the_build(self):
    csv_path = self.root / path_mnist.CSV_NAME
    lines = csv_path.read_text().splitlines()
    lines[2] = '300' + lines[2][lines[2].index(','):]
    csv_path.write_text('\n'.join(lines) + '\n')
    with self.assertRaisesRegex(toolkit.CorruptDataError, r'line 3: pixel values .*outside'):
      self._examples()


if __name__ == '__main__':
  absltest.main()
