"""Wall time and XLA compilations of one training event of the JAX cheap_dynamic search.

The event is cheap_dynamic's hyper-parameter search (its 4-point learning-rate grid: 4 trials
from one start) on the demo task `demo_shapes`, scaled down for a CPU: a width-8 CifarResNet-18
at 32x32, `--max_steps` steps per trial. Printed: the event's wall time, the number of XLA
backend compilations during it (every jitted function: train and eval steps, initialisation,
small ops), and how many of them happened after the first trial, i.e. what each further trial
recompiles. Repeats run in fresh processes, interleaved if several checkouts are compared
(`--checkout DIR`, each run with this interpreter from that directory, whose packages it then
imports first), medians with min..max.

  python -m bench.search_compile [--max_steps 40] [--repeats 3] [--checkout DIR ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def _one_event(data_dir: str, max_steps: int) -> dict[str, float]:
  """Runs the event in this process; returns its seconds and compilation counts."""
  import jax  # pylint: disable=g-import-not-at-top
  import tensorflow_datasets as tfds  # pylint: disable=g-import-not-at-top

  from baselines_jax import learner as learner_jax  # pylint: disable=g-import-not-at-top
  from nevis_bench import learner as learner_lib  # pylint: disable=g-import-not-at-top
  from nevis_bench.protocol import configs  # pylint: disable=g-import-not-at-top
  from nevis_streams import events as events_lib  # pylint: disable=g-import-not-at-top

  compilations: list[float] = []
  trial_starts: list[int] = []

  def on_event(event: str, duration: float, **kwargs) -> None:
    del duration, kwargs
    if event == '/jax/core/compile/backend_compile_duration':
      compilations.append(time.perf_counter())

  jax.monitoring.register_event_duration_secs_listener(on_event)
  config = configs.named('cheap_dynamic')
  config.model.width = 8
  config.fit.update({'max_steps': max_steps, 'batch_size': 32, 'image_size': 32,
                     'validate_every': max_steps // 2, 'log_every': max_steps // 2,
                     'warmup_epochs': 1})
  config.model_dir = os.path.join(data_dir, 'models')
  learner = learner_jax.make_learner(config)
  builder = tfds.builder('nevis/demo_shapes', data_dir=data_dir)
  info = learner_lib.TaskInfo('demo_shapes', builder.info.features['label'].num_classes, False,
                              tuple(builder.info.features['label'].names), 'label')
  event = events_lib.TrainingEvent('demo_shapes')
  data = learner_lib.TrainingData(builder, info, events_lib.TRAINING_SPLITS, event)
  original_fit = learner_jax.train_lib.fit

  def counting_fit(*args, **kwargs):
    trial_starts.append(len(compilations))
    return original_fit(*args, **kwargs)

  learner_jax.train_lib.fit = counting_fit
  state = learner.init()
  started = time.perf_counter()
  learner.train(event, state, data)
  seconds = time.perf_counter() - started
  after_first = len(compilations) - trial_starts[1] if len(trial_starts) > 1 else 0
  return {'seconds': seconds, 'compilations': len(compilations),
          'after_first_trial': after_first, 'trials': len(trial_starts)}


def _spread(values: list[float], fmt: str) -> str:
  return (f'{format(statistics.median(values), fmt)} '
          f'({format(min(values), fmt)}..{format(max(values), fmt)})')


def main() -> None:
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument('--max_steps', type=int, default=40)
  parser.add_argument('--repeats', type=int, default=3)
  parser.add_argument('--checkout', action='append',
                      help='a source tree to measure (repeatable); default: this one')
  parser.add_argument('--child', nargs=2, metavar=('DATA_DIR', 'MAX_STEPS'),
                      help=argparse.SUPPRESS)
  args = parser.parse_args()
  if args.child:
    print(json.dumps(_one_event(args.child[0], int(args.child[1]))))
    return
  checkouts = args.checkout or ['.']
  with tempfile.TemporaryDirectory() as tmp:
    from nevis_datasets import cli as datasets_cli  # pylint: disable=g-import-not-at-top
    datasets_cli.build_demo_tasks(tmp)
    results: dict[str, list[dict[str, float]]] = {name: [] for name in checkouts}
    for repeat in range(args.repeats):
      for checkout in checkouts:
        out = subprocess.run(
            [sys.executable, '-m', 'bench.search_compile', '--child', tmp, str(args.max_steps)],
            cwd=checkout, check=True, capture_output=True, text=True).stdout
        result = json.loads(out.strip().splitlines()[-1])
        results[checkout].append(result)
        print(f'  repeat {repeat} {checkout}: {result}', flush=True)
  for checkout in checkouts:
    runs = results[checkout]
    print(f'{checkout}: {runs[0]["trials"]} trials of {args.max_steps} steps; event wall time '
          f'{_spread([r["seconds"] for r in runs], ".1f")} s; XLA compilations '
          f'{_spread([r["compilations"] for r in runs], ".0f")}, of which after the first '
          f'trial {_spread([r["after_first_trial"] for r in runs], ".0f")} '
          f'(medians of {args.repeats}, min..max)')


if __name__ == '__main__':
  main()
