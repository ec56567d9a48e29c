"""The layers point one way: each package imports only what lies below it.

Read from the source (`ast`), so a lazy import inside a function counts too. Tests may join the
layers; the packages themselves never do.
"""

import ast
import pathlib

import pytest

_ROOT = pathlib.Path(__file__).resolve().parent.parent
# Package -> the project packages it must never import.
_FORBIDDEN = {
    'nevis_datasets': {'nevis_streams', 'nevis_bench', 'baselines_jax', 'baselines_torch',
                       'beam_pipelines'},
    'nevis_streams': {'nevis_bench', 'baselines_jax', 'baselines_torch', 'beam_pipelines'},
    'beam_pipelines': {'nevis_bench', 'baselines_jax', 'baselines_torch'},
    'nevis_bench': {'baselines_jax', 'baselines_torch', 'beam_pipelines'},
    'baselines_jax': {'baselines_torch', 'beam_pipelines'},
    'baselines_torch': {'baselines_jax', 'beam_pipelines'},
}


def _imports(path: pathlib.Path) -> set[str]:
  """Every module named by an import statement of the file (absolute names)."""
  names = set()
  for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
    if isinstance(node, ast.Import):
      names.update(alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
      names.add(node.module)
      names.update(f'{node.module}.{alias.name}' for alias in node.names)
  return names


def _sources(package: str, *, tests: bool) -> list[pathlib.Path]:
  return [p for p in sorted((_ROOT / package).rglob('*.py'))
          if tests or not p.name.endswith('_test.py')]


@pytest.mark.parametrize('package', sorted(_FORBIDDEN))
def test_packages_import_only_the_layers_below(package):
  wrong = []
  for path in _sources(package, tests=False):
    for name in _imports(path):
      if name.split('.')[0] in _FORBIDDEN[package]:
        wrong.append(f'{path.relative_to(_ROOT)} imports {name}')
  assert not wrong, '\n'.join(wrong)


def test_task_modules_never_import_another_task():
  """What two tasks share lives in the toolkit (`toolkit/sources/` for a shared archive).

  Builder modules only: a fake archive that two tasks read (Caltech-256's) is written by one
  generator, which the other task's generator may call.
  """
  tasks = _ROOT / 'nevis_datasets' / 'tasks'
  wrong = []
  for folder in sorted(p for p in tasks.iterdir() if (p / '__init__.py').exists()):
    for path in _sources(f'nevis_datasets/tasks/{folder.name}', tests=False):
      if path.name == 'dummy_data_generation.py':
        continue
      for name in _imports(path):
        parts = name.split('.')
        if parts[:2] == ['nevis_datasets', 'tasks'] and len(parts) > 2 and parts[2] != folder.name:
          wrong.append(f'{path.relative_to(_ROOT)} imports {name}')
  assert not wrong, '\n'.join(wrong)


def test_the_checks_see_the_sources():
  assert len(_sources('nevis_datasets', tests=False)) > 100
  assert 'nevis_datasets.toolkit' in _imports(
      _ROOT / 'nevis_datasets' / 'tasks' / 'food101' / 'food101.py')
