"""Split assignment: which NEVIS split an example belongs to.

Every task exposes `train`, `dev`, `dev_test` and `test`. Where the source has no split of its
own, membership comes from a stable hash of the example's source key (e.g. its path in the
archive), so an example lands in the same split whatever the order of iteration, in any process,
under any Beam runner. The fractions are the reference's.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping

TRAIN = 'train'
DEV = 'dev'
DEV_TEST = 'dev_test'
TEST = 'test'
SPLITS = (TRAIN, DEV, DEV_TEST, TEST)

# The reference's fractions (dm_nevis `handlers/splits.py`).
ALL_DATA_FRACTIONS = {TRAIN: 0.56, DEV: 0.12, DEV_TEST: 0.12, TEST: 0.2}
TRAIN_FRACTIONS = {TRAIN: 0.7, DEV: 0.15, DEV_TEST: 0.15}
TRAIN_AND_DEV_FRACTIONS = {TRAIN: 0.8, DEV: 0.2}


def hash_fraction(salt: str, key: str) -> float:
  """A number in [0, 1) that depends only on `salt` and `key`."""
  digest = hashlib.sha256(f'{salt}\x00{key}'.encode()).digest()
  return int.from_bytes(digest[:8], 'big') / 2**64


def assign_by_hash(salt: str, key: str, fractions: Mapping[str, float]) -> str:
  """Picks a split for `key` with probabilities `fractions`, deterministically."""
  u = hash_fraction(salt, key)
  cumulative = 0.0
  ordered = [s for s in SPLITS if s in fractions]
  for split in ordered:
    cumulative += fractions[split]
    if u < cumulative:
      return split
  return ordered[-1]  # Rounding: the fractions sum to 1 up to float error.


@dataclasses.dataclass(frozen=True)
class SplitRule:
  """Maps an example's source split (None where the source has none) to a NEVIS split.

  Attributes:
    hashed: source split -> fractions used to divide it by key hash.
    fixed: source split -> the NEVIS split it becomes as a whole.
  """

  hashed: Mapping[str | None, Mapping[str, float]] = dataclasses.field(default_factory=dict)
  fixed: Mapping[str | None, str] = dataclasses.field(default_factory=dict)

  def assign(self, salt: str, key: str, source_split: str | None) -> str:
    if source_split in self.fixed:
      return self.fixed[source_split]
    if source_split in self.hashed:
      return assign_by_hash(salt, key, self.hashed[source_split])
    known = sorted(map(str, {*self.hashed, *self.fixed}))
    raise ValueError(
        f'Example {key!r} comes from source split {source_split!r}, which this task\'s split '
        f'rule does not know (known: {", ".join(known)}).'
    )


# The source has no split: all data divided by hash.
NO_SOURCE_SPLIT = SplitRule(hashed={None: ALL_DATA_FRACTIONS})
# Official train/test: test kept, train divided into train/dev/dev_test.
TRAIN_TEST = SplitRule(hashed={'train': TRAIN_FRACTIONS}, fixed={'test': TEST})
# Official train/validation/test: validation becomes dev_test, train divided into train/dev.
TRAIN_VALIDATION_TEST = SplitRule(
    hashed={'train': TRAIN_AND_DEV_FRACTIONS},
    fixed={'validation': DEV_TEST, 'test': TEST},
)

# The source is already cut into the NEVIS splits (e.g. slices of an upstream TFDS dataset):
# each example's source split is its NEVIS split.
PRESPLIT = SplitRule(fixed={split: split for split in SPLITS})
