"""Start and stop a real `streamlit run` server and a headless Chromium: for e2e tests and bench.py."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_SCRIPT = ROOT / "app_navigation.py"  # the script each visit runs, for AppTest; `streamlit run` takes app.py
CHROMIUM = os.environ.get("EXPLORER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(port: int, script: str = "app.py", cwd: Path = ROOT, env: dict[str, str] | None = None,
              cpu_core: int | None = None, options: tuple[str, ...] = ()) -> subprocess.Popen:
    """`streamlit run` on 127.0.0.1:`port`; `env`: variables added to this process's; `cpu_core`: the one core it
    may use (Linux's taskset), as on a small hosted server; `options`: more `--section.option value` arguments."""
    pinned = ["taskset", "-c", str(cpu_core)] if cpu_core is not None else []
    command = [*pinned, sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *options]
    return subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, **(env or {})})


def wait_until_healthy(port: int, process: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{process.stdout.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"streamlit did not answer on port {port} within {timeout:.0f} s")


START_UP_REPORT = "Start-up: filled "  # the line explorer/ui/server/warm_up.py logs when its start-up work is done


def wait_for_start_up_visit(process: subprocess.Popen, timeout: float = 600.0) -> str:
    """The server's report of its start-up work (what follows START_UP_REPORT), once it has logged it."""
    found: list[str] = []

    def read_output() -> None:
        for line in iter(process.stdout.readline, b""):
            text = line.decode(errors="replace")
            if START_UP_REPORT in text:
                found.append(text.split(START_UP_REPORT, 1)[1].strip())
                return

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    reader.join(timeout)
    if not found:
        raise TimeoutError(f"the server did not report its start-up work within {timeout:.0f} s")
    return found[0]


def stop_app(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# Streamlit marks its root element with the state of the script run and of the connection. Its
# "Running..." status widget is no such signal: it shows only once a run has lasted 500 ms, so a page
# without it may still be receiving the run's elements (and their images, which push what is below).
APP_IDLE = "[data-testid=stApp][data-test-script-state=notRunning][data-test-connection-state=CONNECTED]"

# True once the run has ended, every element is drawn, every image has loaded, and the main area's layout (the
# position and size of every element) has stayed the same for `stillMs`: late images, a custom component sizing
# itself or an expander opening move what is below them, and a click or a stroke by coordinates would then miss.
# "Drawn": Streamlit shows a grey placeholder (stSkeleton) for an element until the browser has loaded and run the
# code that draws its kind (Plotly's, for one), which on a new tab can end a second after the run; its pictures
# are not in the page before, so "every image loaded" alone would already hold.
PAGE_SETTLED = """([idle, stillMs]) => {
  const main = document.querySelector('[data-testid=stMain]');
  const ready = document.querySelector(idle) && main && !document.querySelector('[data-testid=stSkeleton]')
      && [...document.images].every(img => img.complete);
  const layout = ready ? [main.scrollHeight, ...Array.from(main.querySelectorAll('[data-testid=stElementContainer]'),
      e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].join(','); })].join(';') : null;
  const now = performance.now(), last = window.__explorerLayout;
  if (!layout || !last || last.layout !== layout) { window.__explorerLayout = {layout, since: now}; return false; }
  return now - last.since >= stillMs;
}"""


def wait_for_app(page, timeout: float = 60_000, still_ms: int = 300) -> None:
    """Until the script run has ended, every image on the page has loaded and nothing has moved for `still_ms`.

    It says nothing about a rerun that has not begun yet: after a click that reruns the script, first wait
    for something only the new run shows (its text), then for this.
    """
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout)
    page.evaluate("window.__explorerLayout = null")
    page.wait_for_function(PAGE_SETTLED, arg=[APP_IDLE, still_ms], polling=50, timeout=timeout)


def open_deeper(page, timeout: float = 120_000) -> None:
    """Open the page's "Go deeper" section as a student does, a click on its heading, and wait until what it runs
    only once opened (explorer/ui/shared/anatomy.py) is drawn."""
    from explorer.ui.shared.anatomy import DEEPER_KEY

    section = page.locator(f"[data-testid=stMain] .st-key-{DEEPER_KEY}")  # Streamlit's class for a keyed element
    section.locator("summary").click()
    section.locator("[data-testid=stElementContainer]").first.wait_for(timeout=timeout)
    wait_for_app(page, timeout=timeout)


def resident_mb(pid: int) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")
