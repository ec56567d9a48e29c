"""Each stream variant as a TFDS dataset collection of its `nevis/<task>` datasets.

For people who browse TFDS: `tfds.dataset_collection('nevis_short').datasets` lists the
tasks of SHORT, in stream order, as `nevis/<task>` references (after `import nevis_streams`).
A collection only names datasets: the order of training and prediction events, repeated
tasks and stop years stay in `get_stream`. Each collection holds every task of its variant
up to 2022 (the final protocol's stop year); `random_dataset`, drawn per seed, has none.
"""

from __future__ import annotations

from collections.abc import Mapping

from tensorflow_datasets.core import dataset_collection_builder
from tensorflow_datasets.core import naming

from nevis_streams import streams

VERSION = '1.0.0'
_RELEASE_NOTES = {VERSION: 'The stream variants of NEVIS\'22 (dm_nevis).'}
_HOMEPAGE = 'https://github.com/google-deepmind/dm_nevis'
_CITATION = """@article{bornschein2022nevis,
  title={NEVIS'22: A Stream of 100 Tasks Sampled from 30 Years of Computer Vision Research},
  author={Bornschein, J{\\"o}rg and Galashov, Alexandre and Hemsley, Ross and others},
  journal={arXiv preprint arXiv:2211.11747},
  year={2022}
}"""


class _StreamCollection(dataset_collection_builder.DatasetCollection, skip_registration=True):
  """The tasks of one stream variant (`STREAM`), as TFDS dataset references."""

  STREAM: streams.Variant

  @property
  def info(self) -> dataset_collection_builder.DatasetCollectionInfo:
    return dataset_collection_builder.DatasetCollectionInfo(
        name=self.name,
        description=(f'The tasks of the NEVIS\'22 {self.STREAM.value} stream up to 2022, in '
                     'stream order, as nevis/<task> datasets (`import nevis_datasets` to build '
                     'them). The events of the stream: nevis_streams.get_stream('
                     f'{self.STREAM.value!r}).'),
        release_notes=_RELEASE_NOTES, citation=_CITATION, homepage=_HOMEPAGE)

  @property
  def datasets(self) -> Mapping[str, Mapping[str, naming.DatasetReference]]:
    tasks = streams.get_stream(self.STREAM, stop_year=2022).tasks
    return {VERSION: {task: naming.DatasetReference(dataset_name='nevis', config=task)
                      for task in tasks}}


def _collection(variant: streams.Variant) -> type[_StreamCollection]:
  name = f'nevis_{variant.value}'
  class_name = ''.join(part.capitalize() for part in name.split('_'))
  return type(class_name, (_StreamCollection,),
              {'name': name, 'STREAM': variant, '__module__': __name__,
               '__doc__': f'The tasks of the {variant.value} stream.'})


# Registered with TFDS on import: one collection per variant with a fixed list of tasks.
COLLECTIONS: dict[str, type[_StreamCollection]] = {
    f'nevis_{variant.value}': _collection(variant)
    for variant in streams.Variant if variant is not streams.Variant.RANDOM_DATASET}
