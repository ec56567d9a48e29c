"""BIWI Kinect Head Pose (Fanelli et al., 2013): RGB frames of 20 people, labelled by head pose.

The Kaggle archive (extracted by the toolkit) holds `faces_0/<NN>/frame_<NNNNN>_rgb.png`, one
folder per sequence (01..24), each frame with `frame_<NNNNN>_pose.txt`: the head's 3x3 rotation
matrix (three lines), a blank line and its position; depth maps, calibration files, masks and
binary annotations are not used. As in the reference, the task is multi-label: each of yaw,
pitch and roll (degrees, pyquaternion's `yaw_pitch_roll` convention) is cut into 5
equal-frequency bins over the poses of all frames (every sequence and split), and a frame's
labels are [yaw bin, 5 + pitch bin, 10 + roll bin]. Splits are sequence-disjoint, by folder, as
in the reference. RGB PNGs are stored as they are.

Differences from the reference (see README.md): a 15-long multi-hot `labels` feature (the
reference declared ClassLabel(num_classes=5) and patched its labels when loading); angles from
scipy instead of pyquaternion; a malformed pose file, a frame outside the known layout or a
missing image beyond 1% stops the build with a message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from absl import logging
from etils import epath
from etils import epy
import numpy as np
import tensorflow_datasets as tfds

with epy.lazy_imports():
  # Imported where first used: SciPy, h5py and requests are a third of `import nevis_datasets`.
  from scipy.spatial import transform

from nevis_datasets import toolkit
from nevis_datasets.toolkit import splits
from nevis_datasets.toolkit import trees

_ARCHIVE = 'biwi-kinect-head-pose-database.zip'
_POSE_SUFFIX = '_pose.txt'
_IMAGE_SUFFIX = '_rgb.png'
# A frame's files: `faces_0/<sequence>/frame_<number><suffix>`.
_FRAME = re.compile(r'faces_0/(?P<sequence>\d\d)/frame_\d{5}')
ANGLES = ('yaw', 'pitch', 'roll')  # The order of pyquaternion's `yaw_pitch_roll`.
NUM_BINS = 5
# Bin k of each angle (k = 0 the lowest angles), one block of NUM_BINS ids per angle.
CLASS_NAMES = tuple(f'{angle}_{k}' for angle in ANGLES for k in range(NUM_BINS))
NUM_SEQUENCES = 24
# The reference's sequence-disjoint split; the other sequences are `train`.
_SPLIT_SEQUENCES = {splits.TEST: (1, 4, 8, 10), splits.DEV_TEST: (3, 9), splits.DEV: (2, 7)}
# pyquaternion's check that a matrix is a rotation, with the tolerance the reference gave it.
_RTOL, _ATOL = 1e-5, 1e-4


def split_of(sequence: int) -> str:
  """The NEVIS split of a sequence folder's frames.

  Raises:
    ValueError: not a sequence 1..24.
  """
  if not 1 <= sequence <= NUM_SEQUENCES:
    raise ValueError(f'sequence folder {sequence:02d} is not one of 01..{NUM_SEQUENCES}')
  for split, sequences in _SPLIT_SEQUENCES.items():
    if sequence in sequences:
      return split
  return splits.TRAIN


def frame_files(files: Iterable[tuple[str, epath.Path]]
                ) -> tuple[dict[str, epath.Path], dict[str, epath.Path]]:
  """(frame -> pose file, frame -> RGB image) of an extraction; a frame is `faces_0/NN/frame_N`.

  Other files (depth maps, calibration, masks, read-me) are not frames' and are left out.

  Raises:
    ValueError: a pose file or RGB image outside `faces_0/<NN>/frame_<NNNNN>_...`, or in a
      folder that is not a sequence 01..24.
  """
  poses, images = {}, {}
  for member, path in files:
    for suffix, found in ((_POSE_SUFFIX, poses), (_IMAGE_SUFFIX, images)):
      if member.endswith(suffix):
        frame = member[:-len(suffix)]
        match = _FRAME.fullmatch(frame)
        if match is None:
          raise ValueError(f'{member!r} is not faces_0/<NN>/frame_<NNNNN>{suffix}')
        split_of(int(match['sequence']))
        found[frame] = path
  return poses, images


def parse_rotation(text: str, name: str) -> np.ndarray:
  """The 3x3 rotation matrix of a pose file: its first three lines (the position is not used).

  Raises:
    ValueError: fewer than three lines of three numbers, a value that is not finite, or a
      matrix that is not a rotation (within pyquaternion's tolerance, as in the reference).
  """
  lines = text.splitlines()
  rows = []
  for number, line in enumerate(lines[:3], 1):
    try:
      row = [float(value) for value in line.split()]
    except ValueError:
      row = []
    if len(row) != 3:
      raise ValueError(f'line {number} of {name} ({line.strip()[:40]!r}) is not three numbers')
    rows.append(row)
  if len(rows) < 3:
    raise ValueError(f'{name} has {len(rows)} lines, not the 3 rows of a rotation matrix')
  matrix = np.array(rows)
  if not np.isfinite(matrix).all():
    raise ValueError(f'{name} holds a value that is not finite')
  if not (np.allclose(matrix @ matrix.T, np.eye(3), rtol=_RTOL, atol=_ATOL)
          and np.isclose(np.linalg.det(matrix), 1.0, rtol=_RTOL, atol=_ATOL)):
    raise ValueError(f'the matrix of {name} is not a rotation')
  return matrix


def yaw_pitch_roll(rotations: np.ndarray) -> np.ndarray:
  """N x 3 (yaw, pitch, roll) in degrees of N rotation matrices, as pyquaternion gives them.

  pyquaternion's `Quaternion(matrix=R).yaw_pitch_roll` decomposes R = Rx(roll) Ry(pitch)
  Rz(yaw) (its docstring's formula; its name for it, intrinsic z-y'-x'', would be
  Rz Ry Rx): rotations about the fixed z, then y, then x axes, scipy's extrinsic 'zyx'.
  Yaw and roll lie in [-180, 180], pitch in [-90, 90].
  """
  return transform.Rotation.from_matrix(rotations).as_euler('zyx', degrees=True)


def pose_labels(rotations: Mapping[str, np.ndarray]
                ) -> tuple[dict[str, list[int]], dict[str, list[float]]]:
  """(frame -> label ids, angle -> bin edges in degrees) of all frames' rotation matrices."""
  frames = sorted(rotations)
  angles = yaw_pitch_roll(np.stack([rotations[frame] for frame in frames]))
  edges, bins = {}, []
  for column, angle in enumerate(ANGLES):
    angle_edges, angle_bins = toolkit.labels.equal_frequency_bins(angles[:, column], NUM_BINS)
    edges[angle] = [float(edge) for edge in angle_edges]
    bins.append(angle_bins + column * NUM_BINS)
  labels = {frame: [int(b[i]) for b in bins] for i, frame in enumerate(frames)}
  return labels, edges


class Biwi(toolkit.TaskBuilder):
  """BIWI; RGB frames of the extracted Kaggle archive, labels = pose angle bins."""

  TASK = 'biwi'
  CLASS_NAMES = CLASS_NAMES
  # Each example's source split is its NEVIS split: its sequence's (`split_of`).
  SPLIT_RULE = splits.PRESPLIT

  def _examples(self, dl_manager: tfds.download.DownloadManager
                ) -> Iterator[toolkit.Example]:
    root = self.download_kaggle(dl_manager)
    with self.expected_content(_ARCHIVE):
      poses, images = frame_files(trees.extracted_files(root))
      if len(poses) < NUM_BINS:
        raise ValueError(f'{len(poses)} pose files were found under faces_0/')
      rotations = {frame: parse_rotation(path.read_text(encoding='utf-8'),
                                         f'{frame}{_POSE_SUFFIX}')
                   for frame, path in poses.items()}
      labels, edges = pose_labels(rotations)
    self.info.metadata['bin_edges_degrees'] = edges
    logging.info('[%s] bin edges (degrees) over the %d frames: %s', self.TASK, len(poses), edges)
    unposed = sorted(set(images) - set(poses))
    if unposed:
      logging.warning('[%s] %d RGB frame(s) have no pose file, e.g. %s: not used.', self.TASK,
                      len(unposed), unposed[0])
    missing = sorted(set(poses) - set(images))
    self.check_missing_images([f'{frame}{_IMAGE_SUFFIX}' for frame in missing], len(poses),
                              listed_in='the pose files', archive=_ARCHIVE)
    for frame in sorted(set(poses) & set(images)):
      yield toolkit.Example(key=f'{frame}{_IMAGE_SUFFIX}', image=images[frame],
                            label=labels[frame],
                            source_split=split_of(int(_FRAME.fullmatch(frame)['sequence'])))
