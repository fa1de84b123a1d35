"""The layering rules of DESIGN.md, checked on every run: pages stay free of torch, the library
stays free of streamlit (but for explorer/ui)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "app_pages").glob("*.py")) + [ROOT / "app.py"],
                         ids=lambda p: p.name)
def test_pages_import_no_torch(path):
    assert "torch" not in imported_modules(path)


LIBRARY = [p for p in sorted((ROOT / "explorer").rglob("*.py")) if "ui" not in p.relative_to(ROOT).parts]


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(ROOT)))
def test_library_outside_ui_imports_no_streamlit(path):
    assert "streamlit" not in imported_modules(path)


def test_there_is_no_pages_folder_for_streamlit_to_discover():
    assert not (ROOT / "pages").exists()
