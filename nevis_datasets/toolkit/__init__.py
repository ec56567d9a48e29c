"""The builder toolkit: everything task modules share, so that they hold only dataset facts."""

from nevis_datasets.toolkit import archives
from nevis_datasets.toolkit import dedup
from nevis_datasets.toolkit import downloads
from nevis_datasets.toolkit import images
from nevis_datasets.toolkit import labels
from nevis_datasets.toolkit import matfiles
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import text
from nevis_datasets.toolkit.builder import CorruptDataError
from nevis_datasets.toolkit.builder import Example
from nevis_datasets.toolkit.builder import ExampleGroup
from nevis_datasets.toolkit.builder import TaskBuilder
from nevis_datasets.toolkit.builder import task_builder_classes
from nevis_datasets.toolkit.synthetic import SyntheticTaskBuilder
from nevis_datasets.toolkit.tfds_derived import TfdsDerivedTaskBuilder
