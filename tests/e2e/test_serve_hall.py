"""The lecture-hall launcher as a teacher runs it: `python scripts/serve_hall.py 2` prints one address, the proxy
behind it answers and pins a browser to a process with its cookie, and Ctrl-C stops every part it started."""

import os
import signal
import subprocess
import sys
import urllib.request
from http.cookiejar import CookieJar

import pytest

from explorer.ui.server.warm_up import WARM_UP_ENV
from scripts.app_process import ROOT, free_port
from scripts.lecture_hall import HAPROXY, REDIS_SERVER, STICKY_COOKIE
from tests.conftest import programs_or_skip

pytestmark = pytest.mark.slow


def children_of(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(child) for child in found]


def test_the_hall_starts_answers_through_the_proxy_and_stops_on_ctrl_c():
    programs_or_skip(REDIS_SERVER, HAPROXY)
    port = free_port()
    hall = subprocess.Popen([sys.executable, "scripts/serve_hall.py", "2", "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True, env={**os.environ, WARM_UP_ENV: "0"})
    try:
        lines = []
        while not any(line.startswith("Open http") for line in lines):
            line = hall.stdout.readline()
            assert line, f"the hall ended before it was ready: {lines}"
            lines.append(line)
        assert f"Open http://127.0.0.1:{port}" in lines[-1] and "2 server process(es)" in "".join(lines)
        parts = children_of(hall.pid)
        assert len(parts) == 4  # Redis, two app servers, the proxy
        cookies = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
        with opener.open(f"http://127.0.0.1:{port}/", timeout=30) as response:
            assert response.status == 200
        assert [cookie.value for cookie in cookies if cookie.name == STICKY_COOKIE] in (["app1"], ["app2"])
        hall.send_signal(signal.SIGINT)
        assert hall.wait(timeout=60) == 0
        assert "Lecture hall stopped." in hall.stdout.read()
        assert all(subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode != 0 for pid in parts)
    finally:
        if hall.poll() is None:
            hall.kill()
