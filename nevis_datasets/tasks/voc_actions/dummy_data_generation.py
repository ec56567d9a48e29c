"""Writes dummy_data/VOCtrainval_11-May-2012.tar: the real layout with tiny random JPEGs.

Run: python -m nevis_datasets.tasks.voc_actions.dummy_data_generation
"""

import pathlib
import xml.etree.ElementTree as ET

import numpy as np

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'VOCtrainval_11-May-2012.tar'
_ROOT = 'VOCdevkit/VOC2012'
# The annotation files list the flags in this (alphabetical) order.
_FLAGS = ('jumping', 'other', 'phoning', 'playinginstrument', 'reading', 'ridingbike',
          'ridinghorse', 'running', 'takingphoto', 'usingcomputer', 'walking')
_LISTED = ('jumping', 'phoning', 'playinginstrument', 'reading', 'ridingbike', 'ridinghorse',
           'running', 'takingphoto', 'usingcomputer', 'walking')

# Image id -> (width, height, objects); an object is (name, bndbox strings, active actions or
# None for an object without <actions>). 2010_000004 is a detection-only image (not listed).
IMAGES = {
    '2010_000002': (16, 12, [
        ('person', ('1', '1', '9', '11'), ['jumping']),
        ('person', ('6', '2', '16', '12'), ['phoning', 'takingphoto']),
    ]),
    '2010_000003': (12, 16, [
        ('person', ('2', '3', '10', '15'), ['reading']),
        ('person', ('1', '1', '6', '8'), ['other']),
    ]),
    '2010_000004': (16, 16, [('dog', ('1', '1', '12', '12'), None)]),
    '2010_000005': (16, 16, [
        ('chair', ('1', '1', '4', '4'), None),  # Index 1, skipped: no <actions>.
        ('person', ('4', '2', '14', '15'), ['walking']),
        ('person', ('2', '5', '9', '16'), ['ridingbike', 'running']),
    ]),
    '2011_000006': (14, 14, [
        ('person', ('3', '3', '12', '13'), ['usingcomputer']),
        ('person', ('1.7', '2.2', '8.9', '13.5'), ['playinginstrument']),  # int(float(...)).
    ]),
    '2011_000007': (16, 10, [
        ('person', ('1', '1', '8', '10'), []),  # No action flagged.
        ('person', ('7', '1', '16', '9'), ['ridinghorse']),
    ]),
}
# Listed in an action file but without annotation: skipped, as by the reference.
_UNANNOTATED = '2012_000008'


def _annotation(image_id: str, width: int, height: int, objects) -> bytes:
  root = ET.Element('annotation')
  ET.SubElement(root, 'filename').text = f'{image_id}.jpg'
  ET.SubElement(root, 'folder').text = 'VOC2012'
  for name, box, actions in objects:
    element = ET.SubElement(root, 'object')
    if actions is not None:
      flags = ET.SubElement(element, 'actions')
      for flag in _FLAGS:
        ET.SubElement(flags, flag).text = '1' if flag in actions else '0'
    bndbox = ET.SubElement(element, 'bndbox')
    for side, value in zip(('xmax', 'xmin', 'ymax', 'ymin'), (box[2], box[0], box[3], box[1])):
      ET.SubElement(bndbox, side).text = value
    ET.SubElement(element, 'name').text = name
    ET.SubElement(element, 'pose').text = 'Unspecified'
  ET.SubElement(root, 'segmented').text = '0'
  size = ET.SubElement(root, 'size')
  for tag, value in (('depth', 3), ('height', height), ('width', width)):
    ET.SubElement(size, tag).text = str(value)
  ET.indent(root, space='\t')
  return ET.tostring(root, encoding='utf-8', xml_declaration=False) + b'\n'


def _action_list(action: str) -> bytes:
  """`<id> <person index> <flag>` for every person of every action image, as VOC writes it."""
  lines = []
  for image_id, (_, _, objects) in IMAGES.items():
    for index, (_, _, actions) in enumerate(objects, start=1):
      if actions is not None:
        lines.append(f'{image_id} {index} {1 if action in actions else -1:2d}')
  if action == 'jumping':
    lines.append(f'{_UNANNOTATED} 1  1')
  return ''.join(line + '\n' for line in lines).encode()


def main() -> None:
  rng = np.random.default_rng(0)
  with fake_archives.write_tar(_OUT, mtime=0) as archive:
    for image_id, (width, height, objects) in IMAGES.items():
      archive.add(f'{_ROOT}/Annotations/{image_id}.xml',
                  _annotation(image_id, width, height, objects))
    for action in _LISTED:
      archive.add(f'{_ROOT}/ImageSets/Action/{action}_trainval.txt', _action_list(action))
    for image_id, (width, height, _) in IMAGES.items():
      pixels = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
      archive.add(f'{_ROOT}/JPEGImages/{image_id}.jpg',
                  fake_archives.image_bytes(pixels, 'JPEG', quality=50))


if __name__ == '__main__':
  main()
