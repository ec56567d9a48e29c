"""Split assignment: stable across orders, processes and Beam; the reference fractions."""

import collections
import random
import subprocess
import sys

import apache_beam as beam
from apache_beam.testing import util as beam_util
import pytest

from nevis_datasets.toolkit import splits

_KEYS = [f'images/class_{i % 7}/{i:05d}.jpg' for i in range(5000)]


def _assign_all(keys, fractions=splits.ALL_DATA_FRACTIONS):
  return {k: splits.assign_by_hash('some_task', k, fractions) for k in keys}


def test_assignment_does_not_depend_on_order():
  shuffled = list(_KEYS)
  random.Random(0).shuffle(shuffled)
  assert _assign_all(shuffled) == _assign_all(_KEYS)


def test_assignment_is_the_same_in_another_process_with_another_hash_seed():
  code = ('from nevis_datasets.toolkit import splits; '
          f'print("".join(splits.assign_by_hash("some_task", k, splits.ALL_DATA_FRACTIONS)[0] '
          f'for k in {_KEYS[:300]!r}))')
  outputs = {
      subprocess.run([sys.executable, '-c', code], check=True, capture_output=True, text=True,
                     env={'PYTHONHASHSEED': seed, 'PYTHONPATH': '.'}).stdout.strip()
      for seed in ('1', '2')
  }
  expected = ''.join(splits.assign_by_hash('some_task', k, splits.ALL_DATA_FRACTIONS)[0]
                     for k in _KEYS[:300])
  assert outputs == {expected}


def test_assignment_under_beam_matches_local():
  expected = sorted(_assign_all(_KEYS[:500]).items())
  with beam.Pipeline(runner='FnApiRunner') as pipeline:
    assigned = (pipeline
                | beam.Create(_KEYS[:500])
                | beam.Reshuffle()
                | beam.Map(lambda k: (k, splits.assign_by_hash(
                    'some_task', k, splits.ALL_DATA_FRACTIONS))))
    beam_util.assert_that(assigned, beam_util.equal_to(expected))


@pytest.mark.parametrize('fractions', [
    splits.ALL_DATA_FRACTIONS, splits.TRAIN_FRACTIONS, splits.TRAIN_AND_DEV_FRACTIONS])
def test_fractions_are_respected(fractions):
  counts = collections.Counter(_assign_all(_KEYS, fractions).values())
  assert set(counts) == set(fractions)
  for split, fraction in fractions.items():
    assert counts[split] / len(_KEYS) == pytest.approx(fraction, abs=0.025)


def test_salt_makes_tasks_independent():
  a = _assign_all(_KEYS[:1000])
  b = {k: splits.assign_by_hash('other_task', k, splits.ALL_DATA_FRACTIONS)
       for k in _KEYS[:1000]}
  assert a != b


def test_reference_fractions():
  assert splits.ALL_DATA_FRACTIONS == {'train': 0.56, 'dev': 0.12, 'dev_test': 0.12, 'test': 0.2}
  assert splits.TRAIN_FRACTIONS == {'train': 0.7, 'dev': 0.15, 'dev_test': 0.15}
  assert splits.TRAIN_AND_DEV_FRACTIONS == {'train': 0.8, 'dev': 0.2}


def test_train_test_rule_keeps_official_test_and_divides_train():
  rule = splits.TRAIN_TEST
  assert {rule.assign('t', k, 'test') for k in _KEYS[:200]} == {'test'}
  assert {rule.assign('t', k, 'train') for k in _KEYS[:200]} == {'train', 'dev', 'dev_test'}


def test_train_validation_test_rule():
  rule = splits.TRAIN_VALIDATION_TEST
  assert rule.assign('t', 'a', 'validation') == 'dev_test'
  assert rule.assign('t', 'a', 'test') == 'test'
  assert {rule.assign('t', k, 'train') for k in _KEYS[:200]} == {'train', 'dev'}


def test_unknown_source_split_is_a_clear_error():
  with pytest.raises(ValueError, match="source split 'validation'.*known: test, train"):
    splits.TRAIN_TEST.assign('t', 'some/key.jpg', 'validation')
