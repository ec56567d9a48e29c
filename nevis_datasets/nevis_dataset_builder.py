"""The one TFDS builder that `nevis_datasets` registers: `nevis`.

Every task is a config of it, so `tfds.load('nevis/<task>')` and `tfds build nevis/<task>` work.
Constructing `nevis` with config `<task>` returns that task's own builder (a `TaskBuilder`
subclass in its own module), which writes to `<data_dir>/nevis/<task>/<version>/`.
"""

from __future__ import annotations

import tensorflow_datasets as tfds

from nevis_datasets import registry


class Builder(tfds.core.GeneratorBasedBuilder):
  """Routes `nevis/<task>` to the task's builder."""

  name = 'nevis'
  VERSION = tfds.core.Version('1.0.0')
  BUILDER_CONFIGS = [cls.BUILDER_CONFIGS[0] for cls in registry.builder_classes().values()]
  DEFAULT_BUILDER_CONFIG_NAME = 'demo_shapes'

  def __new__(cls, *, config: str | tfds.core.BuilderConfig | None = None, **kwargs):
    task_id = getattr(config, 'name', config) or cls.DEFAULT_BUILDER_CONFIG_NAME
    return registry.builder_class(task_id)(config=task_id, **kwargs)

  # Never reached: __new__ always returns a task builder.
  def _info(self):
    raise NotImplementedError

  def _split_generators(self, dl_manager):
    raise NotImplementedError

  def _generate_examples(self):
    raise NotImplementedError
