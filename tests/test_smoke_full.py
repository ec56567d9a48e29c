"""The FULL smoke run: all 97 tasks built from fake data, the linear probe over 106 events.

`make smoke` runs the same command. It proves that every builder's output feeds the
benchmarker and a learner (multi-label, grayscale, tiny and very large images, few examples).
"""

import json
import os
import pathlib
import subprocess
import sys

_REPO_ROOT = pathlib.Path(__file__).parents[1]


def test_full_stream_from_fake_data_through_the_linear_probe(tmp_path):
  result = subprocess.run(
      [sys.executable, '-m', 'nevis_bench.smoke', '--stream', 'full', '--stop-year', '2022',
       '--workdir', str(tmp_path)],
      capture_output=True, text=True, cwd=_REPO_ROOT, timeout=3000,
      env={**os.environ, 'PYTHONPATH': str(_REPO_ROOT)})
  assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
  assert '97 of 97 tasks ready.' in result.stdout
  records = [json.loads(line) for line in (tmp_path / 'run' / 'metrics.jsonl').open()]
  training = [r['task'] for r in records if r['kind'] == 'train']
  assert len(training) == 106 and len(set(training)) == 97
  summary = json.loads((tmp_path / 'run' / 'summary.json').read_text())
  assert summary['training_events'] == 106, summary
  assert (tmp_path / 'run' / 'error_vs_flops.png').stat().st_size > 0
