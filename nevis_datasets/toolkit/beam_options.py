"""Beam pipeline options of a build: a runner that works offline, checked before any work.

Beam reports a misspelt runner only when the pipeline starts (after every download and
extraction), silently discards an unknown option (`direct_num_wokers=2` runs on one worker),
and answers a bad value with argparse's 150-line usage text and `SystemExit`. `validate` checks
all three up front and says what is wrong in one line.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io

import tensorflow_datasets as tfds

from nevis_datasets import errors


class BeamOptionsError(errors.UserError, ValueError):
  """Beam pipeline options that Beam would reject or ignore."""


def requested(download_config: tfds.download.DownloadConfig | None) -> bool:
  """Whether the build asks for Beam: a runner, or any Beam pipeline options."""
  return download_config is not None and (download_config.beam_runner is not None
                                          or download_config.beam_options is not None)


def with_local_runner(
    download_config: tfds.download.DownloadConfig | None) -> tfds.download.DownloadConfig:
  """Uses Beam's in-process FnApiRunner unless the user chose a runner.

  Beam's DirectRunner first tries to download the Prism binary, which fails offline.
  """
  beam = tfds.core.lazy_imports.apache_beam
  download_config = download_config or tfds.download.DownloadConfig()
  if download_config.beam_runner is not None:
    return download_config
  options = download_config.beam_options or beam.options.pipeline_options.PipelineOptions([])
  standard = options.view_as(beam.options.pipeline_options.StandardOptions)
  if standard.runner is None:
    standard.runner = 'FnApiRunner'
  return dataclasses.replace(download_config, beam_options=options)


def validate(task: str, download_config: tfds.download.DownloadConfig) -> None:
  """Raises BeamOptionsError for an unknown runner or option, or a bad value."""
  options = download_config.beam_options
  if options is None:
    return
  beam = tfds.core.lazy_imports.apache_beam
  advice = ('Fix --beam_pipeline_options (comma-separated name=value pairs; the options are '
            'those of `python -m apache_beam.options.pipeline_options --help`, e.g. '
            'runner=FnApiRunner,direct_num_workers=2,direct_running_mode=multi_processing).')
  usage = io.StringIO()
  try:
    with contextlib.redirect_stderr(usage):  # argparse prints its whole usage text.
      known = options.get_all_options(drop_default=True)
      given = options.get_all_options(drop_default=True, retain_unknown_options=True)
  except SystemExit:
    problem = next((line.split('error:', 1)[1].strip() for line in usage.getvalue().splitlines()
                    if 'error:' in line), usage.getvalue().strip()[-200:])
    raise BeamOptionsError(f'[{task}] Bad Beam pipeline option: {problem}. {advice}') from None
  unknown = sorted(set(given) - set(known))
  if unknown:
    raise BeamOptionsError(f'[{task}] Unknown Beam pipeline option(s) {", ".join(unknown)}: Beam '
                           f'would ignore them. {advice}')
  runner = options.view_as(beam.options.pipeline_options.StandardOptions).runner
  if isinstance(runner, str) and download_config.beam_runner is None:
    try:
      beam.runners.create_runner(runner)
    except ValueError as e:
      raise BeamOptionsError(f'[{task}] {e} {advice}') from None
