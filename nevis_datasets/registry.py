"""Which tasks have builders: task id -> `TaskBuilder` class, with errors that say what to do."""

from __future__ import annotations

from nevis_datasets import catalog
from nevis_datasets import errors
from nevis_datasets import tasks  # pylint: disable=unused-import  # Imports every task module.
from nevis_datasets.toolkit import builder as builder_lib


class TaskNotAvailableError(errors.UserError, NotImplementedError):
  """A catalog task whose builder is not written yet."""


def builder_classes() -> dict[str, type[builder_lib.TaskBuilder]]:
  """Task id -> builder class, in catalog order."""
  classes = builder_lib.task_builder_classes()
  return {task_id: classes[task_id] for task_id in catalog.TASKS if task_id in classes}


def has_builder(task_id: str) -> bool:
  return task_id in builder_lib.task_builder_classes()


def builder_class(task_id: str) -> type[builder_lib.TaskBuilder]:
  """The builder class of `task_id`; a clear error for unknown or not yet available tasks."""
  task = catalog.get(task_id)  # Unknown ids raise here, with suggestions.
  classes = builder_lib.task_builder_classes()
  if task_id not in classes:
    raise TaskNotAvailableError(
        f'NEVIS task {task_id!r} ({task.paper_name}) is in the catalog, but its builder is not '
        f'written yet. `nevis list` shows which tasks can be built today.')
  return classes[task_id]
