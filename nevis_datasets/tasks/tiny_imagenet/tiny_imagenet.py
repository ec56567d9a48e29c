"""Tiny ImageNet (Le & Yang, CS231n 2015): 200 ImageNet classes, 64x64 images, with Beam.

`tiny-imagenet-200.zip` holds, under `tiny-imagenet-200/`: `wnids.txt` (the 200 WordNet ids,
one a line), `words.txt` (names of all ImageNet synsets, not used),
`train/<wnid>/images/<wnid>_<n>.JPEG` (500 a class) beside `train/<wnid>/<wnid>_boxes.txt`
(boxes, not used), `val/images/val_<n>.JPEG` (10,000) labelled by `val/val_annotations.txt`
(`<file>\\t<wnid>\\t<box>` lines), and `test/images/test_<n>.JPEG` (unlabelled, not used).
Members are read in place from the zip (Beam workers read them). Label = the wnid, ids in
sorted wnid order, as the reference's. The train images are divided into train/dev/dev_test by
a hash of their member path; the val images are test, as in the reference.

Differences from the reference (see README.md): splits by hash instead of a seeded draw in zip
order; members outside the known layout, a val image without annotation, a train image whose
name and folder disagree, or a wnids.txt that is not the 200 classes stop the build with a
message (the reference crashed with a bare KeyError or mislabelled); an annotated val image
missing from the zip is tolerated within the skipped-image allowance.
"""

from __future__ import annotations

from collections.abc import Iterator

from absl import logging

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_URL = 'http://cs231n.stanford.edu/tiny-imagenet-200.zip'
ARCHIVE = 'tiny-imagenet-200.zip'
ROOT = 'tiny-imagenet-200/'
WNIDS = ROOT + 'wnids.txt'
VAL_ANNOTATIONS = ROOT + 'val/val_annotations.txt'
# The 200 wnids of wnids.txt, sorted: the reference's label ids (wnids.txt lists them in an
# order of no meaning: neither sorted nor ImageNet's).
CLASS_NAMES = (
    'n01443537', 'n01629819', 'n01641577', 'n01644900', 'n01698640', 'n01742172', 'n01768244',
    'n01770393', 'n01774384', 'n01774750', 'n01784675', 'n01855672', 'n01882714', 'n01910747',
    'n01917289', 'n01944390', 'n01945685', 'n01950731', 'n01983481', 'n01984695', 'n02002724',
    'n02056570', 'n02058221', 'n02074367', 'n02085620', 'n02094433', 'n02099601', 'n02099712',
    'n02106662', 'n02113799', 'n02123045', 'n02123394', 'n02124075', 'n02125311', 'n02129165',
    'n02132136', 'n02165456', 'n02190166', 'n02206856', 'n02226429', 'n02231487', 'n02233338',
    'n02236044', 'n02268443', 'n02279972', 'n02281406', 'n02321529', 'n02364673', 'n02395406',
    'n02403003', 'n02410509', 'n02415577', 'n02423022', 'n02437312', 'n02480495', 'n02481823',
    'n02486410', 'n02504458', 'n02509815', 'n02666196', 'n02669723', 'n02699494', 'n02730930',
    'n02769748', 'n02788148', 'n02791270', 'n02793495', 'n02795169', 'n02802426', 'n02808440',
    'n02814533', 'n02814860', 'n02815834', 'n02823428', 'n02837789', 'n02841315', 'n02843684',
    'n02883205', 'n02892201', 'n02906734', 'n02909870', 'n02917067', 'n02927161', 'n02948072',
    'n02950826', 'n02963159', 'n02977058', 'n02988304', 'n02999410', 'n03014705', 'n03026506',
    'n03042490', 'n03085013', 'n03089624', 'n03100240', 'n03126707', 'n03160309', 'n03179701',
    'n03201208', 'n03250847', 'n03255030', 'n03355925', 'n03388043', 'n03393912', 'n03400231',
    'n03404251', 'n03424325', 'n03444034', 'n03447447', 'n03544143', 'n03584254', 'n03599486',
    'n03617480', 'n03637318', 'n03649909', 'n03662601', 'n03670208', 'n03706229', 'n03733131',
    'n03763968', 'n03770439', 'n03796401', 'n03804744', 'n03814639', 'n03837869', 'n03838899',
    'n03854065', 'n03891332', 'n03902125', 'n03930313', 'n03937543', 'n03970156', 'n03976657',
    'n03977966', 'n03980874', 'n03983396', 'n03992509', 'n04008634', 'n04023962', 'n04067472',
    'n04070727', 'n04074963', 'n04099969', 'n04118538', 'n04133789', 'n04146614', 'n04149813',
    'n04179913', 'n04251144', 'n04254777', 'n04259630', 'n04265275', 'n04275548', 'n04285008',
    'n04311004', 'n04328186', 'n04356056', 'n04366367', 'n04371430', 'n04376876', 'n04398044',
    'n04399382', 'n04417672', 'n04456115', 'n04465501', 'n04486054', 'n04487081', 'n04501370',
    'n04507155', 'n04532106', 'n04532670', 'n04540053', 'n04560804', 'n04562935', 'n04596742',
    'n04597913', 'n06596364', 'n07579787', 'n07583066', 'n07614500', 'n07615774', 'n07695742',
    'n07711569', 'n07715103', 'n07720875', 'n07734744', 'n07747607', 'n07749582', 'n07753592',
    'n07768694', 'n07871810', 'n07873807', 'n07875152', 'n07920052', 'n09193705', 'n09246464',
    'n09256479', 'n09332890', 'n09428293', 'n12267677',
)
_CLASSES = frozenset(CLASS_NAMES)


