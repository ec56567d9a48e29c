"""biwi on a fake biwi-kinect-head-pose-database.zip, through the manual-dir path.

See dummy_data_generation.py for what the fake archive holds.
"""

import math

from absl.testing import absltest
from etils import epath
import numpy as np
import tensorflow_datasets as tfds

from nevis_datasets import testing
from nevis_datasets import toolkit
from nevis_datasets.tasks.biwi import biwi



def _hot(*label_ids: int) -> list[int]:
  return [int(i in label_ids) for i in range(15)]


class BiwiTest(testing.TaskTestCase):
  """Kaggle credentials are hidden, so the archive comes from the manual dir (dummy_data/)."""

  DATASET_CLASS = biwi.Biwi
  # Sequences 05 and 24 (train; 05/frame_00010 has no image), 02 (dev), 03 (dev_test), 01 (test).
  SPLITS = {'train': 6, 'dev': 3, 'dev_test': 3, 'test': 3}

  def check_labels(self, labels):
    # [yaw bin, 5 + pitch bin, 10 + roll bin], bins over the 16 poses (the same as the
    # reference's, computed with pyquaternion); 03/frame_00101 has the pose of 02/frame_00004.
    expected = {
        'train': [_hot(3, 8, 10), _hot(1, 6, 14), _hot(3, 7, 14), _hot(2, 9, 11),
                  _hot(4, 7, 14), _hot(0, 9, 11)],
        'dev': [_hot(4, 6, 10), _hot(2, 9, 13), _hot(0, 5, 12)],
        'dev_test': [_hot(3, 5, 10), _hot(2, 9, 13), _hot(0, 7, 12)],
        'test': [_hot(0, 5, 10), _hot(4, 8, 11), _hot(2, 5, 13)],
    }
    self.assertEqual(labels, {split: sorted(hots) for split, hots in expected.items()})

  def _download_and_prepare_as_dataset(self, builder):
    super()._download_and_prepare_as_dataset(builder)
    edges = builder.info.metadata['bin_edges_degrees']
    self.assertEqual(sorted(edges), ['pitch', 'roll', 'yaw'])
    self.assertTrue(all(len(e) == 6 and e == sorted(e) for e in edges.values()))
    for split in self.SPLITS:  # RGB PNGs, stored as they are.
      for example in tfds.as_numpy(builder.as_dataset(split=split)):
        self.assertEqual(example['image'].shape, (6, 8, 3))


class SplitTest(absltest.TestCase):

  def test_sequence_disjoint_splits(self):
    self.assertEqual({s: biwi.split_of(s) for s in range(1, 25)},
                     {**{s: 'train' for s in (5, 6, *range(11, 25))}, 1: 'test', 4: 'test',
                      8: 'test', 10: 'test', 3: 'dev_test', 9: 'dev_test', 2: 'dev', 7: 'dev'})

  def test_other_sequences_are_errors(self):
    for sequence in (0, 25):
      with self.assertRaisesRegex(ValueError, 'is not one of 01..24'):
        biwi.split_of(sequence)


class FrameFilesTest(absltest.TestCase):

  def test_poses_and_images_by_frame(self):
    files = [(name, epath.Path('/x', name)) for name in (
        'faces_0/01/frame_00003_pose.txt', 'faces_0/01/frame_00003_rgb.png',
        'faces_0/01/frame_00003_depth.bin', 'faces_0/01/rgb.cal', 'readme.txt',
        'head_pose_masks/01/frame_00003_depth_mask.png', 'db_annotations/01/frame_00003_pose.bin',
        'faces_0/24/frame_00004_rgb.png')]
    poses, images = biwi.frame_files(files)
    self.assertEqual(poses, {'faces_0/01/frame_00003': epath.Path('/x/faces_0/01/frame_00003_'
                                                                  'pose.txt')})
    self.assertEqual(sorted(images), ['faces_0/01/frame_00003', 'faces_0/24/frame_00004'])

  def test_frames_outside_the_layout_are_errors(self):
    for name, error in (('hpdb/01/frame_00003_pose.txt', 'is not faces_0/<NN>/frame_<NNNNN>'),
                        ('faces_0/1/frame_00003_rgb.png', 'is not faces_0/<NN>/frame_<NNNNN>'),
                        ('faces_0/01/frame_003_pose.txt', 'is not faces_0/<NN>/frame_<NNNNN>'),
                        ('faces_0/25/frame_00003_pose.txt', 'folder 25 is not one of 01..24')):
      with self.assertRaisesRegex(ValueError, error):
        biwi.frame_files([(name, epath.Path('/x'))])


class RotationTest(absltest.TestCase):

  def test_the_first_three_lines(self):
    text = ('0.784991 -0.0678137 0.615784 \r\n-0.117134 0.959814 0.255021 \r\n'
            '-0.608332 -0.272319 0.745503 \r\n\r\n88.7665 -4.08406 878.874 \r\n')
    np.testing.assert_array_equal(
        biwi.parse_rotation(text, 'p.txt'),
        [[0.784991, -0.0678137, 0.615784], [-0.117134, 0.959814, 0.255021],
         [-0.608332, -0.272319, 0.745503]])

  def test_bad_pose_files_are_errors(self):
    for text, error in (('1 0 0\n0 1 0\n', 'p.txt has 2 lines'),
                        ('1 0 0\n0 1 0 0\n0 0 1\n', r'line 2 of p.txt \(.0 1 0 0.\) is not'),
                        ('\n1 0 0\n0 1 0\n0 0 1\n', 'line 1 of p.txt'),
                        ('1 0 0\n0 1 x\n0 0 1\n', 'line 2 of p.txt'),
                        ('1 0 0\n0 1 0\n0 0 nan\n', 'not finite'),
                        ('2 0 0\n0 2 0\n0 0 2\n', 'the matrix of p.txt is not a rotation'),
                        ('-1 0 0\n0 1 0\n0 0 1\n', 'the matrix of p.txt is not a rotation')):
      with self.assertRaisesRegex(ValueError, error):
        biwi.parse_rotation(text, 'p.txt')


