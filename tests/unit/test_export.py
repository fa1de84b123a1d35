"""The pages' downloads: each GIF decodes with Pillow, has the frames and size it should and stays under
2 MB even on the worst case for compression (pure noise); each PNG decodes."""

from __future__ import annotations

import io

import numpy as np
import pytest
import torch
from PIL import Image

from explorer.core.animation import CAPTION_HEIGHT, gif_bytes, grid_png, png_bytes, side_by_side
from explorer.models import MLPVAE, MLPVAEConfig
from explorer.topics.bottleneck.export import rows_png
from explorer.topics.bottleneck.logic import Comparison
from explorer.topics.diffusion.export import forward_gif, reverse_gif, samples_png
from explorer.topics.diffusion.logic import ReverseFrames, forward_frames
from explorer.topics.latent_map.export import walk_file_name, walk_gif
from explorer.topics.loss_balance.export import WALK_DIMENSIONS, WALK_VALUES, beta_sweep_gif, code_walk_gif
from explorer.topics.loss_balance.references import ReferenceRun

LIMIT = 2 * 1024 * 1024
rng = np.random.default_rng(0)


def noise(*shape: int) -> np.ndarray:
    return rng.random(shape, dtype=np.float32)


def opened(data: bytes, kind: str = "GIF") -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == kind
    return image


def test_a_gif_has_one_frame_per_picture_loops_and_is_enlarged():
    image = opened(gif_bytes([noise(28, 28) for _ in range(5)], factor=4, captions=list("abcde")))
    assert image.n_frames == 5 and image.size == (112, 112 + CAPTION_HEIGHT)
    assert image.info["loop"] == 0


def test_a_gif_keeps_its_pixels_sharp():
    frame = np.zeros((28, 28), np.float32)
    frame[3, 5] = 1.0
    grey = np.asarray(opened(gif_bytes([frame], factor=3)).convert("L"))
    assert grey[9:12, 15:18].min() == 255 and grey[8, 15] == 0 and grey[9, 14] == 0  # one pixel: a 3 x 3 block


def test_a_gif_needs_frames_and_one_caption_each():
    with pytest.raises(ValueError, match="at least one frame"):
        gif_bytes([])
    with pytest.raises(ValueError, match="2 captions for 1 frames"):
        gif_bytes([noise(28, 28)], captions=["a", "b"])


def test_pngs_decode_at_their_size():
    assert opened(png_bytes(noise(28, 28), factor=2), "PNG").size == (56, 56)
    assert opened(grid_png(noise(16, 1, 28, 28), columns=4, factor=1), "PNG").size == (4 * 30 - 2, 4 * 30 - 2)
    assert side_by_side(noise(28, 28), noise(10, 5)).shape == (28, 35)


def test_the_forward_diffusion_gif():
    frames = forward_frames(noise(28, 28), "linear")
    data = forward_gif(frames)
    image = opened(data)
    assert image.n_frames == len(frames.steps) and image.size == (168, 168 + CAPTION_HEIGHT)
    assert len(data) < LIMIT


def reverse_frames(kept: int = 30, count: int = 16) -> ReverseFrames:
    return ReverseFrames(steps=list(range(kept, 0, -1)), noisy=noise(kept, count, 28, 28),
                         predicted=noise(kept, count, 28, 28), samples=noise(count, 28, 28), network_calls=kept,
                         seconds=1.0)


def test_the_reverse_diffusion_gif_of_pure_noise_stays_under_2_mb():
    data = reverse_gif(reverse_frames())
    image = opened(data)
    assert image.n_frames == 31  # the kept steps, then the samples
    assert image.size == (2 * (2 * 118 + 2), 2 * 118 + CAPTION_HEIGHT)
    assert len(data) < LIMIT
    assert opened(samples_png(reverse_frames(2)), "PNG").size == (4 * 118, 4 * 118)


def test_the_latent_map_walk_gif_goes_there_and_back():
    decodes = {"ae": noise(9, 1, 28, 28), "vae": noise(9, 1, 28, 28)}
    data = walk_gif(decodes, 3, 4)
    image = opened(data)
    assert image.n_frames == 9 + 7 and image.size == (5 * 58, 5 * 28 + CAPTION_HEIGHT)
    assert len(data) < LIMIT and walk_file_name("2", 3, 4) == "latent_walk_k2_3_to_4.gif"


def test_the_beta_sweep_gif_has_one_frame_per_shipped_run():
    runs = [ReferenceRun(beta=beta, name=f"run{beta}", curves={}, reconstructions=noise(8, 1, 28, 28),
                         samples=noise(8, 1, 28, 28), kl_per_dim=noise(16)) for beta in (0.1, 1.0, 4.0)]
    data = beta_sweep_gif(runs, noise(8, 1, 28, 28))
    image = opened(data)
    assert image.n_frames == 3 and image.size == (3 * 238, 3 * 88 + CAPTION_HEIGHT)
    assert len(data) < LIMIT


def test_the_code_walk_gif_has_one_frame_per_value():
    torch.manual_seed(0)
    model = MLPVAE(MLPVAEConfig(latent_dim=16, beta=1.0)).eval()
    data = code_walk_gif(model, np.zeros(16, np.float32), noise(16))
    image = opened(data)
    assert image.n_frames == len(WALK_VALUES) and image.size == (3 * (WALK_DIMENSIONS * 30 - 2), 84 + CAPTION_HEIGHT)
    assert len(data) < LIMIT


def test_the_bottleneck_rows_png():
    result = Comparison(k=4, indices=np.arange(8), labels=np.arange(8), originals=noise(8, 1, 28, 28),
                        ae=noise(8, 1, 28, 28), pca=noise(8, 1, 28, 28), ae_mse=noise(8), pca_mse=noise(8))
    assert opened(rows_png(result), "PNG").size == (4 * 238, 4 * 88)
