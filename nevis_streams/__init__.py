"""NEVIS'22 streams: every stream variant as ordered training and prediction events.

`get_stream('full')` gives the development stream (years before 2020), `get_stream('full',
stop_year=2022, predict_splits=('test',))` the final protocol. Each event names a task,
`nevis/<task>`; running the events against a learner is left to the caller. This package depends
on `nevis_datasets.catalog` (task ids) only, and on TFDS for `dataset_collections`: importing it
registers every variant as a TFDS dataset collection (`tfds.dataset_collection('nevis_short')`).
"""

# Registers every variant as a TFDS dataset collection.
from nevis_streams import dataset_collections  # pylint: disable=unused-import
from nevis_streams.events import PredictionEvent
from nevis_streams.events import TrainingEvent
from nevis_streams.streams import get_stream
from nevis_streams.streams import names
from nevis_streams.streams import Stream
from nevis_streams.streams import Variant

__all__ = ['PredictionEvent', 'Stream', 'TrainingEvent', 'Variant', 'get_stream', 'names']
