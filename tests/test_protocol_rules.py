"""The baselines' shared training rules and configs (nevis_bench.protocol)."""

import pytest

from nevis_bench.protocol import configs
from nevis_bench.protocol import rules


@pytest.mark.parametrize('num_train, expected', [
    (0, 16), (100, 16), (12_799, 16), (12_800, 32), (25_599, 32), (25_600, 64), (51_200, 128),
    (102_400, 256), (204_799, 256), (204_800, 512), (10_000_000, 512)])
def test_adaptive_batch_size_matches_reference_table(num_train, expected):
  assert rules.adaptive_batch_size(num_train) == expected


def test_warmup_steps_are_epochs_of_steps_and_end_before_training():
  assert rules.warmup_steps(1000, 100, 7, 50_000) == 7 * 11
  assert rules.warmup_steps(1000, 100, 7, 20) == 19


def test_early_stopping_halves_after_patience_then_stops():
  stopping = rules.EarlyStopping(patience=2, max_lr_halvings=1)
  assert stopping.update(0.5) == (True, False)
  assert stopping.update(0.6) == (False, False)
  assert stopping.update(0.6) == (False, False) and stopping.lr_scale == 0.5
  assert stopping.update(0.4) == (True, False) and stopping.best_error == 0.4
  assert stopping.update(0.45) == (False, False)
  assert stopping.update(0.45) == (False, True)  # Second plateau after the one halving allowed.
  assert stopping.lr_scale == 0.5


def test_choose_start_takes_the_best_scored_candidate_including_fresh():
  candidates = [rules.Candidate('0000-a.npz', 'A'), rules.Candidate('0001-b.npz', 'B'),
                rules.Candidate(rules.FRESH, 'F')]
  quality = {'A': 0.4, 'B': 0.9, 'F': 0.5}
  chosen, scores = rules.choose_start(candidates, lambda c: quality[c.model])
  assert chosen.name == '0001-b.npz' and scores['0000-a.npz'] == 0.4
  # The fresh model wins when every earlier model is worse (the reference could never pick it).
  quality = {'A': 0.1, 'B': 0.2, 'F': 0.5}
  assert rules.choose_start(candidates, lambda c: quality[c.model])[0].name == 'fresh'
  # Ties go to the earliest candidate.
  assert rules.choose_start(candidates, lambda c: 1.0)[0].name == '0000-a.npz'


def test_stable_seed_is_stable_and_31_bit():
  assert rules.stable_seed(1, 2, 'mnist') == rules.stable_seed(1, 2, 'mnist')
  assert rules.stable_seed(1, 2, 'mnist') != rules.stable_seed(1, 3, 'mnist')
  assert 0 <= rules.stable_seed('x') < 2**31


def test_reference_defaults():
  config = configs.base_config()
  assert (config.model.backbone, config.fit.max_steps, config.fit.image_size) == (
      'cifar_resnet34', 50_000, 64)
  assert (config.search.kind, config.search.num_trials) == ('reference', 16)
  cheap = configs.named('cheap_dynamic')
  assert (cheap.strategy, cheap.model.backbone, cheap.fit.max_steps) == (
      'dynamic', 'resnet18', 25_000)
  assert tuple(cheap.search.learning_rates) == (1e-4, 1e-3, 1e-2, 1e-1)
  assert cheap.search.label_smoothing == 0.15


def test_unknown_names_and_bad_configs_fail_clearly(monkeypatch, tmp_path):
  with pytest.raises(ValueError, match='Unknown baseline config'):
    configs.named('dynamo')
  config = configs.named('dynamic')
  config.strategy = 'greedy'
  with pytest.raises(ValueError, match='strategy must be one of'):
    configs.check(config)
  monkeypatch.delenv(configs.PRETRAINED_ENV, raising=False)
  with pytest.raises(ValueError, match='set NEVIS_PRETRAINED_BACKBONE'):
    configs.check(configs.named('finetune_pretrained'))
  (tmp_path / 'backbone.npz').write_bytes(b'')
  monkeypatch.setenv(configs.PRETRAINED_ENV, str(tmp_path / 'backbone.npz'))
  configs.check(configs.named('finetune_pretrained'))
