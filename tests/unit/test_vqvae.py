"""The VQ-VAE's quantiser, model, prior and grid logic, on small hand-made cases."""

import io
import math

import numpy as np
import pytest
import torch
from PIL import Image

from explorer.checkpoints.store import PretrainedStore
from explorer.checkpoints.writing import model_record, save_model, write_manifest
from explorer.core.data import load_bundled_mnist
from explorer.core.neighbours import nearest_mse
from explorer.models import VQVAE, TokenPrior, TokenPriorConfig, VQVAEConfig
from explorer.models.digit_judge import JudgeScores
from explorer.models.vector_quantiser import VectorQuantiser, nearest, squared_distances, straight_through
from explorer.topics.vqvae import editing
from explorer.topics.vqvae.bits import png_bits
from explorer.topics.vqvae.logic import (
    bits_per_image,
    checked,
    decode_grids,
    distances,
    encode,
    filled,
    patch,
    patches_of,
    swap,
    uniform_grids,
    usage,
)
from explorer.topics.vqvae.prior import Closeness
from explorer.topics.vqvae.story import closeness_sentence, prior_sentence

CODEBOOK = torch.tensor([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0]])
VECTORS = torch.tensor([[0.9, 0.1], [0.1, 1.2], [-0.2, -0.1]])
# Squared distances worked out by hand, row by row: (x - a)^2 + (y - b)^2 to each entry.
BY_HAND = [[0.81 + 0.01, 0.01 + 0.01, 0.81 + 3.61],
           [0.01 + 1.44, 0.81 + 1.44, 0.01 + 0.64],
           [0.04 + 0.01, 1.44 + 0.01, 0.04 + 4.41]]


def small_quantiser() -> VectorQuantiser:
    quantiser = VectorQuantiser(3, 2).eval()
    quantiser.codebook.copy_(CODEBOOK)
    return quantiser


def as_grid(vectors: torch.Tensor) -> torch.Tensor:
    """M x D vectors -> 1 x D x 1 x M, the layout the quantiser takes."""
    return vectors.T[None, :, None, :]


def test_the_quantiser_picks_the_nearest_entry_as_worked_out_by_hand():
    torch.testing.assert_close(squared_distances(VECTORS, CODEBOOK), torch.tensor(BY_HAND))
    assert nearest(VECTORS, CODEBOOK).tolist() == [1, 2, 0]
    quantised = small_quantiser()(as_grid(VECTORS))
    assert quantised.tokens.flatten().tolist() == [1, 2, 0]
    torch.testing.assert_close(quantised.vectors[0, :, 0].T, CODEBOOK[[1, 2, 0]])
    # the commitment term: the squared distance of each vector to its own entry, summed over the cells
    torch.testing.assert_close(quantised.commitment, torch.tensor([0.02 + 0.65 + 0.05]))
    np.testing.assert_allclose(distances(VECTORS[1].numpy(), CODEBOOK.numpy()), np.sqrt(BY_HAND[1]), rtol=1e-6)


def test_the_gradient_goes_straight_through_the_lookup():
    z_e = VECTORS.clone().requires_grad_(True)
    weights = torch.tensor([[1.0, -2.0], [3.0, 0.5], [-1.0, 4.0]])
    (straight_through(z_e, CODEBOOK[[1, 2, 0]]) * weights).sum().backward()
    torch.testing.assert_close(z_e.grad, weights)  # as if the lookup were not there

    z_e = as_grid(VECTORS).clone().requires_grad_(True)
    quantised = small_quantiser()(z_e)
    (quantised.vectors * as_grid(weights)).sum().backward()
    torch.testing.assert_close(z_e.grad, as_grid(weights))
    assert not small_quantiser().codebook.requires_grad  # the codebook learns by its moving average, not by gradient


