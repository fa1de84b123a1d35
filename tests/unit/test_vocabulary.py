"""One word for each idea, everywhere on screen (README, "Vocabulary"): the text a student reads comes from
string literals in app_pages/ and explorer/ (docstrings aside), so none of them may use a retired word."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "app_pages").glob("*.py")) + sorted((ROOT / "explorer").rglob("*.py"))
# A retired word, and the word the app uses instead.
RETIRED = {
    r"\bredraw": "reconstruct / reconstruction (image to image) or decode (code to image)",
    r"\bembedding": "code",
    r"(?<![\w.{])z ?(\d|\{x\})": "dimension i of the code, not z9",
}


def on_screen_strings(path: Path) -> list[str]:
    """Every string literal of a file but docstrings and subscript keys (`group["name"]`); an f-string
    whole, each value written as {x}."""
    tree = ast.parse(path.read_text())
    skipped = {id(node.body[0].value) for node in ast.walk(tree)
               if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
               and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    skipped |= {id(node.slice) for node in ast.walk(tree) if isinstance(node, ast.Subscript)}
    strings = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skipped |= {id(part) for part in node.values}
            strings.append("".join(part.value if isinstance(part, ast.Constant) else "{x}" for part in node.values))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            strings.append(node.value)
    return strings


def retired_words(paths: list[Path], root: Path = ROOT) -> list[str]:
    """Each on-screen string of `paths` that uses a retired word, with its file and the word to use instead."""
    return [f"{path.relative_to(root)}: {text!r}: use {instead}" for path in paths for text in on_screen_strings(path)
            for pattern, instead in RETIRED.items() if re.search(pattern, text, flags=re.IGNORECASE)]


def test_no_retired_word_on_screen():
    found = retired_words(SOURCES)
    assert not found, f"{len(found)} on-screen string(s) with a retired word:\n" + "\n".join(found)


def test_the_check_finds_a_retired_word(tmp_path):
    sample = tmp_path / "page.py"
    sample.write_text('"""A docstring may say redraw."""\nst.markdown(f"the redrawing of z{dim}")\n')
    strings = on_screen_strings(sample)
    assert any(re.search(r"\bredraw", text) for text in strings)
    assert not any("docstring" in text for text in strings)
    found = retired_words([sample], root=tmp_path)  # one line per retired word: "redraw" and "z{dim}"
    assert len(found) == 2 and all(line.startswith("page.py: 'the redrawing of z{x}'") for line in found)
