"""pytest set-up shared by every test of the repository."""

import os

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')

import pytest  # pylint: disable=g-import-not-at-top


def pytest_configure(config):
  del config
  # absltest helpers (create_tempdir, ...) need parsed flags; pytest never parses them.
  from absl import flags  # pylint: disable=g-import-not-at-top
  flags.FLAGS.mark_as_parsed()


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
