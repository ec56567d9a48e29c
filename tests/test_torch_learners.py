"""PyTorch baselines: a run never imports TensorFlow; tasks without ArrayRecord files fail clearly.

The protocol tests shared with the JAX baselines are in test_baseline_learners.py.
"""

import json
import subprocess
import sys
import textwrap

import pytest

from nevis_bench import environment
from nevis_datasets import cli as datasets_cli
from nevis_streams import events as events_lib


@pytest.fixture(scope='module')
def data_dir(tmp_path_factory):
  path = str(tmp_path_factory.mktemp('data'))
  datasets_cli.build_demo_tasks(path)  # TFRecord and ArrayRecord files.
  return path


def test_a_torch_run_never_imports_tensorflow(data_dir, tmp_path):
  """`nevis run` of a PyTorch config with DataLoader workers, in a fresh process."""
  config_file = tmp_path / 'small_demo.py'
  config_file.write_text(textwrap.dedent(f'''
      from baselines_torch import learner
      from baselines_torch.configs import demo

      def make_learner():
        config = demo.get_config()
        config.torch = {{'num_workers': 2}}
        config.model.width = 4
        config.fit.update({{'max_steps': 10, 'validate_every': 10, 'image_size': 16}})
        config.search.learning_rates = (0.1,)
        config.model_dir = {str(tmp_path / 'models')!r}
        return learner.make_learner(config)
  '''))
  script = textwrap.dedent(f'''
      import sys
      from nevis_bench import cli
      rc = cli.main(['run', '--stream', 'demo', '--config', {str(config_file)!r},
                     '--data-dir', {data_dir!r}, '--output', {str(tmp_path / 'run')!r},
                     '--no-final-eval'])
      assert rc == 0, rc
      print('TENSORFLOW_IMPORTED', 'tensorflow' in sys.modules)
  ''')
  out = subprocess.run([sys.executable, '-c', script], capture_output=True, text=True,
                       timeout=600, check=False)
  assert out.returncode == 0, out.stderr[-3000:]
  assert 'TENSORFLOW_IMPORTED False' in out.stdout, out.stdout[-2000:]
  records = [json.loads(line) for line in (tmp_path / 'run' / 'metrics.jsonl').open()]
  assert [r['kind'] for r in records].count('predict') == 4


def test_missing_array_record_files_give_the_convert_command(tmp_path):
  from nevis_bench import learner as learner_lib  # pylint: disable=g-import-not-at-top
  import tensorflow_datasets as tfds  # pylint: disable=g-import-not-at-top
  builder = tfds.builder('nevis/demo_colours', data_dir=str(tmp_path))
  builder.download_and_prepare()  # TFRecord only.
  info = environment.task_info(builder)
  data = learner_lib.TrainingData(builder, info, events_lib.TRAINING_SPLITS,
                                  events_lib.TrainingEvent('demo_colours'))
  with pytest.raises(FileNotFoundError, match='nevis convert demo_colours'):
    data.data_source('train')
  assert datasets_cli.main(['convert', 'demo_colours', '--data_dir', str(tmp_path)]) == 0
  assert len(data.data_source('train')) == builder.info.splits['train'].num_examples
