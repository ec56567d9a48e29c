"""NEVIS'22 as TensorFlow Datasets: `import nevis_datasets`, then `tfds.load('nevis/<task>')`.

Importing this package registers exactly one TFDS builder, `nevis`, whose configs are the tasks
that have builders (`nevis list` shows them beside the full catalog). It also lets TFDS's
read-only builder of `nevis` data open its ArrayRecord files (`toolkit.file_formats`).
"""

from nevis_datasets import catalog
from nevis_datasets import registry
from nevis_datasets.nevis_dataset_builder import Builder as NevisBuilder
from nevis_datasets.toolkit import file_formats

file_formats.patch_read_only_builder()

__all__ = ['catalog', 'registry', 'NevisBuilder']