def _rx(degrees: float) -> np.ndarray:
  c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
  return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])


def _ry(degrees: float) -> np.ndarray:
  c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
  return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


def _rz(degrees: float) -> np.ndarray:
  c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
  return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


class YawPitchRollTest(absltest.TestCase):

  def test_hand_computed_matrices(self):
    half = math.sqrt(3) / 2
    rz30 = [[half, -0.5, 0], [0.5, half, 0], [0, 0, 1]]  # 30 degrees about z.
    np.testing.assert_allclose(biwi.yaw_pitch_roll(np.array([rz30])), [[30, 0, 0]], atol=1e-9)
    cases = [(_ry(20), (0, 20, 0)), (_rx(10), (0, 0, 10)),
             # pyquaternion's decomposition R = Rx(roll) Ry(pitch) Rz(yaw).
             (_rx(10) @ _ry(20) @ _rz(30), (30, 20, 10)),
             (_rx(-40) @ _ry(-60) @ _rz(-75), (-75, -60, -40))]
    np.testing.assert_allclose(biwi.yaw_pitch_roll(np.stack([m for m, _ in cases])),
                               [angles for _, angles in cases], atol=1e-9)

  def test_as_pyquaternion_on_a_real_pose(self):
    # The pose in the reference's docstring (faces_0/08/frame_00150_pose.txt): pyquaternion
    # (`Quaternion(matrix=R, atol=1e-4).yaw_pitch_roll`, in degrees) gives these.
    matrix = [[0.784991, -0.0678137, 0.615784], [-0.117134, 0.959814, 0.255021],
              [-0.608332, -0.272319, 0.745503]]
    np.testing.assert_allclose(biwi.yaw_pitch_roll(np.array([matrix])),
                               [[4.93741001, 38.00890344, -18.88477032]], atol=1e-4)


class PoseLabelsTest(absltest.TestCase):

  def test_one_label_per_angle_block(self):
    rotations = {f'f{i}': _rx(4 * i) @ _ry(-3 * i) @ _rz(10 * i) for i in range(10)}
    labels, edges = biwi.pose_labels(rotations)
    # Yaw grows, pitch falls, roll grows with i: two frames per bin.
    self.assertEqual([labels[f'f{i}'] for i in range(10)],
                     [[i // 2, 5 + 4 - i // 2, 10 + i // 2] for i in range(10)])
    np.testing.assert_allclose(edges['yaw'], [0, 20, 40, 60, 80, 90], atol=1e-9)


class ListingTest(testing.KaggleListingTestCase):
  """What `_examples` lists from the extracted fake archive, without a TFDS build."""

  BUILDER_CLASS = biwi.Biwi

  def _examples(self) -> list[toolkit.Example]:
    return self.listed()

  def test_lists_the_posed_rgb_frames_with_their_sequence_split(self):
    examples = self._examples()
    self.assertLen(examples, 15)  # 16 poses, one without its image; the unposed frame left out.
    self.assertEqual(examples[0].key, 'faces_0/01/frame_00003_rgb.png')
    self.assertNotIn('faces_0/24/frame_00099_rgb.png', [e.key for e in examples])
    self.assertEqual([e.source_split for e in examples],
                     ['test'] * 3 + ['dev'] * 3 + ['dev_test'] * 3 + ['train'] * 6)
    self.assertTrue(all(len(e.label) == 3 for e in examples))
    self.assertLen(self.builder.info.metadata['bin_edges_degrees']['yaw'], 6)

  def test_more_missing_images_than_allowed_stop_the_build(self):
    (self.root / 'faces_0/24/frame_00008_rgb.png').unlink()  # Two missing of 16: one allowed.
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[biwi\] 2 of the 16 images listed in the pose files are '
                                r'missing from biwi-kinect-head-pose-database.zip'):
      self._examples()

  def test_a_bad_pose_file_stops_the_build(self):
    (self.root / 'faces_0/02/frame_00004_pose.txt').write_text('1 0 0\n0 1 0\n')
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[biwi\] faces_0/02/frame_00004_pose.txt has 2 lines.* '
                                'biwi-kinect-head-pose-database.zip does not have the expected'):
      self._examples()

  def test_no_pose_files_stop_the_build(self):
    for pose in self.root.glob('faces_0/*/*_pose.txt'):
      pose.unlink()
    with self.assertRaisesRegex(toolkit.CorruptDataError,
                                r'\[biwi\] 0 pose files were found under faces_0/'):
      self._examples()

  def test_a_frame_outside_the_layout_stops_the_build(self):
    (self.root / 'faces_0/25').mkdir()
    (self.root / 'faces_0/25/frame_00001_pose.txt').write_text('1 0 0\n0 1 0\n0 0 1\n')
    with self.assertRaisesRegex(toolkit.CorruptDataError, 'folder 25 is not one of 01..24'):
      self._examples()


if __name__ == '__main__':
  absltest.main()
