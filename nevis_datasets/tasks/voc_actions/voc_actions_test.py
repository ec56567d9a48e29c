"""voc_actions on a fake VOCtrainval_11-May-2012.tar (see dummy_data_generation.py)."""

from absl.testing import absltest

from nevis_datasets import testing
from nevis_datasets.tasks.voc_actions import voc_actions


def _hot(*actions: str) -> list[int]:
  return [int(action in actions) for action in voc_actions.ACTIONS]


class VocActionsTest(testing.TaskTestCase):
  DATASET_CLASS = voc_actions.VocActions
  DL_DOWNLOAD_RESULT = 'VOCtrainval_11-May-2012.tar'
  # 10 persons in 5 listed images (2010_000004 is not listed, 2012_000008 has no annotation),
  # split by '<image id>/<object index>' hash.
  SPLITS = {'train': 5, 'dev': 1, 'dev_test': 2, 'test': 2}

  def check_labels(self, labels):
    expected = {
        'train': [_hot('jumping'),  # 2010_000002/1
                  _hot('reading'),  # 2010_000003/1
                  _hot('walking'),  # 2010_000005/2
                  _hot('playinginstrument'),  # 2011_000006/2
                  _hot()],  # 2011_000007/1
        'dev': [_hot('ridingbike', 'running')],  # 2010_000005/3
        'dev_test': [_hot('phoning', 'takingphoto'),  # 2010_000002/2
                     _hot('usingcomputer')],  # 2011_000006/1
        'test': [_hot('other'),  # 2010_000003/2
                 _hot('ridinghorse')],  # 2011_000007/2
    }
    self.assertEqual(labels, {split: sorted(hots) for split, hots in expected.items()})


class ParseTest(absltest.TestCase):

  def test_image_ids_is_sorted_union(self):
    self.assertEqual(
        voc_actions.image_ids(['b 1  1\na 1 -1\n', 'c 2 -1\nb 2  1\n\n']), ['a', 'b', 'c'])

  def test_parse_persons(self):
    xml = """<annotation>
      <object><name>chair</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>3</xmax>
        <ymax>3</ymax></bndbox></object>
      <object><name>person</name>
        <actions><jumping>0</jumping><other>1</other><phoning>1</phoning></actions>
        <bndbox><xmin>1.9</xmin><ymin>2</ymin><xmax>10.2</xmax><ymax>20</ymax></bndbox>
      </object>
    </annotation>"""
    (person,) = voc_actions.parse_persons(xml)
    self.assertEqual(person.index, 2)
    self.assertEqual(person.box, (1, 2, 10, 20))
    self.assertEqual(person.actions, ('phoning', 'other'))  # CLASS_NAMES order.


if __name__ == '__main__':
  absltest.main()
