"""`torchrun` data parallelism on CPU (Gloo): two processes run the stream, one writes the run.

The global batch is divided over the processes, so the FLOPs of every event are those of the
single-process run; the run directory holds one set of records.
"""

import json
import os
import subprocess
import sys

import pytest

from nevis_datasets import cli as datasets_cli

_CONFIG = '''
from baselines_torch import learner
from baselines_torch.configs import demo


def make_learner():
  config = demo.get_config()
  config.model.width = 4
  config.fit.update({{'max_steps': 6, 'validate_every': 3, 'image_size': 16, 'batch_size': 16}})
  config.search.learning_rates = (0.1,)
  config.knn.update({{'max_train': 64, 'max_dev': 32}})
  config.model_dir = {model_dir!r}
  return learner.make_learner(config)
'''


def _run(command, tmp_path, name):
  config = tmp_path / f'{name}.py'
  config.write_text(_CONFIG.format(model_dir=str(tmp_path / f'{name}-models')))
  env = {**os.environ, 'OMP_NUM_THREADS': '1'}
  out = subprocess.run(
      [*command, '-m', 'nevis_bench.cli', 'run', '--stream', 'demo', '--config', str(config),
       '--data-dir', str(tmp_path / 'data'), '--output', str(tmp_path / name), '--no-final-eval'],
      capture_output=True, text=True, timeout=900, env=env, check=False)
  assert out.returncode == 0, out.stderr[-4000:]
  records = [json.loads(line) for line in (tmp_path / name / 'metrics.jsonl').open()]
  return records, out.stdout


def test_two_process_ddp_run_matches_the_single_process_flops(tmp_path):
  datasets_cli.build_demo_tasks(str(tmp_path / 'data'))
  single, _ = _run([sys.executable], tmp_path, 'single')
  ddp, stdout = _run([sys.executable, '-m', 'torch.distributed.run', '--standalone',
                      '--nproc_per_node=2'], tmp_path, 'ddp')
  assert [(r['kind'], r['task']) for r in ddp] == [(r['kind'], r['task']) for r in single]
  for a, b in zip(ddp, single):
    if a['kind'] == 'train':
      assert a['flops/train'] == pytest.approx(b['flops/train'], rel=1e-9)
      assert a['flops/validation'] == pytest.approx(b['flops/validation'], rel=1e-9)
    else:
      assert 0.0 <= a['error_rate'] <= 1.0
  assert stdout.count('dev_test/average_error ') == 1  # Only process 0 reports.
  models = sorted(p.name for p in (tmp_path / 'ddp-models').glob('*/*.npz'))
  assert models == ['0000-demo_shapes.npz', '0001-demo_gratings.npz', '0002-demo_colours.npz',
                    '0003-demo_shapes.npz']
