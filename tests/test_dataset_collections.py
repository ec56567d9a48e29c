"""Every fixed stream variant is a TFDS dataset collection of its `nevis/<task>` datasets."""

import tensorflow_datasets as tfds
from tensorflow_datasets.testing import dataset_collection_builder_testing

import nevis_datasets  # pylint: disable=unused-import  # Registers `nevis`.
from nevis_streams import dataset_collections
from nevis_streams import streams


def test_a_collection_lists_its_streams_tasks_in_order():
  collection = tfds.dataset_collection('nevis_short')
  assert list(collection.datasets) == list(streams.get_stream('short', stop_year=2022).tasks)
  assert collection.datasets['coil100'] == tfds.core.naming.DatasetReference(
      dataset_name='nevis', config='coil100')
  assert set(dataset_collections.COLLECTIONS) == {
      f'nevis_{v.value}' for v in streams.Variant if v is not streams.Variant.RANDOM_DATASET}
  assert set(dataset_collections.COLLECTIONS) <= set(tfds.list_dataset_collections())


# TFDS's own checks, for each collection: registered, documented, every dataset buildable.
for _name, _cls in dataset_collections.COLLECTIONS.items():
  _test = f'Test{_cls.__name__}'
  globals()[_test] = type(_test, (dataset_collection_builder_testing.DatasetCollectionTestBase,),
                          {'DATASET_COLLECTION_CLASS': _cls})