def test_the_commitment_loss_pulls_the_encoder_towards_its_entry():
    z_e = as_grid(VECTORS).clone().requires_grad_(True)
    small_quantiser()(z_e).commitment.sum().backward()
    torch.testing.assert_close(z_e.grad, 2 * (as_grid(VECTORS) - as_grid(CODEBOOK[[1, 2, 0]])))


def test_the_moving_average_moves_an_entry_towards_its_vectors_and_restarts_unused_ones():
    torch.manual_seed(0)
    quantiser = VectorQuantiser(3, 2, ema_decay=0.5, restart_below=0.6).train()
    quantiser.initialised.fill_(True)
    quantiser.codebook.copy_(CODEBOOK)
    quantiser.cluster_sum.copy_(CODEBOOK)
    quantiser.cluster_size.fill_(1.0)
    batch = torch.tensor([[0.9, 0.1], [1.1, -0.1], [0.0, 0.1]])  # two near entry 1, one near entry 0, none near 2
    quantiser(as_grid(batch))
    assert torch.linalg.norm(quantiser.codebook[1] - torch.tensor([1.0, 0.0])) < 0.05
    # entry 2 was chosen by no one: it is moved onto one of the batch's vectors
    assert any(torch.allclose(quantiser.codebook[2], vector) for vector in batch)


def test_usage_counts_perplexity_and_dead_codes():
    tokens = np.array([[0, 0, 1], [1, 3, 3]])
    used = usage(tokens, 5)
    assert used.counts.tolist() == [2, 2, 0, 2, 0]
    assert used.dead.tolist() == [2, 4]
    assert used.perplexity == pytest.approx(3.0)  # three entries, used equally often
    assert usage(np.zeros((7, 7), int), 4).perplexity == pytest.approx(1.0)
    assert bits_per_image(64) == 49 * 6 and bits_per_image(32) == pytest.approx(49 * math.log2(32))


@pytest.fixture(scope="module")
def model() -> VQVAE:
    torch.manual_seed(0)
    model = VQVAE(VQVAEConfig(codebook_size=8, code_dim=4, channels=(8, 16)))
    model.train()
    images = torch.from_numpy(load_bundled_mnist().test_images[:16])
    model.loss(images).total.backward()  # one training pass: the codebook starts from the encoder's vectors
    return model.eval()


def test_the_model_encodes_a_seven_by_seven_grid_and_decodes_any_code_index(model):
    images = load_bundled_mnist().test_images[:3]
    encoding = encode(model, images)
    assert encoding.tokens.shape == (3, 7, 7) and encoding.vectors.shape == (3, 7, 7, 4)
    assert encoding.tokens.min() >= 0 and encoding.tokens.max() < 8
    assert decode_grids(model, encoding.tokens).shape == (3, 28, 28)
    every_code = np.stack([filled(code) for code in range(8)])  # each entry, used or not
    decoded = decode_grids(model, every_code)
    assert np.isfinite(decoded).all() and decoded.min() >= 0 and decoded.max() <= 1
    with torch.inference_mode():
        np.testing.assert_allclose(model.reconstruct(torch.from_numpy(images)).numpy()[:, 0],
                                   decode_grids(model, encoding.tokens), atol=1e-6)


@pytest.mark.parametrize("bad", [np.full((7, 7), 8), np.full((7, 7), -1), np.zeros((6, 7), int), np.full((7, 7), 1.5)])
def test_an_impossible_grid_is_refused_with_a_reason(model, bad):
    with pytest.raises(ValueError, match="code indices|token grid"):
        decode_grids(model, bad)


