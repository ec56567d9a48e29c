"""toolkit.trees: keys of extracted files are relative, sorted and independent of the location."""

from nevis_datasets.toolkit import trees


def test_extracted_files_are_sorted_relative_keys(tmp_path):
  for relative in ('b/2.png', 'a/1.png', 'a/sub/3.png', 'top.txt'):
    path = tmp_path / 'extracted' / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(relative.encode())
  (tmp_path / 'extracted' / 'empty').mkdir()
  files = trees.extracted_files(tmp_path / 'extracted')
  assert [key for key, _ in files] == ['a/1.png', 'a/sub/3.png', 'b/2.png', 'top.txt']
  assert all(path.read_bytes() == key.encode() for key, path in files)
  moved = (tmp_path / 'extracted').rename(tmp_path / 'elsewhere')
  assert [key for key, _ in trees.extracted_files(moved)] == [key for key, _ in files]
