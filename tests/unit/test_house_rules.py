"""The house rules (README, "Layout"), checked on every run, each as one test that names every file breaking it: pages
stay free of torch; the library stays free of streamlit (but for explorer/ui); each layer of explorer/ imports only
the layers below it; one topic never imports another; a page's UI imports only its own topic, the shared UI and
the layers below; every page has its UI package, its topic and its script; no file grows past one job's length;
and a test that starts a real server or browser lives in tests/e2e, where tests/conftest.py marks it slow.

Each check reads a repository root, so that its self-test can show it finding an offender in a made-up one."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Each package of explorer/ and the packages it may import (itself included), from the bottom up.
LAYERS = {
    "core": {"core"},
    "models": {"core", "models"},
    "training": {"core", "models", "training"},
    "checkpoints": {"core", "models", "checkpoints"},
    "topics": {"core", "models", "training", "checkpoints", "topics"},
    "ui": {"core", "models", "training", "checkpoints", "topics", "ui"},
}
SHARED_UI = {"shared", "server"}  # explorer/ui's packages that serve every page
LONGEST_FILE = 250  # lines: past this a file usually holds two jobs
LONGEST_PAGE = 150  # lines: a page reads as a layout, top to bottom; its work lives in its UI package


def imported_modules(path: Path, root: Path) -> set[str]:
    """Every module a file imports, dotted and whole (`explorer.core.data`, `torch`), and each name imported from
    one as if it were a module (`from explorer.topics import shapes`: `explorer.topics.shapes`)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            # `from .x import y` counts from the file's own package, `from ..x` from the one above it
            package = path.relative_to(root).parts[:-node.level] if node.level else ()
            module = ".".join([*package, node.module] if node.module else package)
            names |= {module} | {f"{module}.{alias.name}" for alias in node.names}
    return names


def python_files(root: Path, *folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (root / folder).rglob("*.py"))


def app_scripts(root: Path) -> list[Path]:
    return sorted((root / "app_pages").glob("*.py")) + [root / name for name in ("app.py", "app_navigation.py")
                                                        if (root / name).exists()]


def explorer_parts(path: Path, root: Path) -> list[str]:
    return list(path.relative_to(root / "explorer").with_suffix("").parts)


def packages(folder: Path) -> set[str]:
    return {child.name for child in folder.iterdir() if (child / "__init__.py").exists()} if folder.exists() else set()


def offence(path: Path, root: Path, what) -> str:
    return f"{path.relative_to(root)}: {', '.join(sorted(what)) if isinstance(what, set) else what}"


def pages_importing_torch(root: Path) -> list[str]:
    return [offence(path, root, "imports torch") for path in app_scripts(root)
            if "torch" in {name.split(".")[0] for name in imported_modules(path, root)}]


def streamlit_outside_ui(root: Path) -> list[str]:
    return [offence(path, root, "imports streamlit") for path in python_files(root, "explorer")
            if explorer_parts(path, root)[0] != "ui"
            and "streamlit" in {name.split(".")[0] for name in imported_modules(path, root)}]


def files_outside_the_layers(root: Path) -> list[str]:
    return [offence(path, root, "belongs in one of the layers " + ", ".join(LAYERS))
            for path in python_files(root, "explorer") if path != root / "explorer" / "__init__.py"
            and (len(explorer_parts(path, root)) == 1 or explorer_parts(path, root)[0] not in LAYERS)]


def imports_from_above(root: Path) -> list[str]:
    found = []
    for path in python_files(root, "explorer"):
        layer = explorer_parts(path, root)[0]
        used = {name.split(".")[1] for name in imported_modules(path, root) if name.startswith("explorer.")}
        if layer in LAYERS and used - LAYERS[layer]:
            found.append(offence(path, root, f"{layer} may not import {sorted(used - LAYERS[layer])}"))
    return found


def imported_packages(path: Path, root: Path, parent: str) -> set[str]:
    """The packages of `parent` (`explorer.topics`) a file imports: {"shapes"} for `explorer.topics.shapes.story`."""
    return {name.split(".")[2] for name in imported_modules(path, root)
            if name.startswith(parent + ".") and len(name.split(".")) > 2}


