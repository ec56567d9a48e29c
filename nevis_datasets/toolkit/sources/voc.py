"""Pascal VOC's 20 object classes, shared by `voc_2007` and `voc_2012`.

The upstream TFDS `voc` `labels` names, in its id order.
"""

CLASS_NAMES = (
    'aeroplane', 'bicycle', 'bird', 'boat', 'bottle', 'bus', 'car', 'cat', 'chair', 'cow',
    'diningtable', 'dog', 'horse', 'motorbike', 'person', 'pottedplant', 'sheep', 'sofa',
    'train', 'tvmonitor',
)
