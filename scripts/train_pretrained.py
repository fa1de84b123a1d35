"""Rebuild pretrained/ from the bundled MNIST-5k data, deterministically.

    python scripts/train_pretrained.py                      # every group (minutes on a CPU)
    python scripts/train_pretrained.py --only bottleneck    # one group; the others stay as they are
    python scripts/train_pretrained.py --tiny --out DIR     # a seconds-long build for tests
    python scripts/train_pretrained.py --only diffusion --measure  # measure the shipped files again, no training

Each group is one folder of pretrained/. Everything is seeded and built on the CPU; the
manifest records each model's config, data set, seed, training settings and test metrics, and
the sha256 of every file.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from explorer.checkpoints.store import MANIFEST_NAME, PRETRAINED_DIR, PretrainedStore  # noqa: E402
from explorer.checkpoints.writing import write_manifest  # noqa: E402
from explorer.core.data import BUNDLED, SPLIT_SEED, load_bundled_mnist  # noqa: E402
from explorer.core.runtime import pick_device  # noqa: E402
from explorer.training.live import torch_threads  # noqa: E402
from scripts.pretrained_groups import GROUPS, MEASURES  # noqa: E402
from scripts.pretrained_groups.common import BuildContext, log, tiny_data  # noqa: E402

# torch's sums come out in another order with another number of threads, so the bits of a build depend
# on it: pinned, a build repeats whatever the process (or the machine's core count) set before.
BUILD_THREADS = 1
STAGING = ".staging"  # groups being built: .gitignore keeps it out of commits, the manifest skips hidden folders


def previous_manifest(out: Path) -> dict:
    """The manifest already in `out`, or an empty one: a partial rebuild keeps the other groups."""
    try:
        manifest = json.loads((out / MANIFEST_NAME).read_text())
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def build_group(name: str, out: Path, data, device, tiny: bool) -> dict:
    """Build one group in a staging folder and swap it in only when the whole group succeeded."""
    (out / STAGING).mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=out / STAGING))
    try:
        section = GROUPS[name](BuildContext(group=name, folder=staging, data=data, device=device, tiny=tiny,
                                              out=out))
        staging.chmod(0o755)  # mkdtemp makes it private; the shipped folder is for everyone to read
        for path in staging.iterdir():
            path.chmod(0o644)
        target = out / name
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        with contextlib.suppress(OSError):  # still in use by a concurrent build of another group
            (out / STAGING).rmdir()
    return section


def build(out: Path, groups: list[str], *, tiny: bool, device) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    data = load_bundled_mnist()
    data = tiny_data(data) if tiny else data
    manifest: dict = {}
    for name in groups:
        with torch_threads(BUILD_THREADS):
            section = build_group(name, out, data, device, tiny)
        # Read the manifest again: another build of other groups may have written it meanwhile.
        manifest = previous_manifest(out)
        manifest["dataset"] = {"name": BUNDLED, "train": len(data.train_images), "test": len(data.test_images),
                               "split_seed": SPLIT_SEED}
        manifest["models"] = {k: v for k, v in manifest.get("models", {}).items() if v.get("group") != name}
        manifest["models"].update(section["models"])
        manifest["groups"] = manifest.get("groups", {}) | {name: section["info"]}
        manifest = write_manifest(out, manifest)  # after every group, so an interrupted build keeps what it made
    return manifest


def measure(out: Path, groups: list[str]) -> dict:
    """Measure again what each group's info records of its shipped files alone, without retraining: only the
    manifest changes."""
    store = PretrainedStore(out)
    groups_info = store.manifest["groups"]
    for name in groups:
        groups_info[name] = store.group(name) | MEASURES[name](store)
    return write_manifest(out, store.manifest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=PRETRAINED_DIR, help="folder to (re)build")
    parser.add_argument("--only", nargs="+", choices=sorted(GROUPS), help="rebuild just these groups")
    parser.add_argument("--tiny", action="store_true", help="a seconds-long build for tests")
    parser.add_argument("--measure", action="store_true",
                        help=f"with --only: measure the groups' shipped files again without retraining "
                             f"({', '.join(sorted(MEASURES))})")
    parser.add_argument("--device", default="cpu",
                        help="cpu (default: the shipped files are built on the CPU so they repeat), cuda or mps")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if args.tiny and args.out.resolve() == PRETRAINED_DIR.resolve():
        parser.error("--tiny would overwrite the shipped models: give --out")
    groups = args.only or list(GROUPS)
    if args.measure:
        if not args.only or not set(groups) <= set(MEASURES):
            parser.error(f"--measure needs --only and groups that measure their files: {', '.join(sorted(MEASURES))}")
        measure(args.out, groups)
        log.info("measured %s again: only %s changed", ", ".join(groups), MANIFEST_NAME)
        return 0
    manifest = build(args.out, groups, tiny=args.tiny, device=pick_device(args.device))
    log.info("built %s: %d models listed, %d files", ", ".join(groups), len(manifest["models"]),
             len(manifest["files"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