def topics_importing_topics(root: Path) -> list[str]:
    found = []
    for path in python_files(root, "explorer/topics"):
        parts = explorer_parts(path, root)
        own = {parts[1]} if len(parts) > 2 else set()  # topics/<topic>/<file>
        if others := imported_packages(path, root, "explorer.topics") - own:
            found.append(offence(path, root, others))
    return found


def other_pages_imported(path: Path, root: Path, own: str | None) -> set[str]:
    """The topics and page UI packages a file of explorer/ui imports, but for those of its own page (`own`)."""
    topics = imported_packages(path, root, "explorer.topics") - {own}
    page_uis = imported_packages(path, root, "explorer.ui") - SHARED_UI - {own}
    return {f"explorer.topics.{name}" for name in topics} | {f"explorer.ui.{name}" for name in page_uis}


def page_ui_beyond_its_own(root: Path) -> list[str]:
    """A file of explorer/ui/<page>/ importing another page's UI or topic."""
    return [offence(path, root, others) for page in sorted(packages(root / "explorer" / "ui") - SHARED_UI)
            for path in python_files(root, f"explorer/ui/{page}") if (others := other_pages_imported(path, root, page))]


def shared_ui_importing_pages(root: Path) -> list[str]:
    """A file of explorer/ui/shared or explorer/ui/server importing a page's UI or any topic."""
    return [offence(path, root, pages) for path in python_files(root, *(f"explorer/ui/{name}" for name in SHARED_UI))
            if (pages := other_pages_imported(path, root, None))]


# Pages off the route that only list what explorer/core holds (the glossary's terms, which every topic links to):
# no topic or UI of their own.
REFERENCE_PAGES = {"glossary"}


def pages_missing_a_part(root: Path) -> list[str]:
    """explorer/ui/<page>/ without explorer/topics/<page>/ or app_pages/<page>.py; an app page without its UI (but
    the reference pages off the route)."""
    ui = packages(root / "explorer" / "ui") - SHARED_UI
    topics = packages(root / "explorer" / "topics")
    scripts = {path.stem for path in (root / "app_pages").glob("*.py")} - REFERENCE_PAGES
    return ([f"explorer/ui/{page}/ has no explorer/topics/{page}/" for page in sorted(ui - topics)]
            + [f"explorer/ui/{page}/ has no app_pages/{page}.py" for page in sorted(ui - scripts)]
            + [f"app_pages/{page}.py has no explorer/ui/{page}/" for page in sorted(scripts - ui)])


def longer_than(paths: list[Path], root: Path, longest: int) -> list[str]:
    lengths = {path: len(path.read_text().splitlines()) for path in paths}
    return [offence(path, root, f"{lines} lines") for path, lines in lengths.items() if lines > longest]


def long_files(root: Path) -> list[str]:
    return longer_than(python_files(root, "explorer", "app_pages", "scripts"), root, LONGEST_FILE)


def long_pages(root: Path) -> list[str]:
    return longer_than(sorted((root / "app_pages").glob("*.py")), root, LONGEST_PAGE)


# Streamlit's documented modules: `import streamlit as st`, its logger and errors, the module of DeltaGenerator (the
# documented type of what st.columns and st.container return), and its testing and components packages with what
# lies below them. Anything else of Streamlit is private, whether or not its name says so (streamlit.runtime.*,
# streamlit.proto.*).
PUBLIC_STREAMLIT = {"streamlit", "streamlit.logger", "streamlit.errors", "streamlit.delta_generator"}
PUBLIC_STREAMLIT_PACKAGES = ("streamlit.testing.v1", "streamlit.components.v1")


def public_streamlit(module: str) -> bool:
    return (module in PUBLIC_STREAMLIT or module.startswith(tuple(f"{p}." for p in PUBLIC_STREAMLIT_PACKAGES))
            or module in PUBLIC_STREAMLIT_PACKAGES) and not any(part.startswith("_") for part in module.split("."))


