"""Several devices (simulated on the CPU): data-parallel training and trials side by side."""

import os
import subprocess
import sys

_SCRIPT = r'''
import os, sys, json, logging
os.environ['XLA_FLAGS'] = '--xla_force_host_platform_device_count=2'
import jax
assert len(jax.devices()) == 2, jax.devices()
import numpy as np
from baselines_jax import learner as jax_learner, train as train_lib
from baselines_jax.configs import demo
from nevis_bench import environment
from nevis_datasets import cli
from nevis_streams import events, streams

data_dir = sys.argv[1]
cli.build_demo_tasks(data_dir)
used = []
original_fit = train_lib.fit
def spy(*args, devices=None, **kwargs):
  result = original_fit(*args, devices=devices, **kwargs)
  used.append(None if devices is None else [d.id for d in devices])
  return result
train_lib.fit = spy
for parallel in (False, True):
  config = demo.get_config()
  config.model_dir = os.path.join(data_dir, 'models')
  config.model.width = 4
  config.fit.update({'max_steps': 20, 'validate_every': 10, 'image_size': 16})
  config.search.learning_rates = (0.05, 0.1, 0.2)
  config.search.parallel_trials = parallel
  stream = streams.Stream('one', (events.TrainingEvent('demo_colours'),
                                  events.PredictionEvent('demo_colours')))
  result = environment.run(stream, jax_learner.make_learner(config),
                           os.path.join(data_dir, f'run{parallel}'), data_dir,
                           final_eval_split=None, show_progress=False)
  assert np.isfinite(result.records[-1]['error_rate'])
print(json.dumps(used))
'''


def test_data_parallel_and_side_by_side_trials_on_two_devices(tmp_path):
  result = subprocess.run(
      [sys.executable, '-c', _SCRIPT, str(tmp_path)], capture_output=True, text=True,
      timeout=600, env={**os.environ, 'PYTHONPATH': os.getcwd(), 'TF_CPP_MIN_LOG_LEVEL': '3'})
  assert result.returncode == 0, result.stderr[-3000:]
  used = __import__('json').loads(result.stdout.strip().splitlines()[-1])
  # Sequential trials: data-parallel over both devices; side by side: one device each, both used.
  assert used[:3] == [None, None, None]
  assert sorted(map(tuple, used[3:]))[0] in ((0,), (1,)) and {d for u in used[3:] for d in u} == {0, 1}
