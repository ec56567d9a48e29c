"""German Traffic Sign Recognition Benchmark (GTSRB): 43 classes of traffic-sign photos.

Three zips: the training images (`GTSRB/Final_Training/Images/<class>/<track>_<n>.ppm`, one
folder per class id 00000..00042), the test images (`GTSRB/Final_Test/Images/<n>.ppm`, in one
folder) and the test ground truth (`GT-final_test.csv`, ';'-separated, the class id last).
Images are PPMs read straight from the zips (stored as PNG) and not cropped to their ROI, as in
the reference; `.csv` and `.txt` members are not images.

Differences from the reference (see README.md): train/dev/dev_test by a hash of the member
path instead of a seeded draw in archive order; unknown members, class folders or test images
without ground truth stop the build with a message instead of a `ValueError`/`KeyError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_BASE_URL = 'https://sid.erda.dk/public/archives/daaeac0d7ce1152aea9b61d9f1e19370/'
_TRAIN_ZIP = 'GTSRB_Final_Training_Images.zip'
_TEST_ZIP = 'GTSRB_Final_Test_Images.zip'
_TEST_GT_ZIP = 'GTSRB_Final_Test_GT.zip'
_TEST_GT_FILE = 'GT-final_test.csv'

_TRAIN_IMAGE = re.compile(r'GTSRB/Final_Training/Images/(\d{5})/[^/]+\.ppm')
_TEST_IMAGE = re.compile(r'GTSRB/Final_Test/Images/([^/]+\.ppm)')
# The reference's filter: per-class annotation CSVs and read-me files.
_IGNORED = re.compile(r'\.(csv|txt)$')
_GT_FIELDS = 8  # Filename;Width;Height;Roi.X1;Roi.Y1;Roi.X2;Roi.Y2;ClassId

# The standard English names of the GTSRB class ids 0..42 (the benchmark's own files give only
# the ids; these are the names every public GTSRB class table uses). Id order = the source's.
CLASS_NAMES = (
    'Speed limit (20km/h)', 'Speed limit (30km/h)', 'Speed limit (50km/h)',
    'Speed limit (60km/h)', 'Speed limit (70km/h)', 'Speed limit (80km/h)',
    'End of speed limit (80km/h)', 'Speed limit (100km/h)', 'Speed limit (120km/h)',
    'No passing', 'No passing for vehicles over 3.5 metric tons',
    'Right-of-way at the next intersection', 'Priority road', 'Yield', 'Stop', 'No vehicles',
    'Vehicles over 3.5 metric tons prohibited', 'No entry', 'General caution',
    'Dangerous curve to the left', 'Dangerous curve to the right', 'Double curve',
    'Bumpy road', 'Slippery road', 'Road narrows on the right', 'Road work', 'Traffic signals',
    'Pedestrians', 'Children crossing', 'Bicycles crossing', 'Beware of ice/snow',
    'Wild animals crossing', 'End of all speed and passing limits', 'Turn right ahead',
    'Turn left ahead', 'Ahead only', 'Go straight or right', 'Go straight or left',
    'Keep right', 'Keep left', 'Roundabout mandatory', 'End of no passing',
    'End of no passing by vehicles over 3.5 metric tons',
)


def _class_id(text: str, what: str) -> int:
  if not text.isdigit() or int(text) >= len(CLASS_NAMES):
    raise ValueError(f'{what}: class {text!r} is not a class id 0..{len(CLASS_NAMES) - 1}')
  return int(text)


def train_label(member: str) -> int | None:
  """The class id of a training image member (its folder), None for CSV/TXT members.

  Raises:
    ValueError: a member that is neither, or a class folder outside 00000..00042.
  """
  if _IGNORED.search(member):
    return None
  match = _TRAIN_IMAGE.fullmatch(member)
  if match is None:
    raise ValueError(f'{member!r} is not GTSRB/Final_Training/Images/<class>/<name>.ppm')
  return _class_id(match.group(1), member)


def ground_truth_name(member: str) -> str | None:
  """The ground-truth file name of a test image member, None for CSV/TXT members.

  Raises:
    ValueError: a member that is neither.
  """
  if _IGNORED.search(member):
    return None
  match = _TEST_IMAGE.fullmatch(member)
  if match is None:
    raise ValueError(f'{member!r} is not GTSRB/Final_Test/Images/<name>.ppm')
  return match.group(1)


def parse_test_labels(text: str) -> dict[str, int]:
  """`GT-final_test.csv` -> {image file name: class id}.

  Raises:
    ValueError: no `Filename;...;ClassId` header, a row without 8 fields, a bad class id or a
      file name listed twice.
  """
  lines = [line for line in text.splitlines() if line.strip()]
  header = lines[0].strip().split(';') if lines else []
  if len(header) != _GT_FIELDS or header[0] != 'Filename' or header[-1] != 'ClassId':
    raise ValueError(f'{_TEST_GT_FILE} does not start with a Filename;...;ClassId header')
  labels: dict[str, int] = {}
  for number, line in enumerate(lines[1:], start=2):
    fields = line.strip().split(';')
    if len(fields) != _GT_FIELDS or not fields[0].endswith('.ppm'):
      raise ValueError(f'{_TEST_GT_FILE} row {number} is not <name>.ppm and 7 more fields')
    if fields[0] in labels:
      raise ValueError(f'{_TEST_GT_FILE} lists {fields[0]} twice')
    labels[fields[0]] = _class_id(fields[-1], f'{_TEST_GT_FILE} row {number}')
  return labels


class GermanTsr(toolkit.TaskBuilder):
  """GTSRB; training label = class folder, test label = GT-final_test.csv."""

  TASK = 'german_tsr'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST
  # 51,839 small PPMs (~300 MB of zips): the process pool handles them; no Beam.

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    archive = self.download(dl_manager, _BASE_URL + _TRAIN_ZIP)
    for member in toolkit.archives.zip_members(archive):
      with self.expected_content(_TRAIN_ZIP):
        label = train_label(member.name)
      if label is not None:
        yield toolkit.Example(key=member.name, image=member, label=label, source_split='train')
    yield from self._test_examples(dl_manager)

  def _test_labels(self, dl_manager) -> dict[str, int]:
    archive = self.download(dl_manager, _BASE_URL + _TEST_GT_ZIP)
    with self.expected_content(_TEST_GT_ZIP):
      found = [m for m in toolkit.archives.zip_members(archive) if m.name == _TEST_GT_FILE]
      if not found:
        raise ValueError(f'there is no member {_TEST_GT_FILE}')
      return parse_test_labels(found[0].read().decode('utf-8-sig'))

  def _test_examples(self, dl_manager) -> Iterator[toolkit.Example]:
    labels = self._test_labels(dl_manager)
    archive = self.download(dl_manager, _BASE_URL + _TEST_ZIP)
    source = f'{_TEST_ZIP} (with {_TEST_GT_ZIP})'
    seen: set[str] = set()
    for member in toolkit.archives.zip_members(archive):
      with self.expected_content(source):
        name = ground_truth_name(member.name)
        if name is not None and name not in labels:
          raise ValueError(f'{member.name} has no row in {_TEST_GT_FILE}')
      if name is not None:
        seen.add(name)
        yield toolkit.Example(key=member.name, image=member, label=labels[name],
                              source_split='test')
    missing = sorted(set(labels) - seen)
    with self.expected_content(source):
      if missing:  # A truncated test zip: not a smaller test split.
        raise ValueError(f'{len(missing)} image(s) listed in {_TEST_GT_FILE} are not in the '
                         f'test zip, e.g. {", ".join(missing[:3])}')
