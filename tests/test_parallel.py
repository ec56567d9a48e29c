"""The encoding pool: order, the in-process fallback, bounded work-ahead, builds through it."""

import concurrent.futures
import itertools
import os
import subprocess
import sys

import pytest
import tensorflow_datasets as tfds

from nevis_datasets.tasks.demo_colours import demo_colours
from nevis_datasets.toolkit import parallel


def _square(x: int) -> int:
  return x * x


def test_small_inputs_stay_in_this_process():
  pool = parallel.EncodingPool(workers=2)
  assert list(pool.map(_square, range(10))) == [x * x for x in range(10)]
  assert pool._pool is None  # pylint: disable=protected-access


def test_worker_processes_keep_order_for_iterators_of_unknown_size():
  pool = parallel.EncodingPool(workers=2)
  try:
    items = (x for x in range(3 * parallel._CHUNK + 5))  # pylint: disable=protected-access
    assert list(pool.map(_square, items)) == [x * x for x in range(3 * 256 + 5)]
    assert pool._pool is not None  # pylint: disable=protected-access
  finally:
    pool.close()


def test_work_ahead_is_bounded():
  pool = parallel.EncodingPool(workers=2)
  consumed = itertools.count()
  def items():
    for x in range(100_000):
      next(consumed)
      yield x
  try:
    results = pool.map(_square, items())
    next(results)
    in_flight = parallel._CHUNK * parallel._IN_FLIGHT  # pylint: disable=protected-access
    assert next(consumed) <= in_flight + parallel._CHUNK  # pylint: disable=protected-access
  finally:
    pool.close()


@pytest.mark.parametrize('min_for_processes', [0, 10**9])
def test_builds_are_identical_with_and_without_worker_processes(tmp_path, monkeypatch,
                                                                min_for_processes):
  monkeypatch.setattr(parallel, 'MIN_EXAMPLES_FOR_PROCESSES', min_for_processes)
  builder = demo_colours.DemoColours(data_dir=tmp_path)
  builder.download_and_prepare()
  examples = {
      split: sorted((int(ex['label']), ex['image'].tobytes())
                    for ex in tfds.as_numpy(builder.as_dataset(split=split)))
      for split in ('train', 'test')
  }
  # The same data as a build in the default mode (1,200 examples: worker processes).
  reference = demo_colours.DemoColours(data_dir=tmp_path / 'reference')
  reference.download_and_prepare()
  for split, values in examples.items():
    assert values == sorted((int(ex['label']), ex['image'].tobytes())
                            for ex in tfds.as_numpy(reference.as_dataset(split=split)))


def test_max_examples_per_split_caps_every_split(tmp_path):
  builder = demo_colours.DemoColours(data_dir=tmp_path)
  builder.download_and_prepare(
      download_config=tfds.download.DownloadConfig(max_examples_per_split=7))
  assert {name: s.num_examples for name, s in builder.info.splits.items()} == {
      'train': 7, 'dev': 7, 'dev_test': 7, 'test': 7}


def test_a_script_without_main_guard_builds_with_worker_processes(tmp_path):
  script = tmp_path / 'build.py'
  script.write_text(
      'import tensorflow_datasets as tfds\n'
      'import nevis_datasets\n'
      f'builder = tfds.builder("nevis/demo_colours", data_dir={str(tmp_path)!r})\n'
      'builder.download_and_prepare()\n'  # 1,200 examples: encoded by worker processes.
      'print("built", sum(s.num_examples for s in builder.info.splits.values()))\n')
  result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, 'PYTHONPATH': os.getcwd()})
  assert result.returncode == 0, result.stderr[-2000:]
  assert 'built 1200' in result.stdout


def _die(x: int) -> int:
  os._exit(3)  # pylint: disable=protected-access  # A worker killed mid-build (e.g. OOM).


def test_a_dead_worker_fails_the_map_instead_of_hanging():
  pool = parallel.EncodingPool(workers=2)
  try:
    with pytest.raises(concurrent.futures.process.BrokenProcessPool):
      list(pool.map(_die, range(2000)))
  finally:
    pool.close()
