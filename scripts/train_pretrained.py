"""Rebuild pretrained/ from the bundled MNIST-5k data, deterministically.

    python scripts/train_pretrained.py                # the shipped models (minutes on a CPU)
    python scripts/train_pretrained.py --tiny --out DIR   # a fast, tiny build for tests

Everything is seeded; the manifest records each model's config, data set,
seed, training settings, test metrics, and the sha256 of every file.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from explorer.checkpoints import PRETRAINED_DIR, model_record, save_model, write_manifest  # noqa: E402
from explorer.data import BUNDLED, SPLIT_SEED, DigitData, load_bundled_mnist  # noqa: E402
from explorer.models import ConvAE, ConvAEConfig  # noqa: E402
from explorer.pca import fit_pca, pca_reconstruct  # noqa: E402
from explorer.runtime import pick_device, seed_everything  # noqa: E402
from explorer.train import EpochReport, TrainConfig, fit, pixel_errors  # noqa: E402

log = logging.getLogger("train_pretrained")


@dataclass(frozen=True)
class BuildPlan:
    bottleneck_ks: tuple[int, ...]
    train: TrainConfig
    train_limit: int | None  # use only the first N training images (tiny builds)
    test_limit: int | None


FULL = BuildPlan(
    bottleneck_ks=(2, 4, 8, 16, 32, 64),
    train=TrainConfig(epochs=40, batch_size=64, lr=2e-3, seed=0, max_shift=2),
    train_limit=None,
    test_limit=None,
)
TINY = BuildPlan(
    bottleneck_ks=(4, 16),  # 16: the home page draws with ae_k16
    train=TrainConfig(epochs=1, batch_size=64, lr=2e-3, seed=0),
    train_limit=256,
    test_limit=100,
)


def limited(data: DigitData, plan: BuildPlan) -> DigitData:
    return DigitData(
        name=data.name,
        train_images=data.train_images[: plan.train_limit],
        train_labels=data.train_labels[: plan.train_limit],
        test_images=data.test_images[: plan.test_limit],
        test_labels=data.test_labels[: plan.test_limit],
        class_names=data.class_names,
    )


def build_pca(data: DigitData, ks: tuple[int, ...], out: Path) -> dict:
    """One basis of max(ks) components serves every k; metrics at each k on the test split."""
    basis = fit_pca(data.train_images, max(ks))
    np.savez(out / "pca.npz", mean=basis.mean, components=basis.components,
             explained_variance=basis.explained_variance)
    metrics = {}
    for k in ks:
        errors = pixel_errors(pca_reconstruct(basis, data.test_images, k), data.test_images)
        metrics[str(k)] = {"test_mse": errors["mse"], "test_bce": errors["bce"]}
        log.info("PCA k=%d: test MSE %.5f", k, errors["mse"])
    return {"file": "pca.npz", "max_k": max(ks), "fitted_on": f"{data.name} train split", "metrics": metrics}


def train_model(model_factory, name: str, data: DigitData, config: TrainConfig, device, out: Path) -> dict:
    seed_everything(config.seed)
    model = model_factory()

    def on_epoch(report: EpochReport) -> None:
        log.info("%s epoch %d/%d: train loss %.2f, test loss %.2f, test MSE %.5f (%.0f img/s)",
                 name, report.epoch, report.epochs, report.train["loss"], report.test["loss"],
                 report.test["mse"], report.images_per_second)

    history = fit(model, data.train_images, data.test_images, config, device=device, on_epoch=on_epoch)
    file = f"{name}.safetensors"
    save_model(model, out / file)
    test = history.last.test
    metrics = {"test_mse": test["mse"], "test_bce": test["bce"], "test_loss": test["loss"]}
    return model_record(model, file=file, dataset=data.name, seed=config.seed,
                        train=asdict(config), metrics=metrics)


def build(plan: BuildPlan, out: Path, device: torch.device) -> dict:
    data = limited(load_bundled_mnist(), plan)
    manifest = {
        "dataset": {"name": BUNDLED, "train": len(data.train_images), "test": len(data.test_images),
                    "split_seed": SPLIT_SEED},
        "models": {},
        "pca": build_pca(data, plan.bottleneck_ks, out),
        "bottleneck": {"ae_models": {}},
    }
    for k in plan.bottleneck_ks:
        name = f"ae_k{k}"
        manifest["models"][name] = train_model(
            lambda k=k: ConvAE(ConvAEConfig(latent_dim=k)), name, data, plan.train, device, out)
        manifest["bottleneck"]["ae_models"][str(k)] = name
    write_manifest(out, manifest)
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=PRETRAINED_DIR, help="folder to (re)build")
    parser.add_argument("--tiny", action="store_true", help="a seconds-long build for tests")
    parser.add_argument("--device", default="cpu",
                        help="cpu (default: the shipped files are built on the CPU so they repeat), cuda or mps")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if args.tiny and args.out.resolve() == PRETRAINED_DIR.resolve():
        parser.error("--tiny would overwrite the shipped models: give --out")
    device = pick_device(args.device)
    # Build beside the target and swap in at the end, so a failed run leaves the old files whole.
    args.out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pretrained-", dir=args.out.parent))
    try:
        manifest = build(TINY if args.tiny else FULL, staging, device)
        staging.chmod(0o755)  # mkdtemp makes it private; the shipped folder is for everyone to read
        for path in staging.iterdir():
            path.chmod(0o644)
        if args.out.exists():
            shutil.rmtree(args.out)
        staging.rename(args.out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("wrote %d files to %s", len(manifest["models"]) + 1, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
