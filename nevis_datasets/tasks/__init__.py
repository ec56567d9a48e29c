"""One folder per task: builder module, test, dummy data and its generator, README.

Importing this package imports every task module, which registers its builder with the toolkit.
"""

# pylint: disable=unused-import
from nevis_datasets.tasks.aberdeen import aberdeen
from nevis_datasets.tasks.aloi import aloi
from nevis_datasets.tasks.brodatz import brodatz
from nevis_datasets.tasks.butterflies import butterflies
from nevis_datasets.tasks.caltech101 import caltech101
from nevis_datasets.tasks.caltech_birds2011 import caltech_birds2011
from nevis_datasets.tasks.caltech_categories import caltech_categories
from nevis_datasets.tasks.celeb_a import celeb_a
from nevis_datasets.tasks.cifar10 import cifar10
from nevis_datasets.tasks.cifar100 import cifar100
from nevis_datasets.tasks.cmu_amp_expression import cmu_amp_expression
from nevis_datasets.tasks.coil100 import coil100
from nevis_datasets.tasks.coil20 import coil20
from nevis_datasets.tasks.demo_colours import demo_colours
from nevis_datasets.tasks.demo_gratings import demo_gratings
from nevis_datasets.tasks.demo_shapes import demo_shapes
from nevis_datasets.tasks.domainnet import domainnet
from nevis_datasets.tasks.dtd import dtd
from nevis_datasets.tasks.emnist_balanced import emnist_balanced
from nevis_datasets.tasks.extended_yaleb import extended_yaleb
from nevis_datasets.tasks.fashion_mnist import fashion_mnist
from nevis_datasets.tasks.food101 import food101
from nevis_datasets.tasks.ig02 import ig02
from nevis_datasets.tasks.imagenet2012 import imagenet2012
from nevis_datasets.tasks.landsat import landsat
from nevis_datasets.tasks.magellan_venus_volcanoes import magellan_venus_volcanoes
from nevis_datasets.tasks.mnist import mnist
from nevis_datasets.tasks.mpeg7 import mpeg7
from nevis_datasets.tasks.not_mnist import not_mnist
from nevis_datasets.tasks.olivetti_face import olivetti_face
from nevis_datasets.tasks.oxford_flowers102 import oxford_flowers102
from nevis_datasets.tasks.oxford_iiit_pet import oxford_iiit_pet
from nevis_datasets.tasks.pascal_voc2005 import pascal_voc2005
from nevis_datasets.tasks.pascal_voc2006 import pascal_voc2006
from nevis_datasets.tasks.patch_camelyon import patch_camelyon
from nevis_datasets.tasks.ppmi import ppmi
from nevis_datasets.tasks.scenes15 import scenes15
from nevis_datasets.tasks.scenes8 import scenes8
from nevis_datasets.tasks.semeion import semeion
from nevis_datasets.tasks.smallnorb import smallnorb
from nevis_datasets.tasks.stanford_dogs import stanford_dogs
from nevis_datasets.tasks.stl10 import stl10
from nevis_datasets.tasks.sun397 import sun397
from nevis_datasets.tasks.svhn_cropped import svhn_cropped
from nevis_datasets.tasks.uiuc_cars import uiuc_cars
from nevis_datasets.tasks.umist import umist
from nevis_datasets.tasks.usps import usps
from nevis_datasets.tasks.voc_2007 import voc_2007
from nevis_datasets.tasks.voc_2012 import voc_2012
from nevis_datasets.tasks.voc_actions import voc_actions
