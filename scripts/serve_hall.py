"""A lecture hall on one machine: `python scripts/serve_hall.py N` starts Redis, N app server processes sharing
its class tally, and HAProxy in front of them with cookie stickiness, prints the one address to give the class,
and stops everything on Ctrl-C (README, "A lecture hall"). Needs Debian's redis-server and haproxy."""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from the repository root

from scripts.lecture_hall import missing_programs, running_hall  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("processes", type=int, help="app server processes (about one per core)")
    parser.add_argument("--port", type=int, default=8501, help="the port the class opens (default 8501)")
    parser.add_argument("--address", default="127.0.0.1",
                        help="where the proxy listens: 0.0.0.0 for a class on the local network")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("a hall needs at least one server process")
    if missing := missing_programs():
        print(f"Install {' and '.join(missing)} first (sudo apt-get install redis-server haproxy).", file=sys.stderr)
        return 2
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C stops the hall, even if started in the background
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # and so does a plain kill
    try:
        with tempfile.TemporaryDirectory(prefix="explorer-hall-") as folder, \
                running_hall(args.processes, args.port, Path(folder), address=args.address) as hall:
            print(f"Lecture hall: {args.processes} server process(es) on ports "
                  f"{', '.join(map(str, hall.server_ports))}, the class tally in Redis on port {hall.redis_port}.\n"
                  f"Open {hall.url} (Ctrl-C stops everything).", flush=True)
            try:
                while all(part.poll() is None for part in hall.parts):
                    time.sleep(1)
            except KeyboardInterrupt:
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
                return 0
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            print("A part of the hall stopped on its own: stopping the rest.", file=sys.stderr)
            return 1
    except KeyboardInterrupt:  # while it was starting
        return 0
    finally:
        print("Lecture hall stopped.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
