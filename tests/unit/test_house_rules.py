"""The layering rules of DESIGN.md, checked on every run: pages stay free of torch, the library stays
free of streamlit (but for explorer/ui), each layer of explorer/ imports only the layers below it, one
topic never imports another, and no library file grows past one job's length."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPLORER = ROOT / "explorer"
# Each package of explorer/ and the packages it may import (itself included), from the bottom up.
LAYERS = {
    "core": {"core"},
    "models": {"core", "models"},
    "training": {"core", "models", "training"},
    "checkpoints": {"core", "models", "checkpoints"},
    "topics": {"core", "models", "training", "checkpoints", "topics"},
    "ui": {"core", "models", "training", "checkpoints", "topics", "ui"},
}
LONGEST_FILE = 250  # lines: past this a file usually holds two jobs


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, dotted and whole (`explorer.core.data`, `torch`)."""
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def explorer_parts(path: Path) -> list[str]:
    return list(path.relative_to(EXPLORER).with_suffix("").parts)


SCRIPTS = sorted((ROOT / "app_pages").glob("*.py")) + [ROOT / "app.py", ROOT / "app_navigation.py"]


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_pages_import_no_torch(path):
    assert "torch" not in top_level(imported_modules(path))


LIBRARY = sorted(EXPLORER.rglob("*.py"))
OUTSIDE_UI = [p for p in LIBRARY if "ui" not in p.relative_to(ROOT).parts]


@pytest.mark.parametrize("path", OUTSIDE_UI, ids=lambda p: str(p.relative_to(ROOT)))
def test_library_outside_ui_imports_no_streamlit(path):
    assert "streamlit" not in top_level(imported_modules(path))


def test_every_library_file_lives_in_a_layer():
    loose = [str(p.relative_to(ROOT)) for p in LIBRARY if len(explorer_parts(p)) == 1 and p.name != "__init__.py"]
    assert not loose, "put these in one of the layers " + ", ".join(LAYERS)
    assert {explorer_parts(p)[0] for p in LIBRARY if len(explorer_parts(p)) > 1} <= set(LAYERS)


@pytest.mark.parametrize("path", [p for p in LIBRARY if len(explorer_parts(p)) > 1],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_a_layer_imports_only_the_layers_below_it(path):
    layer = explorer_parts(path)[0]
    used = {name.split(".")[1] for name in imported_modules(path) if name.startswith("explorer.")}
    assert used <= LAYERS[layer], f"{layer} may not import {sorted(used - LAYERS[layer])}"


TOPIC_FILES = sorted((EXPLORER / "topics").rglob("*.py"))


@pytest.mark.parametrize("path", TOPIC_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_one_topic_never_imports_another(path):
    parts = explorer_parts(path)
    own = parts[1] if len(parts) > 2 else None  # topics/<topic>/<file>
    others = {name.split(".")[2] for name in imported_modules(path)
              if name.startswith("explorer.topics.") and len(name.split(".")) > 2}
    assert others <= ({own} if own else set()), f"a shared need moves down into core, models or training: {others}"


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_library_file_holds_more_than_one_job(path):
    lines = len(path.read_text().splitlines())
    assert lines <= LONGEST_FILE, f"{lines} lines: split it along its jobs"


def test_there_is_no_pages_folder_for_streamlit_to_discover():
    assert not (ROOT / "pages").exists()
