"""What must not creep back into the repository: stray build folders, drifting requirement files."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def requirements(path: Path) -> list[str]:
    """The package lines of a requirements file: no comments, options or includes."""
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("-")]


def test_the_cloud_requirements_list_the_same_packages_as_the_local_ones():
    assert requirements(ROOT / "requirements-cloud.txt") == requirements(ROOT / "requirements.txt")


def test_no_hidden_build_folder_is_tracked():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    hidden = {Path(name).parts[0] for name in tracked.splitlines() if Path(name).parts[0].startswith(".")}
    assert hidden <= {".ci", ".gitignore", ".streamlit"}, f"stray folders tracked: {hidden}"
    nested = [name for name in tracked.splitlines() if "/." in name and not name.startswith((".ci/", ".streamlit/"))]
    assert not nested, f"hidden files inside tracked folders: {nested[:5]}"


def test_the_browser_tests_write_their_screenshots_where_git_ignores_them():
    from tests.e2e.conftest import TEST_SCREENSHOTS

    ignored = subprocess.run(["git", "check-ignore", "-q", str(TEST_SCREENSHOTS / "home.png")], cwd=ROOT)
    assert ignored.returncode == 0, "every test run would change tracked screenshots"
