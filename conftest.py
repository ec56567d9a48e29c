"""pytest set-up shared by every test of the repository."""

import os

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import pytest  # pylint: disable=g-import-not-at-top


def pytest_configure(config):
  del config
  # absltest helpers (create_tempdir, ...) need parsed flags; pytest never parses them.
  from absl import flags  # pylint: disable=g-import-not-at-top
  flags.FLAGS.mark_as_parsed()


def pytest_collection_modifyitems(config, items):
  """Leaves out tf.test.TestCase's `test_session` helper, a method pytest takes for a test.

  It always skips ('Not a test.'): one meaningless skip per builder test (DatasetBuilderTestCase
  derives from tf.test.TestCase), so a skip in the suite would no longer mean anything.
  """
  helpers = [item for item in items if item.name == 'test_session'
             and getattr(item, 'cls', None) is not None
             and any(base.__module__.startswith('tensorflow.') for base in item.cls.__mro__)]
  if helpers:
    config.hook.pytest_deselected(items=helpers)
    items[:] = [item for item in items if item not in helpers]


@pytest.fixture(autouse=True)
def _no_prism_download(monkeypatch):
  """Beam's DirectRunner tries to download the Prism binary first; fail fast, offline."""
  try:
    from apache_beam.runners.portability import prism_runner  # pylint: disable=g-import-not-at-top
  except ImportError:
    return

  def _refuse(*args, **kwargs):
    raise RuntimeError('Prism is disabled in tests (no network).')

  monkeypatch.setattr(prism_runner.PrismRunner, 'run_pipeline', _refuse)