def test_save_and_load_round_trip(tmp_path, model):
    prior = TokenPrior(TokenPriorConfig(codebook_size=8, width=16, heads=2)).eval()
    records = {}
    for name, network in (("vq", model), ("prior", prior)):
        save_model(network, tmp_path / f"{name}.safetensors")
        records[name] = model_record(network, file=f"{name}.safetensors", dataset="mnist-5k", seed=0, train={},
                                     metrics={})
    write_manifest(tmp_path, {"models": records})
    store = PretrainedStore(tmp_path)
    loaded = store.load_model("vq")
    assert loaded.config == model.config
    torch.testing.assert_close(loaded.codebook, model.codebook)
    images = load_bundled_mnist().test_images[:4]
    np.testing.assert_array_equal(encode(loaded, images).tokens, encode(model, images).tokens)
    grid = uniform_grids(8, 2, seed=0)
    np.testing.assert_array_equal(decode_grids(loaded, grid), decode_grids(model, grid))
    grids = torch.from_numpy(grid.reshape(2, 49))
    torch.testing.assert_close(store.load_model("prior")(grids), prior(grids))


def test_the_prior_reads_only_the_cells_before_each_one():
    torch.manual_seed(0)
    prior = TokenPrior(TokenPriorConfig(codebook_size=8, width=16, heads=2)).eval()
    grid = torch.randint(0, 8, (1, 49))
    later = grid.clone()
    later[0, 30:] = (later[0, 30:] + 1) % 8
    torch.testing.assert_close(prior(grid)[:, :31], prior(later)[:, :31])  # cell 30 is predicted before it is seen
    samples = prior.sample(3, torch.Generator().manual_seed(0))
    assert samples.shape == (3, 49) and samples.min() >= 0 and samples.max() < 8
    assert torch.equal(samples, prior.sample(3, torch.Generator().manual_seed(0)))
    with torch.no_grad():
        assert prior.nll_bits(samples).shape == (3,)


def test_the_cached_sampler_gives_the_whole_network_s_numbers():
    torch.manual_seed(1)
    prior = TokenPrior(TokenPriorConfig(codebook_size=8, width=16, heads=2)).eval()
    grids = torch.randint(0, 8, (4, 49))
    inputs = torch.cat([torch.full((4, 1), 8), grids[:, :-1]], dim=1)  # the start token, then the grid shifted
    cache = []
    with torch.inference_mode():
        stepwise = torch.stack([prior._next_logits(inputs[:, i:i + 1], i, cache) for i in range(49)], dim=1)
        torch.testing.assert_close(stepwise, prior(grids), rtol=1e-4, atol=1e-5)

    def whole_network_sample(count, generator):  # the plain way: the whole grid so far through the network
        tokens = torch.zeros(count, 0, dtype=torch.long)
        with torch.inference_mode():
            for _ in range(49):
                logits = prior(torch.cat([tokens, torch.zeros(count, 1, dtype=torch.long)], dim=1))[:, -1]
                tokens = torch.cat([tokens, torch.multinomial(logits.softmax(1), 1, generator=generator)], dim=1)
        return tokens

    assert torch.equal(prior.sample(20, torch.Generator().manual_seed(3)),
                       whole_network_sample(20, torch.Generator().manual_seed(3)))


def test_the_distance_to_the_nearest_image_as_worked_out_by_hand():
    reference = np.array([[0, 0, 0, 0], [1, 1, 0, 0]], np.float32).reshape(2, 2, 2)  # two 2 x 2 images
    queries = np.array([[1, 1, 1, 0], [0, 0, 0, 0.5], [1, 1, 0, 0]], np.float32).reshape(3, 1, 2, 2)
    # by hand, mean of the squared differences over 4 pixels, to each reference, the smaller kept:
    # [1,1,1,0]: 3/4 or 1/4; [0,0,0,.5]: .25/4 or 2.25/4; the second reference itself: 0
    np.testing.assert_allclose(nearest_mse(reference, queries), [0.25, 0.0625, 0.0], atol=1e-7)
    rng = np.random.default_rng(0)
    many, few = rng.random((50, 784), dtype=np.float32), rng.random((7, 784), dtype=np.float32)
    brute = ((few[:, None] - many[None]) ** 2).mean(axis=2).min(axis=1)
    np.testing.assert_allclose(nearest_mse(many, few), brute, rtol=1e-4)
    with pytest.raises(ValueError, match="pixels"):
        nearest_mse(reference, np.zeros((1, 5)))


