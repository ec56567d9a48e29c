"""Checkpoints: exact round trips, no pickle, atomic writes."""

import errno
import io
import math
import os
import pickle

from etils import epath
import numpy as np
import pytest

from nevis_bench import checkpoint
from nevis_datasets import errors


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
  with pytest.raises(checkpoint.BadCheckpointError, match='holds pickled objects'):
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


@pytest.mark.parametrize('array', [
    np.array([object()], dtype=object),
    np.zeros(2, dtype=[('a', 'O'), ('b', 'f4')]),  # A structured dtype holding objects.
])
def test_object_arrays_are_refused_naming_the_field(tmp_path, array):
  with pytest.raises(TypeError, match=r"learner_state\['priors'\]\['x'\]\[1\]"):
    checkpoint.save(tmp_path / 'c.npz', {'learner_state': {'priors': {'x': [0, array]}}})
  assert not list(tmp_path.iterdir())


def _npz(path, **arrays):
  with open(path, 'wb') as f:
    np.savez(f, **arrays)


def _npy_bytes(array):
  buffer = io.BytesIO()
  np.save(buffer, array)
  return buffer.getvalue()


def _truncated(path):
  checkpoint.save(path, {'w': np.arange(1000)})
  path.write_bytes(path.read_bytes()[:300])


def _tree(text):
  return np.frombuffer(text.encode(), np.uint8)


_BAD_FILES = {
    'not a zip': lambda p: p.write_bytes(b'hello, not a checkpoint at all' * 20),
    'truncated': _truncated,
    'pickled': lambda p: p.write_bytes(pickle.dumps({'w': 1})),
    'a plain .npy': lambda p: p.write_bytes(_npy_bytes(np.arange(3))),
    'no tree': lambda p: _npz(p, a0=np.arange(3)),
    'bad JSON': lambda p: _npz(p, __tree__=_tree('{"dict": [')),
    'unknown node kind': lambda p: _npz(p, __tree__=_tree('{"pickle": "x"}')),
    'two kinds in a node': lambda p: _npz(p, __tree__=_tree('{"value": 1, "list": []}')),
    'a missing array': lambda p: _npz(p, __tree__=_tree('{"array": 3}')),
    'an object array': lambda p: _npz(p, __tree__=_tree('{"array": 0}'),
                                      a0=np.array([object()], dtype=object)),
    'a bad dict entry': lambda p: _npz(p, __tree__=_tree('{"dict": [[1, {"value": 2}]]}')),
    'a bad float': lambda p: _npz(p, __tree__=_tree('{"float": "x"}')),
}


@pytest.mark.parametrize('bad', list(_BAD_FILES))
def test_bad_files_give_one_clear_error(tmp_path, bad):
  path = tmp_path / 'c.npz'
  _BAD_FILES[bad](path)
  with pytest.raises(checkpoint.BadCheckpointError) as error:
    checkpoint.load(path)
  assert isinstance(error.value, errors.UserError)
  message = str(error.value)
  assert str(path) in message and 'allow_pickle' not in message and '\n' not in message


def test_a_failed_write_leaves_no_temporary_file_and_names_the_way_out(tmp_path, monkeypatch):
  path = tmp_path / 'c.npz'
  checkpoint.save(path, {'v': 1})
  original = type(epath.Path(path)).write_bytes

  def disk_full(self, data):
    original(self, data[:len(data) // 2])  # Half written, then the disk is full.
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

  monkeypatch.setattr(type(epath.Path(path)), 'write_bytes', disk_full)
  with pytest.raises(errors.UserError) as error:
    checkpoint.save(path, {'v': 2})
  assert str(path) in str(error.value) and '--output' in str(error.value)
  assert [p.name for p in tmp_path.iterdir()] == ['c.npz']
  monkeypatch.undo()
  assert checkpoint.load(path) == {'v': 1}


def test_other_write_failures_keep_their_type_and_leave_no_temporary_file(tmp_path, monkeypatch):
  path = tmp_path / 'c.npz'

  def broken(self, data):
    original(self, data[:10])
    raise RuntimeError('a bug')

  original = type(epath.Path(path)).write_bytes
  monkeypatch.setattr(type(epath.Path(path)), 'write_bytes', broken)
  with pytest.raises(RuntimeError, match='a bug'):
    checkpoint.save(path, {'v': 2})
  assert not list(tmp_path.iterdir())
