"""The per-year task lists of every NEVIS'22 stream variant.

Transcribed from `NEVIS_STREAM_PER_YEAR` of the reference (google-deepmind/dm_nevis,
`dm_nevis/streams/nevis_stream.py`), with each paper name replaced by its task id (the reference's
dataset key with `/` as `_`). Order matters: years ascend and, within a year, the tuple order is the
order in which the reference emits training events. Years the reference leaves empty are omitted.
Kept as plain data so a stream never depends on anything but this module and the catalog.
"""

YearlyTasks = dict[int, tuple[str, ...]]

# The main NEVIS'22 stream: 106 entries (97 distinct tasks), 1989-2021; 1989, 2002 and 2003 are
# empty in the reference and omitted here. Nine tasks appear in two years.
FULL: YearlyTasks = {
  1992: ('magellan_venus_volcanoes', 'aberdeen'),
  1998: ('landsat', 'brodatz', 'olivetti_face'),
  2000: ('coil20',),
  2001: ('coil100', 'mpeg7'),
  2004: ('butterflies', 'mnist'),
  2005: ('caltech101', 'umist', 'cmu_amp_expression'),
  2006: ('pascal_voc2005', 'caltech_categories', 'uiuc_cars', 'aloi'),
  2007: ('scenes8',),
  2008: ('scenes15',),
  2009: ('pascal_voc2006', 'extended_yaleb'),
  2010: ('voc_2007', 'ig02', 'olivetti_face', 'ppmi'),
  2011: (
      'caltech256', 'imagenet2012', 'lfw', 'oxford_flowers_17', 'flickr_material_database',
      'oxford_flowers102', 'belgium_tsc', 'german_tsr', 'brodatz', 'vistex',
  ),
  2012: ('umd', 'kth_tips', 'uiuc_texture', 'kth_tips_2b', 'cvc_muscima'),
  2013: ('iaprtc12', 'sketch', 'kth_tips_2a', 'voc_2012', 'smallnorb'),
  2014: ('wiki_paintings_style',),
  2015: ('mnist', 'mit_scenes', 'sun397', 'cifar10'),
  2016: (
      'caltech_birds2011', 'stanford_cars', 'fgvc_aircraft_family', 'dtd', 'coco_single_label',
      'caltech101', 'oxford_iiit_pet', 'stanford_dogs', 'animal', 'silhouettes_28', 'interact',
      'voc_actions', 'svhn_cropped', 'chars74k',
  ),
  2017: ('celeb_a', 'lfwa', 'sun_attributes', 'cifar100'),
  2018: (
      'tid2008', 'tid2013', 'usps', 'semeion', 'mnist_m', 'office_caltech_10', 'pacs',
      'caltech_camera_traps', 'emnist_balanced', 'casia_hwdb', 'melanoma',
  ),
  2019: (
      'trancos', 'mall', 'fashion_mnist', 'not_mnist', 'tiny_imagenet', 'stl10', 'food101',
      'mnist_rotation', 'awa2', 'scenes15', 'food101n', 'coil20', 'coil100',
  ),
  2020: ('shanghai_tech', 'animal_web', 'biwi'),
  2021: (
      'imagenet2012', 'oxford_flowers102', 'domainnet', 'pneumonia_chest_xray', 'path_mnist',
      'nih_chest_xray', 'tubercolosis', 'covid_19_xray', 'patch_camelyon', 'ddsm',
      'synthetic_covid19_xray',
  ),
}

# A shorter 29-entry stream with its own year assignments (MNIST twice).
SHORT: YearlyTasks = {
  2004: ('coil100', 'mnist'),
  2006: ('pascal_voc2005', 'caltech_categories', 'uiuc_cars'),
  2009: ('pascal_voc2006',),
  2010: ('caltech101',),
  2011: ('ig02', 'scenes15', 'voc_2007', 'lfw'),
  2013: ('sketch', 'brodatz'),
  2014: ('imagenet2012', 'voc_2012', 'caltech256'),
  2018: (
      'cifar100', 'cifar10', 'usps', 'mnist', 'mnist_m', 'office_caltech_10', 'pacs', 'melanoma',
  ),
  2019: ('fashion_mnist',),
  2020: ('stanford_dogs', 'caltech_birds2011', 'stanford_cars', 'fgvc_aircraft_family'),
}

# 7 entries (MNIST twice).
TINY: YearlyTasks = {
  2004: ('mnist',),
  2010: ('caltech101',),
  2014: ('voc_2012',),
  2018: ('cifar100', 'mnist', 'melanoma'),
  2020: ('caltech_birds2011',),
}

