"""Checkpoints: exact round trips, no pickle, atomic writes."""

import math

import numpy as np
import pytest

from nevis_bench import checkpoint


def test_round_trip_is_exact(tmp_path):
  tree = {
      'w': np.arange(6, dtype=np.float32).reshape(2, 3),
      'nested': [1, 2.5, 'x', None, True, (np.int64(3), np.float64(0.1))],
      'empty': {},
      'odd': [float('nan'), float('inf')],
      'bytes_like': np.array([b'a', b'bc']),
  }
  checkpoint.save(tmp_path / 'c.npz', tree)
  back = checkpoint.load(tmp_path / 'c.npz')
  np.testing.assert_array_equal(back['w'], tree['w'])
  assert back['w'].dtype == np.float32
  assert back['nested'] == [1, 2.5, 'x', None, True, (3, 0.1)]
  assert isinstance(back['nested'][5], tuple)
  assert back['empty'] == {}
  assert math.isnan(back['odd'][0]) and back['odd'][1] == math.inf
  assert back['bytes_like'].tolist() == [b'a', b'bc']


def test_objects_are_refused():
  with pytest.raises(TypeError, match='Cannot checkpoint a object'):
    checkpoint.save('/tmp/never-written.npz', {'x': object()})
  with pytest.raises(TypeError, match='keys must be strings'):
    checkpoint.save('/tmp/never-written.npz', {1: 2})


def test_pickled_content_is_never_loaded(tmp_path):
  path = tmp_path / 'evil.npz'
  np.savez(path, __tree__=np.frombuffer(b'{"array": 0}', np.uint8),
           a0=np.array([object()], dtype=object))
  with pytest.raises(ValueError, match='allow_pickle'):
    checkpoint.load(path)


def test_write_is_atomic(tmp_path, monkeypatch):
  path = tmp_path / 'c.npz'
  checkpoint.save(path, {'v': 1})

  def crash(*args, **kwargs):
    raise OSError('disk full')

  monkeypatch.setattr(np, 'savez', crash)
  with pytest.raises(OSError):
    checkpoint.save(path, {'v': 2})
  assert checkpoint.load(path) == {'v': 1}
  assert [p.name for p in tmp_path.iterdir()] == ['c.npz']
