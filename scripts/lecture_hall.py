"""The parts of a lecture hall on one machine (README, "A lecture hall"): Redis for the class tally that the server
processes share, and HAProxy in front of them with cookie-based stickiness, so that a browser's WebSocket stays on
the process that holds its session. scripts/serve_hall.py starts them; the tests start them too."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

REDIS_SERVER = "redis-server"  # Debian's redis-server package
HAPROXY = "haproxy"  # Debian's haproxy package
STICKY_COOKIE = "explorer_server"  # names the process a browser was sent to first
START_TIMEOUT_S = 20.0


def missing_programs() -> list[str]:
    return [program for program in (REDIS_SERVER, HAPROXY) if shutil.which(program) is None]


def wait_for_port(port: int, process: subprocess.Popen, what: str, timeout: float = START_TIMEOUT_S,
                  host: str = "127.0.0.1") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited early (code {process.returncode})")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"{what} did not answer on port {port} within {timeout:.0f} s")


def start_redis(port: int, folder: Path) -> subprocess.Popen:
    """A Redis that keeps nothing on disk (a tally is worth a lesson, not a backup), on 127.0.0.1 only."""
    process = subprocess.Popen([REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port, process, "redis-server")
    return process


def haproxy_config(port: int, server_ports: list[int], address: str = "127.0.0.1") -> str:
    """Round robin for a new browser, then the cookie keeps it on its process: a Streamlit session lives in one
    process, and its WebSocket must reach that one (the tunnel timeout lets it stay open through a lesson)."""
    servers = "\n".join(f"    server app{number} 127.0.0.1:{server_port} cookie app{number} check"
                        for number, server_port in enumerate(server_ports, start=1))
    return f"""global
    maxconn 4096

defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout tunnel 4h

frontend hall
    bind {address}:{port}
    default_backend explorer

backend explorer
    balance roundrobin
    cookie {STICKY_COOKIE} insert indirect nocache
    option httpchk GET /_stcore/health
{servers}
"""


def start_haproxy(port: int, server_ports: list[int], folder: Path, address: str = "127.0.0.1") -> subprocess.Popen:
    config = folder / "haproxy.cfg"
    config.write_text(haproxy_config(port, server_ports, address))
    process = subprocess.Popen([HAPROXY, "-f", str(config), "-db"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    wait_for_port(port, process, "haproxy", host=address if address != "0.0.0.0" else "127.0.0.1")
    return process


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
