"""One folder per task: builder module, test, dummy data and its generator, README.

Importing this package imports every task module, which registers its builder with the toolkit.
"""

# pylint: disable=unused-import
from nevis_datasets.tasks.coil20 import coil20
from nevis_datasets.tasks.demo_colours import demo_colours
from nevis_datasets.tasks.demo_gratings import demo_gratings
from nevis_datasets.tasks.demo_shapes import demo_shapes
from nevis_datasets.tasks.food101 import food101
from nevis_datasets.tasks.magellan_venus_volcanoes import magellan_venus_volcanoes
from nevis_datasets.tasks.mnist import mnist
from nevis_datasets.tasks.not_mnist import not_mnist
from nevis_datasets.tasks.semeion import semeion
from nevis_datasets.tasks.usps import usps
from nevis_datasets.tasks.voc_actions import voc_actions
