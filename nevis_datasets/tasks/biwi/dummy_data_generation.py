"""Writes dummy_data/biwi-kinect-head-pose-database.zip: the Kaggle archive's layout, tiny frames.

The real archive holds `faces_0/<NN>/` for the 24 sequences (01..24), each with its camera
calibration `rgb.cal` and `depth.cal` and, per frame, `frame_<NNNNN>_rgb.png` (640x480 RGB),
`frame_<NNNNN>_depth.bin` and `frame_<NNNNN>_pose.txt` (three lines of a rotation matrix, a
blank line, the head's position in mm; numbers written with 6 significant digits, each line
ending in a space); the depth masks `head_pose_masks/<NN>/frame_<NNNNN>_depth_mask.png`; the
binary annotations `db_annotations/<NN>/frame_<NNNNN>_pose.bin`; and a read-me. The fake one has
5 sequences, one or two per split (01 test, 02 dev, 03 dev_test, 05 and 24 train), with 3 or 4
frames each, 6x8 RGB PNGs, and the awkward cases: two frames with the same pose (tied angles),
a pose whose image is missing (05/frame_00010: its angles still count in the bins, as in the
reference), an RGB frame without a pose file (24/frame_00099: not used), and sequences whose
frame numbers do not start at 1.

Run: python -m nevis_datasets.tasks.biwi.dummy_data_generation
"""

import pathlib
import zipfile

import numpy as np
from scipy.spatial.transform import Rotation

from nevis_datasets import fake_archives

_OUT = pathlib.Path(__file__).parent / 'dummy_data' / 'biwi-kinect-head-pose-database.zip'
_DATE_TIME = (2018, 4, 1, 12, 0, 0)  # Fixed, so that the archive is byte-for-byte reproducible.
# Sequence -> its frame numbers.
FRAMES = {1: (3, 4, 5), 2: (3, 4, 5), 3: (100, 101, 102), 5: (3, 4, 5, 10), 24: (7, 8, 9)}
NO_IMAGE = (5, 10)  # A pose file without its RGB frame.
NO_POSE = (24, 99)  # An RGB frame without its pose file.
SAME_POSE = {(3, 101): (2, 4)}  # A frame with the pose file of another.


def _frame(sequence: int, number: int) -> str:
  return f'faces_0/{sequence:02d}/frame_{number:05d}'


def _pose(rng: np.random.Generator) -> bytes:
  """A pose file: a head rotation (yaw, pitch, roll within the database's range) and position."""
  angles = rng.uniform((-75, -60, -40), (75, 60, 40))
  matrix = Rotation.from_euler('zyx', angles, degrees=True).as_matrix()
  position = rng.uniform((-100, -100, 700), (100, 100, 1100))
  rows = [' '.join(f'{v:.6g}' for v in row) + ' \n' for row in (*matrix, position)]
  return ''.join(rows[:3] + ['\n', rows[3]]).encode()


def _png(rng: np.random.Generator, channels: int = 3) -> bytes:
  shape = (6, 8, 3) if channels == 3 else (6, 8)
  return fake_archives.image_bytes(rng.integers(0, 256, shape, dtype=np.uint8), 'PNG')


def main() -> None:
  rng = np.random.default_rng(2013)
  poses = {}
  with fake_archives.write_zip(_OUT, date_time=_DATE_TIME,
                               compression=zipfile.ZIP_DEFLATED) as archive:
    for sequence, numbers in FRAMES.items():
      archive.add(f'faces_0/{sequence:02d}/depth.cal', b'575.816 0 320\n0 575.816 240\n0 0 1\n')
      archive.add(f'faces_0/{sequence:02d}/rgb.cal', b'517.679 0 320\n0 517.679 240.5\n0 0 1\n')
      for number in numbers:
        frame = _frame(sequence, number)
        same = SAME_POSE.get((sequence, number))
        poses[frame] = poses[_frame(*same)] if same else _pose(rng)
        if (sequence, number) != NO_IMAGE:
          archive.add(f'{frame}_rgb.png', _png(rng))
        archive.add(f'{frame}_depth.bin', rng.bytes(16))
        archive.add(f'{frame}_pose.txt', poses[frame])
        archive.add(f'head_pose_masks/{sequence:02d}/frame_{number:05d}_depth_mask.png',
                    _png(rng, channels=1))
        archive.add(f'db_annotations/{sequence:02d}/frame_{number:05d}_pose.bin', rng.bytes(24))
    archive.add(f'{_frame(*NO_POSE)}_rgb.png', _png(rng))
    archive.add('readme.txt', b'Biwi Kinect Head Pose Database\n')


if __name__ == '__main__':
  main()