def private_streamlit(tree: ast.AST) -> set[str]:
    """What a file uses of Streamlit beyond its documented interface: a module of Streamlit that is not public, a
    name with a leading underscore imported from Streamlit, and, in a file that imports Streamlit, any attribute
    with a leading underscore read on anything but `self` or `cls` (`st._config`, `runtime._session_mgr`,
    `session._state`): what a file gets from Streamlit is not typed here, so every such read counts, dunders and
    a class's own members aside."""
    found, imports_streamlit = set(), False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for module in (name for name in modules if name.split(".")[0] == "streamlit"):
                imports_streamlit = True
                found |= set() if public_streamlit(module) else {f"imports {module}"}
                if isinstance(node, ast.ImportFrom):
                    found |= {f"imports {module}.{a.name}" for a in node.names if a.name.startswith("_")}
    return found | {f"reads .{node.attr}" for node in ast.walk(tree) if imports_streamlit
                    and isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.endswith("__")
                    and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))}


def private_streamlit_in_the_app(root: Path) -> list[str]:
    """A file of explorer/, app.py or app_navigation.py using Streamlit's private internals: they change without
    notice between releases (the start-up work used to read runtime._session_mgr and session._state)."""
    paths = python_files(root, "explorer") + [root / name for name in ("app.py", "app_navigation.py")
                                               if (root / name).exists()]
    return [offence(path, root, used) for path in paths if (used := private_streamlit(ast.parse(path.read_text())))]


SERVER_STARTERS = {"scripts.app_process.start_app", "scripts.app_process.launch_chromium"}


def servers_outside_e2e(root: Path) -> list[str]:
    """A test outside tests/e2e that starts a real server or browser: the fast loop (-m "not slow") would run it."""
    return [offence(path, root, starts) for path in python_files(root, "tests")
            if not path.is_relative_to(root / "tests" / "e2e")
            and (starts := imported_modules(path, root) & SERVER_STARTERS)]


def listed(offenders: list[str], rule: str) -> str:
    return f"{rule}; {len(offenders)} offender(s):\n" + "\n".join(offenders)


def test_pages_import_no_torch():
    assert not (found := pages_importing_torch(ROOT)), listed(found, "pages load models through explorer/ui")


def test_library_outside_ui_imports_no_streamlit():
    assert not (found := streamlit_outside_ui(ROOT)), listed(found, "only explorer/ui may speak Streamlit")


def test_every_library_file_lives_in_a_layer():
    assert not (found := files_outside_the_layers(ROOT)), listed(found, "explorer/ holds its layers only")


def test_a_layer_imports_only_the_layers_below_it():
    assert not (found := imports_from_above(ROOT)), listed(found, "a layer imports only the layers below it")


def test_one_topic_never_imports_another():
    assert not (found := topics_importing_topics(ROOT)), listed(
        found, "a need two topics share moves down into core, models or training")


def test_a_pages_ui_imports_only_its_own_topic_the_shared_ui_and_the_layers_below():
    assert not (found := page_ui_beyond_its_own(ROOT)), listed(
        found, "what two pages' UIs share moves into explorer/ui/shared")


def test_the_shared_ui_imports_no_page():
    assert not (found := shared_ui_importing_pages(ROOT)), listed(
        found, "explorer/ui/shared and explorer/ui/server serve every page and know none")


def test_every_page_has_its_ui_package_its_topic_and_its_script():
    assert not (found := pages_missing_a_part(ROOT)), listed(found, "a page is a script, a topic and a UI package")


def test_no_file_holds_more_than_one_job():
    assert not (found := long_files(ROOT)), listed(found, f"over {LONGEST_FILE} lines: split it along its jobs")


def test_every_page_reads_as_a_layout():
    assert not (found := long_pages(ROOT)), listed(
        found, f"a page over {LONGEST_PAGE} lines: move its work into its UI package")


def test_the_app_uses_streamlits_documented_interface_only():
    assert not (found := private_streamlit_in_the_app(ROOT)), listed(
        found, "Streamlit's internals change without notice: use its documented interface (st.*, st.App's lifespan)")


def test_every_test_that_starts_a_server_is_left_out_of_the_fast_loop():
    assert not (found := servers_outside_e2e(ROOT)), listed(found, "a test that starts a server belongs in tests/e2e")


def test_there_is_no_pages_folder_for_streamlit_to_discover():
    assert not (ROOT / "pages").exists()


