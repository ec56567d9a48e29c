"""NEVIS'22 as TensorFlow Datasets: `import nevis_datasets`, then `tfds.load('nevis/<task>')`.

Importing this package registers exactly one TFDS builder, `nevis`, whose configs are the tasks
that have builders (`nevis list` shows them beside the full catalog).
"""

from nevis_datasets import catalog
from nevis_datasets import registry
from nevis_datasets.nevis_dataset_builder import Builder as NevisBuilder

__all__ = ['catalog', 'registry', 'NevisBuilder']
