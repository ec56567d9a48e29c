"""Stanford Cars (Krause et al. 2013): 16,185 photos of 196 car models (make, model, year).

Images come from `car_ims.tgz` (`car_ims/000001.jpg` ...); labels and the official train/test
split from `cars_annos.mat`, whose `annotations` struct array gives each image's
`relative_im_path`, bounding box (unused), `class` (1..196) and `test` flag (0/1), and whose
`class_names` cell array names the 196 classes in id order (kept: the source's order). The full
images are used, as in the reference.

Differences from the reference (see README.md): the official train part is divided into
train/dev/dev_test by a hash of the image path instead of a seeded draw in archive order;
images are matched to annotations by path, and malformed annotations, missing images and
unexpected class names stop the build with a message.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits

_BASE_URL = 'http://ai.stanford.edu/~jkrause/car196/'
_IMAGES = 'car_ims.tgz'
_ANNOTATIONS = 'cars_annos.mat'
_FIELDS = ('relative_im_path', 'class', 'test')  # Of the annotations; the bbox_* are unused.
_IMAGE_PATH = re.compile(r'car_ims/\d{6}\.jpg')
_SOURCE_SPLITS = {0: 'train', 1: 'test'}  # The annotations' `test` flag.

# `class_names` of cars_annos.mat, in its order (= `class` - 1); checked at build time. The
# same list as the reference's `_LABELS` and TFDS's `cars196`.
CLASS_NAMES = (
    'AM General Hummer SUV 2000', 'Acura RL Sedan 2012', 'Acura TL Sedan 2012',
    'Acura TL Type-S 2008', 'Acura TSX Sedan 2012', 'Acura Integra Type R 2001',
    'Acura ZDX Hatchback 2012', 'Aston Martin V8 Vantage Convertible 2012',
    'Aston Martin V8 Vantage Coupe 2012', 'Aston Martin Virage Convertible 2012',
    'Aston Martin Virage Coupe 2012', 'Audi RS 4 Convertible 2008', 'Audi A5 Coupe 2012',
    'Audi TTS Coupe 2012', 'Audi R8 Coupe 2012', 'Audi V8 Sedan 1994', 'Audi 100 Sedan 1994',
    'Audi 100 Wagon 1994', 'Audi TT Hatchback 2011', 'Audi S6 Sedan 2011',
    'Audi S5 Convertible 2012', 'Audi S5 Coupe 2012', 'Audi S4 Sedan 2012', 'Audi S4 Sedan 2007',
    'Audi TT RS Coupe 2012', 'BMW ActiveHybrid 5 Sedan 2012', 'BMW 1 Series Convertible 2012',
    'BMW 1 Series Coupe 2012', 'BMW 3 Series Sedan 2012', 'BMW 3 Series Wagon 2012',
    'BMW 6 Series Convertible 2007', 'BMW X5 SUV 2007', 'BMW X6 SUV 2012', 'BMW M3 Coupe 2012',
    'BMW M5 Sedan 2010', 'BMW M6 Convertible 2010', 'BMW X3 SUV 2012', 'BMW Z4 Convertible 2012',
    'Bentley Continental Supersports Conv. Convertible 2012', 'Bentley Arnage Sedan 2009',
    'Bentley Mulsanne Sedan 2011', 'Bentley Continental GT Coupe 2012',
    'Bentley Continental GT Coupe 2007', 'Bentley Continental Flying Spur Sedan 2007',
    'Bugatti Veyron 16.4 Convertible 2009', 'Bugatti Veyron 16.4 Coupe 2009', 'Buick Regal GS 2012',
    'Buick Rainier SUV 2007', 'Buick Verano Sedan 2012', 'Buick Enclave SUV 2012',
    'Cadillac CTS-V Sedan 2012', 'Cadillac SRX SUV 2012', 'Cadillac Escalade EXT Crew Cab 2007',
    'Chevrolet Silverado 1500 Hybrid Crew Cab 2012', 'Chevrolet Corvette Convertible 2012',
    'Chevrolet Corvette ZR1 2012', 'Chevrolet Corvette Ron Fellows Edition Z06 2007',
    'Chevrolet Traverse SUV 2012', 'Chevrolet Camaro Convertible 2012', 'Chevrolet HHR SS 2010',
    'Chevrolet Impala Sedan 2007', 'Chevrolet Tahoe Hybrid SUV 2012', 'Chevrolet Sonic Sedan 2012',
    'Chevrolet Express Cargo Van 2007', 'Chevrolet Avalanche Crew Cab 2012',
    'Chevrolet Cobalt SS 2010', 'Chevrolet Malibu Hybrid Sedan 2010',
    'Chevrolet TrailBlazer SS 2009', 'Chevrolet Silverado 2500HD Regular Cab 2012',
    'Chevrolet Silverado 1500 Classic Extended Cab 2007', 'Chevrolet Express Van 2007',
    'Chevrolet Monte Carlo Coupe 2007', 'Chevrolet Malibu Sedan 2007',
    'Chevrolet Silverado 1500 Extended Cab 2012', 'Chevrolet Silverado 1500 Regular Cab 2012',
    'Chrysler Aspen SUV 2009', 'Chrysler Sebring Convertible 2010',
    'Chrysler Town and Country Minivan 2012', 'Chrysler 300 SRT-8 2010',
    'Chrysler Crossfire Convertible 2008', 'Chrysler PT Cruiser Convertible 2008',
    'Daewoo Nubira Wagon 2002', 'Dodge Caliber Wagon 2012', 'Dodge Caliber Wagon 2007',
    'Dodge Caravan Minivan 1997', 'Dodge Ram Pickup 3500 Crew Cab 2010',
    'Dodge Ram Pickup 3500 Quad Cab 2009', 'Dodge Sprinter Cargo Van 2009',
    'Dodge Journey SUV 2012', 'Dodge Dakota Crew Cab 2010', 'Dodge Dakota Club Cab 2007',
    'Dodge Magnum Wagon 2008', 'Dodge Challenger SRT8 2011', 'Dodge Durango SUV 2012',
    'Dodge Durango SUV 2007', 'Dodge Charger Sedan 2012', 'Dodge Charger SRT-8 2009',
    'Eagle Talon Hatchback 1998', 'FIAT 500 Abarth 2012', 'FIAT 500 Convertible 2012',
    'Ferrari FF Coupe 2012', 'Ferrari California Convertible 2012',
    'Ferrari 458 Italia Convertible 2012', 'Ferrari 458 Italia Coupe 2012',
    'Fisker Karma Sedan 2012', 'Ford F-450 Super Duty Crew Cab 2012',
    'Ford Mustang Convertible 2007', 'Ford Freestar Minivan 2007', 'Ford Expedition EL SUV 2009',
    'Ford Edge SUV 2012', 'Ford Ranger SuperCab 2011', 'Ford GT Coupe 2006',
    'Ford F-150 Regular Cab 2012', 'Ford F-150 Regular Cab 2007', 'Ford Focus Sedan 2007',
    'Ford E-Series Wagon Van 2012', 'Ford Fiesta Sedan 2012', 'GMC Terrain SUV 2012',
    'GMC Savana Van 2012', 'GMC Yukon Hybrid SUV 2012', 'GMC Acadia SUV 2012',
    'GMC Canyon Extended Cab 2012', 'Geo Metro Convertible 1993', 'HUMMER H3T Crew Cab 2010',
    'HUMMER H2 SUT Crew Cab 2009', 'Honda Odyssey Minivan 2012', 'Honda Odyssey Minivan 2007',
    'Honda Accord Coupe 2012', 'Honda Accord Sedan 2012', 'Hyundai Veloster Hatchback 2012',
    'Hyundai Santa Fe SUV 2012', 'Hyundai Tucson SUV 2012', 'Hyundai Veracruz SUV 2012',
    'Hyundai Sonata Hybrid Sedan 2012', 'Hyundai Elantra Sedan 2007', 'Hyundai Accent Sedan 2012',
    'Hyundai Genesis Sedan 2012', 'Hyundai Sonata Sedan 2012',
    'Hyundai Elantra Touring Hatchback 2012', 'Hyundai Azera Sedan 2012',
    'Infiniti G Coupe IPL 2012', 'Infiniti QX56 SUV 2011', 'Isuzu Ascender SUV 2008',
    'Jaguar XK XKR 2012', 'Jeep Patriot SUV 2012', 'Jeep Wrangler SUV 2012',
    'Jeep Liberty SUV 2012', 'Jeep Grand Cherokee SUV 2012', 'Jeep Compass SUV 2012',
    'Lamborghini Reventon Coupe 2008', 'Lamborghini Aventador Coupe 2012',
    'Lamborghini Gallardo LP 570-4 Superleggera 2012', 'Lamborghini Diablo Coupe 2001',
    'Land Rover Range Rover SUV 2012', 'Land Rover LR2 SUV 2012', 'Lincoln Town Car Sedan 2011',
    'MINI Cooper Roadster Convertible 2012', 'Maybach Landaulet Convertible 2012',
    'Mazda Tribute SUV 2011', 'McLaren MP4-12C Coupe 2012',
    'Mercedes-Benz 300-Class Convertible 1993', 'Mercedes-Benz C-Class Sedan 2012',
    'Mercedes-Benz SL-Class Coupe 2009', 'Mercedes-Benz E-Class Sedan 2012',
    'Mercedes-Benz S-Class Sedan 2012', 'Mercedes-Benz Sprinter Van 2012',
    'Mitsubishi Lancer Sedan 2012', 'Nissan Leaf Hatchback 2012', 'Nissan NV Passenger Van 2012',
    'Nissan Juke Hatchback 2012', 'Nissan 240SX Coupe 1998', 'Plymouth Neon Coupe 1999',
    'Porsche Panamera Sedan 2012', 'Ram C/V Cargo Van Minivan 2012',
    'Rolls-Royce Phantom Drophead Coupe Convertible 2012', 'Rolls-Royce Ghost Sedan 2012',
    'Rolls-Royce Phantom Sedan 2012', 'Scion xD Hatchback 2012', 'Spyker C8 Convertible 2009',
    'Spyker C8 Coupe 2009', 'Suzuki Aerio Sedan 2007', 'Suzuki Kizashi Sedan 2012',
    'Suzuki SX4 Hatchback 2012', 'Suzuki SX4 Sedan 2012', 'Tesla Model S Sedan 2012',
    'Toyota Sequoia SUV 2012', 'Toyota Camry Sedan 2012', 'Toyota Corolla Sedan 2012',
    'Toyota 4Runner SUV 2012', 'Volkswagen Golf Hatchback 2012', 'Volkswagen Golf Hatchback 1991',
    'Volkswagen Beetle Hatchback 2012', 'Volvo C30 Hatchback 2012', 'Volvo 240 Sedan 1993',
    'Volvo XC90 SUV 2007', 'smart fortwo Convertible 2012',
)


@dataclasses.dataclass(frozen=True)
class Annotation:
  """One image of cars_annos.mat."""

  path: str  # As in the archive: 'car_ims/000001.jpg'.
  label: int  # `class` - 1.
  source_split: str


def _integer(value: Any, field: str) -> int:
  number = np.asarray(value)
  if number.size != 1 or not np.issubdtype(number.dtype, np.number):
    raise ValueError(f'{field} is {value!r}, not a number')
  result = number.item()
  if result != int(result):
    raise ValueError(f'{field} is {result!r}, not an integer')
  return int(result)


def parse_annotations(mat: Mapping[str, Any]) -> list[Annotation]:
  """The annotations of `scipy.io.loadmat(cars_annos.mat, squeeze_me=True)`.

  Raises:
    ValueError: a variable or field is missing, the class names are not CLASS_NAMES, or an
      annotation is not an image path, a class in 1..196 and a test flag 0 or 1.
  """
  for variable in ('annotations', 'class_names'):
    if variable not in mat:
      raise ValueError(f'no {variable!r} variable')
  class_names = [str(name) for name in np.atleast_1d(mat['class_names'])]
  if class_names != list(CLASS_NAMES):
    raise ValueError(f'class_names are not the {len(CLASS_NAMES)} known ones in their '
                     f'order ({_first_difference(class_names, CLASS_NAMES)})')
  rows = np.atleast_1d(mat['annotations'])
  missing = [f for f in _FIELDS if f not in (rows.dtype.names or ())]
  if missing:
    raise ValueError(f'the annotations have no field(s) {", ".join(missing)}')
  annotations = []
  for index, row in enumerate(rows):
    where = f'annotation {index + 1}'
    path = str(row['relative_im_path'])
    if not _IMAGE_PATH.fullmatch(path):
      raise ValueError(f'{where}: relative_im_path {path!r} is not car_ims/<NNNNNN>.jpg')
    label = _integer(row['class'], f'{where}: class') - 1
    if not 0 <= label < len(CLASS_NAMES):
      raise ValueError(f'{where}: class {label + 1} is outside 1..{len(CLASS_NAMES)}')
    test = _integer(row['test'], f'{where}: test')
    if test not in _SOURCE_SPLITS:
      raise ValueError(f'{where}: test flag {test} is not 0 or 1')
    annotations.append(Annotation(path, label, _SOURCE_SPLITS[test]))
  return annotations


class StanfordCars(toolkit.TaskBuilder):
  """Stanford Cars; images from the extracted car_ims.tgz, labels from cars_annos.mat."""

  TASK = 'stanford_cars'
  CLASS_NAMES = CLASS_NAMES
  SPLIT_RULE = splits.TRAIN_TEST

  def _examples(self, dl_manager) -> Iterator[toolkit.Example]:
    root = self.download(dl_manager, _BASE_URL + _IMAGES, extract=True)
    mat_path = self.download(dl_manager, _BASE_URL + _ANNOTATIONS)
    with self.expected_content(_ANNOTATIONS):
      annotations = parse_annotations(toolkit.matfiles.read_mat(mat_path, squeeze_me=True))
    with self.expected_content(_IMAGES):
      for annotation in annotations:
        if not (root / annotation.path).exists():
          raise ValueError(f'{annotation.path}, annotated in {_ANNOTATIONS}, is missing')
    for annotation in annotations:
      yield toolkit.Example(key=annotation.path, image=root / annotation.path,
                            label=annotation.label, source_split=annotation.source_split)


def _first_difference(found: list[str], expected: tuple[str, ...]) -> str:
  for index, (name, known) in enumerate(zip(found, expected)):
    if name != known:
      return f'name {index + 1} is {name!r}, not {known!r}'
  return f'{len(found)} names instead of {len(expected)}'