# Each check shown finding one offender in a made-up repository: (check, file, its text, what the check reports).
OFFENDERS = {
    "torch in a page": (pages_importing_torch, "app_pages/shapes.py", "from torch import nn\n",
                        "app_pages/shapes.py: imports torch"),
    "streamlit below ui": (streamlit_outside_ui, "explorer/models/vae.py", "import streamlit as st\n",
                           "explorer/models/vae.py: imports streamlit"),
    "a loose library file": (files_outside_the_layers, "explorer/helpers.py", "", "explorer/helpers.py"),
    "a layer importing above": (imports_from_above, "explorer/core/data.py", "from explorer.ui import shared\n",
                                "core may not import ['ui']"),
    "a topic importing a topic": (topics_importing_topics, "explorer/topics/shapes/story.py",
                                  "from explorer.topics.vqvae.story import x\n", "story.py: vqvae"),
    "a page's ui importing another's": (page_ui_beyond_its_own, "explorer/ui/shapes/panels.py",
                                        "import explorer.ui.vqvae.loaders\nfrom explorer.topics import vqvae\n",
                                        "panels.py: explorer.topics.vqvae, explorer.ui.vqvae"),
    "a relative import past the page": (page_ui_beyond_its_own, "explorer/ui/shapes/panels.py",
                                        "from ..vqvae import loaders\n", "panels.py: explorer.ui.vqvae"),
    "the shared ui importing a page": (shared_ui_importing_pages, "explorer/ui/shared/cards.py",
                                       "from explorer.ui.shapes.loaders import x\nimport explorer.topics.vqvae\n",
                                       "cards.py: explorer.topics.vqvae, explorer.ui.shapes"),
    "a page without its ui": (pages_missing_a_part, "app_pages/diffusion.py", "",
                              "app_pages/diffusion.py has no explorer/ui/diffusion/"),
    "a ui without its topic": (pages_missing_a_part, "explorer/ui/diffusion/__init__.py", "",
                               "explorer/ui/diffusion/ has no explorer/topics/diffusion/"),
    "a long script": (long_files, "scripts/benchmarks/classroom.py", "pass\n" * (LONGEST_FILE + 1),
                      f"classroom.py: {LONGEST_FILE + 1} lines"),
    "a server outside e2e": (servers_outside_e2e, "tests/unit/test_shapes.py",
                             "from scripts.app_process import start_app\n", "scripts.app_process.start_app"),
    "a private streamlit module": (private_streamlit_in_the_app, "explorer/ui/server/warm_up.py",
                                   "from streamlit.runtime.app_session import AppSessionState\n",
                                   "warm_up.py: imports streamlit.runtime.app_session"),
    "a streamlit object's private attribute": (private_streamlit_in_the_app, "app.py",
                                               "import streamlit as st\n\nst.runtime._session_mgr\n",
                                               "app.py: reads ._session_mgr"),
    "a private name from streamlit": (private_streamlit_in_the_app, "explorer/ui/shared/style.py",
                                      "from streamlit import _config\n", "style.py: imports streamlit._config"),
    "a long page": (long_pages, "app_pages/diffusion.py", "pass\n" * (LONGEST_PAGE + 1),
                    f"diffusion.py: {LONGEST_PAGE + 1} lines"),
}


# A made-up repository that breaks no rule: one page (shapes) with its script, topic and UI, and a browser test.
CLEAN = {"app_pages/shapes.py": "", "explorer/topics/shapes/__init__.py": "", "explorer/ui/shapes/__init__.py": "",
         "explorer/ui/shared/__init__.py": "", "scripts/__init__.py": "",
         "tests/e2e/test_shapes_in_browser.py": "from scripts.app_process import start_app\n"}


@pytest.mark.parametrize("case", OFFENDERS, ids=str)
def test_each_check_finds_its_offender(case, tmp_path):
    check, name, text, reported = OFFENDERS[case]
    for made_up, source in CLEAN.items():
        (tmp_path / made_up).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / made_up).write_text(source)
    assert not check(tmp_path), "the made-up repository breaks no rule before the offender moves in"
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text(text)
    assert reported in "\n".join(found := check(tmp_path)), found
