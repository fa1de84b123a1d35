"""Benchmarks of the app as a student meets it; prints JSON of medians over several runs.

    python scripts/bench.py [--runs 5] [--only startup bottleneck ...]

- startup: process start to the home page rendered in headless Chromium, with the start-up work, without it
  and with Home's only, beside the same figure for a bare Streamlit page that only imports torch and writes a
  line (same run); and the server's resident memory after opening the home and Bottleneck pages, beside a bare
  `python -c 'import torch'`;
- bottleneck: server time of the Bottleneck page's script run after moving k (AppTest, warm caches);
- live_decode: the Latent map's decode in the browser (Chromium): one decode, a whole render, renders per second
  while the pointer sweeps, the weights' bytes, the page's first open with and without them cached;
- diffusion: DDIM 50 steps (pixel U-Net) and DDPM 1,000 steps (latent MLP) for 16 images each;
- loss_balance: the first epoch on screen after moving β (browser), the default run's time to within
  10% of its converged test loss (warm and cold start), and in-app training throughput beside the bare loop;
- vae_posterior: server time of opening Inside the VAE, a click on a dot, and "Draw another ε";
- vqvae: server time of opening the VQ-VAE page and of a cell edit (a whole script run: an upper bound).
- inside_network: server time of opening the Inside the network page and of each of its controls;
- sparse_codes: server time of opening the Sparse codes page and of each of its controls;
- shapes: server time of opening the Shapes page, of each control, and of a live run's first epoch on screen;
- export: time and size of each download (GIFs and PNGs) built from what the page already shows.
- first_open: each page's first open in the browser on a fresh server and on one up for 30 s, split into the
  browser's start, the server's run and the drawing, against its floor: a bare Streamlit page with one element
  of each kind the page draws (Plotly, pictures, sliders, popovers, the drawing canvas...), same run;
- server_first_open: the server's part of each page's first open (AppTest, a fresh process per open, after the
  start-up work), a second session's open, and the memory the first open added;
- own_dataset_upload: reading a 5,000-picture zip of 28 x 28 PNGs as a student's own data set, both placements;
- classroom: a class without browsers (Streamlit's agent API) against a server pinned to one CPU core: N = 10,
  30 and 60 at a lesson's pace and 30 in a rush; light and heavy actions apart, errors, crossed sessions, memory.
- classroom_browsers: 30 browser sessions against a server pinned to one CPU core: errors, median and slowest
  response, the server's peak memory, the place in line of waiting β runs, a leaver's slot freed.
- hall: 1 and 2 server processes behind the sticky proxy: light actions served per second at the same p95,
  a Redis outage mid-class, and the CPU seconds per action the capacity table is planned from.
- light_costs: the server's CPU seconds for each light action of the lesson route (opening a page, moving a
  control, answering its card; agent API, warm caches), page by page, and their mean weighted as the lesson does.
- memory_profile: a class of 10 in a rush on a server tracing its allocations (tracemalloc): the sites that grew
  during the class and those left after every session expired, and the memory glibc gave back when asked.
- own_dataset_training: Your data set, from pressing Train on the example shapes to the first epoch on screen
  (browser).

Timings are measurements, not assertions: the machine is shared and noisy, so quote medians.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.benchmarks import BENCHMARKS  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each measurement (default 5)")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), help="run just these benchmarks")
    args = parser.parse_args(argv)
    results = {"runs": args.runs}
    for name in args.only or list(BENCHMARKS):
        results[name] = BENCHMARKS[name](args.runs)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
