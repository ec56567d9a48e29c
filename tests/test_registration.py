"""`import nevis_datasets` registers exactly `nevis`; every way of reaching a task works."""

import json
import os
import subprocess
import sys

import pytest
import tensorflow_datasets as tfds

import nevis_datasets
from nevis_datasets import catalog
from nevis_datasets import cli
from nevis_datasets import registry
from nevis_datasets.toolkit import builder as builder_lib
from nevis_datasets.tasks.coil20 import coil20
from nevis_datasets.tasks.demo_colours import demo_colours

_ENV = {**os.environ, 'PYTHONPATH': os.getcwd(), 'TF_CPP_MIN_LOG_LEVEL': '3'}


def _python(code: str) -> str:
  return subprocess.run([sys.executable, '-c', code], check=True, capture_output=True,
                        text=True, env=_ENV).stdout


def test_import_adds_exactly_one_builder_and_hides_no_builtin():
  listing = 'import json, tensorflow_datasets as tfds; print(json.dumps(tfds.list_builders()))'
  before = set(json.loads(_python(listing)))
  after = set(json.loads(_python('import nevis_datasets; ' + listing)))
  assert after - before == {'nevis'}
  assert before <= after  # No TFDS built-in disappears (mnist, cifar10, voc... included).
  assert {'mnist', 'cifar10', 'voc', 'food101'} <= after


def test_every_task_builder_is_a_config_of_nevis():
  configs = [c.name for c in nevis_datasets.NevisBuilder.BUILDER_CONFIGS]
  assert configs == list(registry.builder_classes())
  assert {'coil20', 'demo_shapes', 'demo_gratings', 'demo_colours'} <= set(configs)
  assert set(configs) <= set(catalog.TASKS)


def test_builder_routes_to_the_task_class(tmp_path):
  builder = tfds.builder('nevis/coil20', data_dir=tmp_path)
  assert type(builder) is coil20.Coil20
  assert builder.name == 'nevis' and builder.builder_config.name == 'coil20'
  assert builder.data_dir == os.fspath(tmp_path / 'nevis' / 'coil20' / '1.0.0')
  # The task class works on its own too.
  assert coil20.Coil20(data_dir=tmp_path).data_dir == builder.data_dir


def test_task_builders_are_not_registered_under_their_own_names():
  assert 'coil20' not in tfds.list_builders()
  assert 'demo_shapes' not in tfds.list_builders()


def test_unknown_task_error_suggests_names(tmp_path):
  # TFDS wraps errors raised while constructing a builder; the message is kept whole.
  with pytest.raises(Exception, match="Unknown NEVIS task 'coil2'.*coil20"):
    tfds.builder('nevis/coil2', data_dir=tmp_path)


def test_catalog_task_without_builder_error(tmp_path, monkeypatch):
  monkeypatch.delitem(builder_lib._TASK_BUILDERS, 'lfw')  # As if its builder were not written.
  with pytest.raises(Exception,
                     match="'lfw' \\(LFW\\) is in the catalog.*nevis list"):
    tfds.builder('nevis/lfw', data_dir=tmp_path)


def test_load_and_data_source_of_a_prepared_task(tmp_path):
  tfds.builder('nevis/demo_colours', data_dir=tmp_path,
               file_format='array_record').download_and_prepare()
  source = tfds.data_source('nevis/demo_colours', split='dev_test', data_dir=tmp_path,
                            builder_kwargs={'file_format': 'array_record'})
  example = source[0]
  assert example['image'].shape == (32, 32, 3) and 0 <= example['label'] < 5
  n_dev_test = len(source)

  tfds.builder('nevis/demo_colours', data_dir=tmp_path / 'tfrecord').download_and_prepare()
  dataset = tfds.load('nevis/demo_colours', split='dev_test', data_dir=tmp_path / 'tfrecord')
  assert sum(1 for _ in dataset) == n_dev_test
  train_dev = tfds.load('nevis/demo_colours', split='train+dev', data_dir=tmp_path / 'tfrecord')
  info = tfds.builder('nevis/demo_colours', data_dir=tmp_path / 'tfrecord').info
  assert sum(1 for _ in train_dev) == (info.splits['train'].num_examples
                                       + info.splits['dev'].num_examples)
  assert set(info.splits) == {'train', 'dev', 'dev_test', 'test'}


