"""The Diffusion page's samples at its default settings, made when the app is built and shipped with it.

Sampling 16 digits is the slowest thing any page does on its first open (seconds on a fresh 2-core server), and
the teacher opening the page in front of a class would wait for it. These are the shipped networks' own output,
made by the page's own code (run_pixels, run_latents); the manifest records the sha256 of the networks they came
from, and they are used only while those files are unchanged, so a retrain cannot leave old pictures behind.
Built by `python scripts/train_pretrained.py --only diffusion_samples`.
"""

from __future__ import annotations

import logging
from dataclasses import asdict

import numpy as np

from explorer.checkpoints.store import MissingGroupError, PretrainedFileError, PretrainedStore
from explorer.core.images import to_uint8
from explorer.topics.diffusion.logic import LatentRun, PixelRun, ReverseFrames

GROUP = "diffusion_samples"
FILE = "default_samples.npz"
NETWORKS = ("unet", "vae", "latent_denoiser")  # the diffusion group's roles the samples come from
RUNS = {"pixel": PixelRun(), "latent": LatentRun()}  # the page's defaults

log = logging.getLogger(__name__)

Shipped = dict[PixelRun | LatentRun, ReverseFrames]


def frames_to_arrays(name: str, frames: ReverseFrames) -> dict[str, np.ndarray]:
    """The frames as the page draws them, bytes (to_uint8), and the samples as they came, for scoring."""
    return {f"{name}_steps": np.asarray(frames.steps, np.int64), f"{name}_noisy": to_uint8(frames.noisy),
            f"{name}_predicted": to_uint8(frames.predicted), f"{name}_samples": frames.samples.astype(np.float32)}


def frames_from_arrays(name: str, arrays: dict[str, np.ndarray], network_calls: int, seconds: float) -> ReverseFrames:
    return ReverseFrames(steps=[int(t) for t in arrays[f"{name}_steps"]],
                         noisy=arrays[f"{name}_noisy"].astype(np.float32) / 255,
                         predicted=arrays[f"{name}_predicted"].astype(np.float32) / 255,
                         samples=arrays[f"{name}_samples"], network_calls=network_calls, seconds=seconds,
                         made_at_build=True)


def made_from(store: PretrainedStore) -> dict[str, str]:
    """The sha256 of each network the samples come from, as the manifest lists it now."""
    diffusion = store.group("diffusion")
    files = (store.model_info(diffusion[role])["file"] for role in NETWORKS)
    return {file: store.manifest["files"][file]["sha256"] for file in files}


def group_info(results: dict[str, ReverseFrames], schedule: str, store: PretrainedStore, threads: int) -> dict:
    """What the manifest records of the build: settings, the networks' hashes, and each run's time on how many
    CPU threads."""
    return {"file": f"{GROUP}/{FILE}", "schedule": schedule, "made_from": made_from(store), "threads": threads,
            "runs": {name: {"settings": asdict(RUNS[name]), "network_calls": frames.network_calls,
                            "seconds": round(frames.seconds, 3)} for name, frames in results.items()}}


def load_shipped_samples(store: PretrainedStore) -> Shipped:
    """The shipped samples by their settings; none when they were not built, are damaged, or come from other
    networks than the ones shipped now (the page then makes them as for any other setting)."""
    try:
        info = store.group(GROUP)
        if info["made_from"] != made_from(store) or info["schedule"] != store.group("diffusion")["schedule"]:
            log.warning("The shipped diffusion samples come from other networks; rebuild them with: "
                        "python scripts/train_pretrained.py --only %s", GROUP)
            return {}
        arrays = store.load_arrays(info["file"])
        return {RUNS[name]: frames_from_arrays(name, arrays, run["network_calls"], run["seconds"])
                for name, run in info["runs"].items() if run["settings"] == asdict(RUNS[name])}
    except MissingGroupError:
        return {}
    except (PretrainedFileError, KeyError) as exc:
        log.warning("The shipped diffusion samples cannot be used (%s); the page makes them instead", exc)
        return {}
