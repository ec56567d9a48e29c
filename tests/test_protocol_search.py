"""nevis_bench.protocol.search: the checkpointed record of a training event's trials."""

import numpy as np
import pytest

from nevis_bench import checkpoint
from nevis_bench.protocol import search as search_lib


def _result(error: float, flops: float = 1.0) -> search_lib.TrialResult:
  return search_lib.TrialResult(error, train_flops=flops, validation_flops=flops / 10)


def _variables(value: float):
  return {'params': {'w': np.full(2, value, np.float32)}}


def test_the_best_is_the_lowest_error_ties_to_the_earliest_in_any_finishing_order(tmp_path):
  written = []
  search = search_lib.Search(tmp_path / 'm.npz', write_checkpoint=written.append,
                             resume_from=None)
  for index, error in ((2, 0.3), (0, 0.5), (3, 0.3), (1, 0.3)):  # Out of order, three ties.
    search.finished(index, _result(error), _variables(index))
  assert search.best[0] == 1
  assert search.pending(5) == [4]
  assert written[-1]['best'] == 1 and [t['index'] for t in written[-1]['trials']] == [0, 1, 2, 3]
  # Only the best trial's variables are on disk, and they are its own.
  assert sorted(p.name for p in tmp_path.iterdir()) == ['m.trial-001.npz']
  path = search.keep_best()
  assert sorted(p.name for p in tmp_path.iterdir()) == ['m.npz']
  np.testing.assert_array_equal(checkpoint.load(path)['params']['w'], [1, 1])


def test_a_resumed_search_keeps_its_start_trials_and_flops(tmp_path):
  written = []
  first = search_lib.Search(tmp_path / 'm.npz', write_checkpoint=written.append,
                            resume_from=None)
  first.chose_start('/models/0000-a.npz', knn_flops=7.0)
  first.finished(0, _result(0.4, flops=10.0), _variables(0))
  resumed = search_lib.Search(tmp_path / 'm.npz', write_checkpoint=written.append,
                              resume_from=written[-1])
  assert resumed.start == '/models/0000-a.npz'
  assert resumed.pending(3) == [1, 2]
  resumed.finished(1, _result(0.2, flops=20.0), _variables(1))
  resumed.finished(2, _result(0.6, flops=30.0), _variables(2))
  assert resumed.flops() == {'train': 60.0, 'validation': 6.0, 'knn': 7.0}
  assert resumed.best[0] == 1


def test_keep_best_after_a_kill_that_followed_the_move(tmp_path):
  written = []
  search = search_lib.Search(tmp_path / 'm.npz', write_checkpoint=written.append,
                             resume_from=None)
  search.finished(0, _result(0.1), _variables(0))
  search.keep_best()  # Then killed before the event was recorded as done.
  again = search_lib.Search(tmp_path / 'm.npz', write_checkpoint=None, resume_from=written[-1])
  assert again.pending(1) == []
  assert again.keep_best().exists()


def test_a_secondary_process_writes_no_files(tmp_path):
  search = search_lib.Search(tmp_path / 'm.npz', write_checkpoint=None, resume_from=None,
                             writes_files=False)
  search.finished(0, _result(0.1), _variables(0))
  search.keep_best()
  assert not list(tmp_path.iterdir())


def test_no_finished_trial_is_an_error(tmp_path):
  with pytest.raises(ValueError, match='No trial'):
    _ = search_lib.Search(tmp_path / 'm.npz', write_checkpoint=None, resume_from=None).best