def test_tfds_build_cli(tmp_path):
  subprocess.run(
      [sys.executable, '-m', 'tensorflow_datasets.scripts.cli.main', 'build',
       '--imports', 'nevis_datasets', 'nevis/demo_gratings', '--data_dir', os.fspath(tmp_path)],
      check=True, capture_output=True, env=_ENV)
  assert (tmp_path / 'nevis' / 'demo_gratings' / '1.0.0' / 'dataset_info.json').exists()


def test_nevis_build_cli_needs_no_mlcroissant(tmp_path):
  code = ('import sys; sys.modules["mlcroissant"] = None; '  # Any import of it now fails.
          'from nevis_datasets import cli; '
          f'sys.exit(cli.main(["build", "demo_colours", "--data_dir", {os.fspath(tmp_path)!r}]))')
  subprocess.run([sys.executable, '-c', code], check=True, capture_output=True, env=_ENV)
  info = json.loads((tmp_path / 'nevis' / 'demo_colours' / '1.0.0' / 'dataset_info.json')
                    .read_text())
  assert info['configName'] == 'demo_colours'


def test_nevis_build_does_not_import_keras(tmp_path):
  """TensorFlow would import Keras's optimizers (about 1 s): a build runs without them."""
  code = ('import sys; from nevis_datasets import cli; '
          f'code = cli.main(["build", "demo_colours", "--data_dir", {os.fspath(tmp_path)!r}]); '
          'print("KERAS", sys.modules.get("keras") is not None); sys.exit(code)')
  out = subprocess.run([sys.executable, '-c', code], check=True, capture_output=True,
                       env=_ENV, text=True).stdout
  assert 'KERAS False' in out
  assert (tmp_path / 'nevis' / 'demo_colours' / '1.0.0' / 'dataset_info.json').exists()


def test_nevis_build_rejects_unknown_tasks_before_building(capsys):
  assert cli.main(['build', 'demo_colours', 'not_a_task']) == 2
  assert "Unknown NEVIS task 'not_a_task'" in capsys.readouterr().err


def test_nevis_list_shows_status(tmp_path, capsys, monkeypatch):
  monkeypatch.delitem(builder_lib._TASK_BUILDERS, 'lfw')  # As if its builder were not written.
  demo_colours.DemoColours(data_dir=tmp_path).download_and_prepare()
  assert cli.main(['list', '--data_dir', os.fspath(tmp_path)]) == 0
  rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines()
          if line.strip()}
  assert rows['demo_colours'][-2:] == ['yes', '1.0.0']
  assert rows['coil20'][-2:] == ['yes', '-']
  assert rows['voc_2007'][-2:] == ['yes', '-']
  assert rows['lfw'][-2:] == ['no', '-']
  assert len(catalog.full_stream_tasks()) == 97


def _stream_names() -> list[str]:
  from nevis_streams import streams  # Tests may join the layers; nevis_datasets never does.
  return streams.names()


@pytest.mark.parametrize('stream', _stream_names())
def test_every_task_of_every_stream_variant_has_a_builder(stream):
  from nevis_streams import streams
  # Every year (2022 keeps the held-out years); random_dataset at its largest keeps every entry.
  extra = ({'num_random_datasets': len(streams.get_stream('full', stop_year=2022).tasks)}
           if stream == 'random_dataset' else {})
  tasks = streams.get_stream(stream, stop_year=2022, **extra).tasks
  assert tasks
  missing = [task for task in tasks if not registry.has_builder(task)]
  assert not missing, f'{stream} tasks without a builder: {missing}'


def test_every_nevis_dataset_has_a_builder(capsys):
  missing = [t.task_id for t in catalog.full_stream_tasks() if not registry.has_builder(t.task_id)]
  assert not missing, f'NEVIS datasets without a builder: {missing}'
  assert cli.main(['list']) == 0
  assert '97 of the 97 NEVIS datasets have builders' in capsys.readouterr().out