@pytest.mark.parametrize(("prior", "words"), [(0.045, "**closer to real handwriting**"),
                                              (0.07, "**no closer to real handwriting**"),
                                              (0.02, "As close as real digits, or closer")])
def test_the_closeness_sentence_follows_its_numbers(prior, words):
    close = Closeness(grids=200, prior=prior, uniform=0.06, real=0.03, real_images=1000)
    text = closeness_sentence(close)
    assert words in text and f"**{prior:.4f}**" in text and "**0.0600**" in text and "0.0300" in text
    assert ("**50% of the way**" in text) == (prior == 0.045)  # (0.06 - 0.045) / (0.06 - 0.03), as a share
    scores = JudgeScores(0.8, 0.2, 0.7, 0.6, 40.0, 0.7, 1000)
    assert text in prior_sentence(scores, scores, None, close)


def test_grid_edits():
    grid = np.arange(49).reshape(7, 7) % 5
    assert (swap(grid, 3, 4) == 3).sum() == 0 and (swap(grid, 3, 4) == 4).sum() == 19
    state = editing.fresh("test 0", grid)
    state = editing.select(state, 1, 2)
    assert state.code == grid[1, 2]
    edited = editing.put(state, 1)
    assert edited.grid[1, 2] == 1 and edited.changed.sum() == 1 and "row 1, column 2" in edited.last_action
    assert editing.reset(edited).changed.sum() == 0
    assert editing.select(state, 9, 0).cell == (1, 2)  # a click outside the grid changes nothing
    swapped = editing.swap_all(state, 3, 4)
    assert (swapped.grid == 3).sum() == 0 and "in 10 cells" in swapped.last_action
    assert "nothing swapped" in editing.swap_all(state, 7, 1).last_action
    first, second = editing.randomise(state, 64), editing.randomise(editing.randomise(state, 64), 64)
    assert not np.array_equal(first.grid, second.grid) and first.grid.max() < 64
    assert np.array_equal(first.grid, editing.randomise(state, 64).grid)  # the nth press is the same grid
    assert checked(first.grid, 64).dtype == np.int64
    assert editing.clicked_cell([{"x": 2, "y": 5, "customdata": {"0": 5}}]) == (5, 2)
    assert editing.clicked_cell([]) is None


def test_patches_show_the_cells_that_chose_an_entry(model):
    images = load_bundled_mnist().test_images[:10]
    encoding = encode(model, images)
    code = int(encoding.tokens[0, 3, 3])
    found = patches_of(code, encoding, 5)
    assert 0 < len(found) <= 5 and all(encoding.tokens[i, r, c] == code for i, r, c in found)
    gaps = [encoding.gaps[i, r, c] for i, r, c in found]
    assert gaps == sorted(gaps)
    assert patches_of(99, encoding, 5) == []
    piece = patch(images[0], 0, 6)  # a corner: the margin beyond the edge is black
    assert piece.shape == (12, 12) and piece[:4].max() == 0 and piece[:, 8:].max() == 0
    np.testing.assert_array_equal(patch(images[0], 3, 3)[4:8, 4:8], images[0, 0, 12:16, 12:16])


def test_png_bits_are_the_size_of_a_lossless_png():
    images = load_bundled_mnist().test_images[:3]
    bits = png_bits(images)
    assert bits.shape == (3,) and (bits % 8 == 0).all() and (bits > 8 * 67).all()  # more than a PNG's fixed parts
    buffer = io.BytesIO()
    Image.fromarray((images[0, 0] * 255).round().astype(np.uint8)).save(buffer, format="PNG", optimize=True)
    assert bits[0] == 8 * len(buffer.getvalue())
    np.testing.assert_allclose(np.asarray(Image.open(io.BytesIO(buffer.getvalue()))) / 255.0, images[0, 0], atol=1e-6)