def check_wnids(text: str) -> None:
  """Checks that wnids.txt lists the 200 classes, each once (any order; blank lines ignored).

  Raises:
    ValueError: a line is not one of the 200 wnids, one is listed twice, or one is missing.
  """
  seen: set[str] = set()
  for number, line in enumerate(text.splitlines(), 1):
    wnid = line.strip()
    if not wnid:
      continue
    if wnid not in _CLASSES:
      raise ValueError(f'wnids.txt line {number}: {wnid!r} is not one of the 200 classes')
    if wnid in seen:
      raise ValueError(f'wnids.txt line {number}: {wnid} is listed twice')
    seen.add(wnid)
  missing = sorted(_CLASSES - seen)
  if missing:
    raise ValueError(f'wnids.txt lacks {len(missing)} of the 200 classes, e.g. {missing[0]}')


def parse_val_annotations(text: str) -> dict[str, str]:
  """File name -> wnid, from the `<file>\\t<wnid>\\t<x0>\\t<y0>\\t<x1>\\t<y1>` lines.

  Only the first two fields are used (the box is not). Blank lines and CR/LF ends are ignored.

  Raises:
    ValueError: a line lacks a file name or a wnid of the 200, or a file is listed twice.
  """
  labels: dict[str, str] = {}
  for number, line in enumerate(text.splitlines(), 1):
    if not line.strip():
      continue
    fields = line.strip().split('\t')
    where = f'val_annotations.txt line {number}'
    if len(fields) < 2 or not fields[0]:
      raise ValueError(f'{where} is not <file>\\t<wnid>\\t<box>: {line!r}')
    name, wnid = fields[0], fields[1]
    if wnid not in _CLASSES:
      raise ValueError(f'{where}: {wnid!r} is not one of the 200 classes')
    if name in labels:
      raise ValueError(f'{where}: {name} is listed twice')
    labels[name] = wnid
  return labels


def image_of(member: str) -> tuple[str, str] | None:
  """`(source split, train wnid or val file name)` of an image member; None for the others.

  Train images are `train/<wnid>/images/<wnid>_<n>.JPEG` (the wnid of both folder and name);
  val images, the test split, are `val/images/<file>.JPEG`. Text files (wnids.txt, words.txt,
  the boxes and annotations), the unlabelled test/ images and other files at the root are not
  images of the task.

  Raises:
    ValueError: a member outside tiny-imagenet-200/, or a file in train/ or val/ outside that
      layout.
  """
  if not member.startswith(ROOT):
    raise ValueError(f'{member!r} is outside {ROOT}')
  path = member[len(ROOT):]
  parts = path.split('/')
  if path.endswith('.txt') or parts[0] not in ('train', 'val'):
    return None
  if parts[0] == 'train':
    if (len(parts) == 4 and parts[1] in _CLASSES and parts[2] == 'images'
        and parts[3].startswith(f'{parts[1]}_') and parts[3].lower().endswith('.jpeg')):
      return 'train', parts[1]
    raise ValueError(f'{member!r} is not train/<wnid>/images/<wnid>_<n>.JPEG of one of the 200 '
                     'classes')
  if len(parts) == 3 and parts[1] == 'images' and parts[2].lower().endswith('.jpeg'):
    return 'test', parts[2]
  raise ValueError(f'{member!r} is not val/images/<file>.JPEG')


class TinyImagenet(toolkit.TaskBuilder):
  """Tiny ImageNet; train images by folder, val images (the test split) by val_annotations.txt."""

  TASK = 'tiny_imagenet'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST  # train/ hashed 0.7/0.15/0.15; val/ is test.
  USE_BEAM = True  # 110,000 JPEGs.

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    archive = self.download(dl_manager, _URL)  # Read in place, not extracted.
    with self.expected_content(ARCHIVE):
      members = toolkit.archives.zip_members(archive)
      by_name = {member.name: member for member in members}
      for name in (WNIDS, VAL_ANNOTATIONS):
        if name not in by_name:
          raise ValueError(f'{name} is missing')
      check_wnids(by_name[WNIDS].read().decode('utf-8'))
      val_labels = parse_val_annotations(by_name[VAL_ANNOTATIONS].read().decode('utf-8'))
      train, test = [], []
      for member in members:
        image = image_of(member.name)
        if image is None:
          continue
        split, name = image
        if split == 'train':
          train.append(toolkit.Example(key=member.name, image=member, label=name,
                                       source_split=split))
        elif name not in val_labels:
          raise ValueError(f'{member.name} has no line in val_annotations.txt')
        else:
          test.append(toolkit.Example(key=member.name, image=member, label=val_labels.pop(name),
                                      source_split=split))
    self.check_missing_images(sorted(val_labels), len(test) + len(val_labels),
                              listed_in='val_annotations.txt', archive=ARCHIVE)
    logging.info('[%s] %d train and %d val images; %d other members (text files, the '
                 'unlabelled test/ images) not used.', self.TASK, len(train), len(test),
                 len(members) - len(train) - len(test))
    yield from train
    yield from test
