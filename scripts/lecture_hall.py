"""The parts of a lecture hall on one machine (README, "A lecture hall"): Redis for the class tally that the server
processes share, and HAProxy in front of them with cookie-based stickiness, so that a browser's WebSocket stays on
the process that holds its session. scripts/serve_hall.py starts them; the tests start them too."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from explorer.core.redis_tally import REDIS_URL_VARIABLE
from scripts.app_process import free_port, start_app, stop_app, wait_until_healthy

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
    # A busy server answers its health check late, not never: with HAProxy's default (a 2 s check, down after 3
    # misses) a lone process under a class of 80 was marked down and every student got 503s.
    timeout check 20s
    default-server inter 5s fall 6 rise 1
{servers}
"""


def start_haproxy(port: int, server_ports: list[int], folder: Path, address: str = "127.0.0.1") -> subprocess.Popen:
    config = folder / "haproxy.cfg"
    config.write_text(haproxy_config(port, server_ports, address))
    process = subprocess.Popen([HAPROXY, "-f", str(config), "-db"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    wait_for_port(port, process, "haproxy", host=address if address != "0.0.0.0" else "127.0.0.1")
    return process


@dataclass
class Hall:
    url: str  # the one address the class opens
    redis_port: int
    server_ports: list[int]
    servers: list[subprocess.Popen] = field(default_factory=list)
    parts: list[subprocess.Popen] = field(default_factory=list)  # Redis, the servers, the proxy: in starting order


@contextmanager
def running_hall(processes: int, port: int, folder: Path, *, address: str = "127.0.0.1",
                 env: dict[str, str] | None = None, options: tuple[str, ...] = ()) -> Iterator[Hall]:
    """Redis, `processes` app servers sharing its class tally, and the sticky proxy on `port`; all stopped on
    leaving, the last started first. `env`, `options`: more variables and Streamlit options for the servers."""
    hall = Hall(f"http://{address}:{port}", free_port(), [free_port() for _ in range(processes)])
    try:
        hall.parts.append(start_redis(hall.redis_port, folder))
        server_env = {REDIS_URL_VARIABLE: f"redis://127.0.0.1:{hall.redis_port}/0", **(env or {})}
        hall.servers += [start_app(server_port, env=server_env, options=options) for server_port in hall.server_ports]
        hall.parts += hall.servers
        for server_port, server in zip(hall.server_ports, hall.servers, strict=True):
            wait_until_healthy(server_port, server, timeout=300)
        hall.parts.append(start_haproxy(port, hall.server_ports, folder, address))
        yield hall
    finally:
        for part in reversed(hall.parts):
            stop_app(part)
