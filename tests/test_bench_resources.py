"""ResourceUsage refuses values that would corrupt the run's FLOP and parameter totals."""

import math

import numpy as np
import pytest

from nevis_bench import learner as learner_lib


@pytest.mark.parametrize('kwargs, named', [
    (dict(flops=math.nan), 'flops'),
    (dict(flops=math.inf), 'flops'),
    (dict(flops=-1.0), 'flops'),
    (dict(flops='1e9'), 'flops'),
    (dict(peak_parameter_count=-1), 'peak_parameter_count'),
    (dict(peak_parameter_count=2.5), 'peak_parameter_count'),
    (dict(breakdown={'train': math.nan}), "breakdown['train']"),
    (dict(breakdown={'train': -5.0}), "breakdown['train']"),
    (dict(breakdown={3: 1.0}), 'breakdown'),
])
def test_bad_values_are_refused_by_name(kwargs, named):
  with pytest.raises(ValueError, match=named.replace('[', r'\[').replace(']', r'\]')):
    learner_lib.ResourceUsage(**kwargs)


def test_good_values_are_kept_and_combined():
  a = learner_lib.ResourceUsage(np.float64(2e9), np.int64(10), {'train': 1.5e9, 'knn': 5e8})
  b = learner_lib.ResourceUsage(1e9, 20, {'train': 1e9})
  total = a.combine(b)
  assert total.flops == 3e9 and total.peak_parameter_count == 20
  assert total.breakdown == {'knn': 5e8, 'train': 2.5e9}
  assert learner_lib.ResourceUsage().flops == 0.0