# Two tasks. The reference README says 'Pascal VOC 2007 and Coil100', but its code uses COIL 20.
DEBUG: YearlyTasks = {
  1999: ('voc_2007',),
  2000: ('coil20',),
}

# ImageNet alone (used by the reference's ImageNet pre-training configs).
IMAGENET_ONLY: YearlyTasks = {
  2014: ('imagenet2012',),
}

# FULL without satellite, face, texture, shape, OCR, quality and medical tasks. As in the
# reference, the filter was applied to years <= 2018 only: 2019-2021 equal FULL.
MAJOR_DOMAIN_ONLY: YearlyTasks = {
  2000: ('coil20',),
  2001: ('coil100',),
  2004: ('butterflies',),
  2005: ('caltech101',),
  2006: ('pascal_voc2005', 'caltech_categories', 'uiuc_cars', 'aloi'),
  2007: ('scenes8',),
  2008: ('scenes15',),
  2009: ('pascal_voc2006',),
  2010: ('voc_2007', 'ig02', 'ppmi'),
  2011: (
      'caltech256', 'imagenet2012', 'oxford_flowers_17', 'oxford_flowers102', 'belgium_tsc',
      'german_tsr',
  ),
  2013: ('iaprtc12', 'sketch', 'voc_2012', 'smallnorb'),
  2014: ('wiki_paintings_style',),
  2015: ('mit_scenes', 'sun397', 'cifar10'),
  2016: (
      'caltech_birds2011', 'stanford_cars', 'fgvc_aircraft_family', 'coco_single_label',
      'caltech101', 'oxford_iiit_pet', 'stanford_dogs', 'interact', 'voc_actions', 'svhn_cropped',
  ),
  2017: ('sun_attributes', 'cifar100'),
  2018: ('office_caltech_10', 'pacs', 'caltech_camera_traps'),
  2019: (
      'trancos', 'mall', 'fashion_mnist', 'not_mnist', 'tiny_imagenet', 'stl10', 'food101',
      'mnist_rotation', 'awa2', 'scenes15', 'food101n', 'coil20', 'coil100',
  ),
  2020: ('shanghai_tech', 'animal_web', 'biwi'),
  2021: (
      'imagenet2012', 'oxford_flowers102', 'domainnet', 'pneumonia_chest_xray', 'path_mnist',
      'nih_chest_xray', 'tubercolosis', 'covid_19_xray', 'patch_camelyon', 'ddsm',
      'synthetic_covid19_xray',
  ),
}

# FULL without tasks of fewer than 10,000 examples (all splits). As in the reference, the filter
# was applied to years <= 2018 only: 2019-2021 equal FULL.
LARGE_DATASET_ONLY: YearlyTasks = {
  2004: ('mnist',),
  2005: ('caltech101',),
  2006: ('aloi',),
  2009: ('extended_yaleb',),
  2010: ('voc_2007',),
  2011: ('caltech256', 'imagenet2012', 'lfw', 'belgium_tsc', 'german_tsr'),
  2013: ('iaprtc12', 'sketch', 'voc_2012', 'smallnorb'),
  2014: ('wiki_paintings_style',),
  2015: ('mnist', 'mit_scenes', 'sun397', 'cifar10'),
  2016: (
      'caltech_birds2011', 'stanford_cars', 'fgvc_aircraft_family', 'coco_single_label',
      'caltech101', 'oxford_iiit_pet', 'stanford_dogs', 'silhouettes_28', 'voc_actions',
      'svhn_cropped', 'chars74k',
  ),
  2017: ('celeb_a', 'lfwa', 'sun_attributes', 'cifar100'),
  2018: ('usps', 'mnist_m', 'pacs', 'caltech_camera_traps', 'emnist_balanced', 'casia_hwdb'),
  2019: (
      'trancos', 'mall', 'fashion_mnist', 'not_mnist', 'tiny_imagenet', 'stl10', 'food101',
      'mnist_rotation', 'awa2', 'scenes15', 'food101n', 'coil20', 'coil100',
  ),
  2020: ('shanghai_tech', 'animal_web', 'biwi'),
  2021: (
      'imagenet2012', 'oxford_flowers102', 'domainnet', 'pneumonia_chest_xray', 'path_mnist',
      'nih_chest_xray', 'tubercolosis', 'covid_19_xray', 'patch_camelyon', 'ddsm',
      'synthetic_covid19_xray',
  ),
}
