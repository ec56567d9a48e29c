"""casia_hwdb build rate through Beam (example groups read on the workers), against the local path.

Both builds read the same fake CASIA-HWDB1.1 source, written here: the three zips of .gnt files
in the real layout, 50,000+ characters of 32..96 px (white paper, dark bars) over all 3926
classes (`dummy_data_generation.write_large`). The Beam build is the task as it is (USE_BEAM):
`_examples` walks every record header in the launcher, then Beam workers read, decode and encode
one .gnt member each, with the options below. The local build is the same builder with
USE_BEAM = False: the main process reads the groups and the toolkit's process pool encodes.
Also printed: the header-only pass alone (one process), which both builds include. Interleaved
repeats, medians, spread as min..max.

  python -m bench.casia_beam_build [--characters 50000] [--repeats 3] [--workdir DIR]
      [--beam_options runner=FnApiRunner,direct_num_workers=2,direct_running_mode=multi_processing]
"""

from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import tempfile
import time

import tensorflow_datasets as tfds

from nevis_datasets.tasks.casia_hwdb import casia_hwdb
from nevis_datasets.tasks.casia_hwdb import dummy_data_generation as generation
from nevis_datasets.toolkit import downloads

_DEFAULT_BEAM_OPTIONS = ('runner=FnApiRunner,direct_num_workers=2,'
                         'direct_running_mode=multi_processing')


class LocalCasiaHwdb(casia_hwdb.CasiaHwdb):
  """casia_hwdb through the local pool path (inherits TASK: not registered again)."""

  __module__ = 'bench.casia_beam_build'  # TFDS locates a builder's folder by its module.
  USE_BEAM = False


class _WarmupBeam(casia_hwdb.CasiaHwdb):
  """On the 6-class dummy data: warms imports, TensorFlow, Beam and the pools."""

  __module__ = 'bench.casia_beam_build'
  NUM_CLASSES = 6


class _WarmupLocal(_WarmupBeam):
  USE_BEAM = False


def _pipeline_options(text: str):
  beam = tfds.core.lazy_imports.apache_beam
  return beam.options.pipeline_options.PipelineOptions(
      flags=[f'--{option}' for option in text.split(',') if option])


def build_seconds(builder_class, manual: pathlib.Path, data_dir: pathlib.Path,
                  beam_options: str) -> tuple[float, int]:
  """Seconds of one whole build (download_and_prepare) and the examples it wrote."""
  config = tfds.download.DownloadConfig(
      manual_dir=os.fspath(manual),
      beam_options=_pipeline_options(beam_options) if builder_class.USE_BEAM else None)
  builder = builder_class(data_dir=os.fspath(data_dir))
  start = time.perf_counter()
  builder.download_and_prepare(download_config=config)
  elapsed = time.perf_counter() - start
  return elapsed, sum(s.num_examples for s in builder.info.splits.values())


def header_pass_seconds(manual: pathlib.Path) -> float:
  """The launcher's share: read every .gnt member and walk its record headers."""
  start = time.perf_counter()
  for zip_name, _ in casia_hwdb.ARCHIVES:
    for member in casia_hwdb.gnt_members(os.fspath(manual / zip_name), zip_name):
      casia_hwdb.scan_records(member.read(), member.name)
  return time.perf_counter() - start


def _spread(values: list[float]) -> str:
  return f'{statistics.median(values):8.1f}  ({min(values):.1f}..{max(values):.1f})'


def main() -> None:
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument('--characters', type=int, default=50_000)
  parser.add_argument('--repeats', type=int, default=3)
  parser.add_argument('--workdir', type=pathlib.Path, default=None)
  parser.add_argument('--beam_options', default=_DEFAULT_BEAM_OPTIONS)
  args = parser.parse_args()
  os.environ[downloads.SKIP_CHECKSUMS_ENV] = '1'  # Fake zips cannot match the catalog's md5s.
  tfds.disable_progress_bar()
  with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
    tmp = pathlib.Path(tmp)
    manual = tmp / 'manual'
    start = time.perf_counter()
    total = generation.write_large(manual, args.characters)
    size = sum(p.stat().st_size for p in manual.iterdir()) / 2**20
    print(f'fake source: {total} characters, 3926 classes, 12 .gnt files, {size:.1f} MiB of '
          f'zips (written in {time.perf_counter() - start:.1f} s); {os.cpu_count()} cores; '
          f'beam options: {args.beam_options}')
    dummy = pathlib.Path(casia_hwdb.__file__).parent / 'dummy_data'
    for warmup in (_WarmupBeam, _WarmupLocal):
      build_seconds(warmup, dummy, tmp / f'warmup_{warmup.__name__}', args.beam_options)
    times: dict[str, list[float]] = {'beam': [], 'local': [], 'headers': []}
    for repeat in range(args.repeats):
      times['headers'].append(header_pass_seconds(manual))
      for name, builder_class in (('beam', casia_hwdb.CasiaHwdb), ('local', LocalCasiaHwdb)):
        seconds, examples = build_seconds(builder_class, manual, tmp / f'{name}{repeat}',
                                          args.beam_options)
        assert examples == total, (name, examples, total)
        times[name].append(seconds)
        print(f'  repeat {repeat}: {name:5s} {seconds:6.1f} s, {total / seconds:6.0f} '
              'examples/s', flush=True)
    rates = {name: [total / t for t in times[name]] for name in ('beam', 'local', 'headers')}
    print(f'medians of {args.repeats} interleaved runs (min..max):')
    print(f'header-only pass (1 process), records/s: {_spread(rates["headers"])}')
    print(f'beam build (groups on workers), ex/s:    {_spread(rates["beam"])}')
    print(f'local build (pool, USE_BEAM=False), ex/s: {_spread(rates["local"])}')
    print(f'beam / local rate: '
          f'{statistics.median(rates["beam"]) / statistics.median(rates["local"]):.2f}')


if __name__ == '__main__':
  main()
