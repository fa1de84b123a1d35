"""The VQ-VAE page's sentences, written from the shipped numbers at run time."""

from __future__ import annotations

import math

from explorer.core.glossary import term
from explorer.models.digit_judge import JudgeScores
from explorer.models.vq_vae import GRID
from explorer.topics.vqvae.bits import ROUNDED_BITS, BitsChart, cheapest_at_least_as_good, error_at, rounded_ks
from explorer.topics.vqvae.logic import Usage
from explorer.topics.vqvae.prior import Closeness


def usage_sentence(used: Usage, cells: int, top: int, blank: float) -> str:
    """`top`: the most used entry; `blank`: the share of its cells with no ink in their own 4 x 4 block."""
    k, dead = used.codebook_size, len(used.dead)
    dead_part = ("none is dead: every entry is chosen somewhere" if dead == 0 else
                 f"**{dead} {'is' if dead == 1 else 'are'} dead** (never chosen: "
                 + ", ".join(str(i) for i in used.dead) + ")")
    return (f"The {cells:,} cells of the test digits choose among all {k} entries, and {dead_part}. The use is "
            f"uneven: its **{term('perplexity')}** (e to the entropy of the usage) is **{used.perplexity:.1f}**, as if "
            f"{used.perplexity:.0f} entries were used equally often. The most used, entry {top}, takes "
            f"{used.counts[top] / cells:.0%} of the cells, and {blank:.0%} of those have no ink in their own "
            "4 × 4 block: " + ("it stands mostly for black background." if blank > 0.5 else
                               "so it stands for ink as often as for black background, or more."))


def prior_sentence(prior: JudgeScores, uniform: JudgeScores, real: JudgeScores | None,
                   close: Closeness | None = None) -> str:
    """The digit judge's verdict on the two kinds of grid (the classifier's confidence beside it), then (given
    `close`) the distance to real digits."""
    text = (f"Over {prior.images:,} grids of each kind (made when the model was built), the digit judge (see the "
            f"reference ladder below) finds **{prior.share_real:.0%}** of the prior's decodes real, against "
            f"**{uniform.share_real:.0%}** of the uniform grids'")
    if real is not None:
        text += f" (real held-out digits: {real.share_real:.0%})"
    text += (f"; the distance between their features and real digits' (FID, 0: alike) is **{prior.fid:.0f}** "
             f"against **{uniform.fid:.0f}**. ")
    # "clearly": the uniform grids get under half the prior's share judged real, at over twice its FID
    clear = uniform.share_real < 0.5 * prior.share_real and uniform.fid > 2 * prior.fid
    text += ("The judge **clearly tells them apart**" if clear else "Even the judge **barely tells them apart**")
    confidence_gap = prior.mean_confidence - uniform.mean_confidence
    text += (f", where the classifier's confidence in its top digit "
             f"{'barely does' if confidence_gap < 0.1 else 'does too'} ({prior.mean_confidence:.2f} against "
             f"{uniform.mean_confidence:.2f})")
    if close is None:
        return text + ". Look at the pictures too."
    return text + ". " + closeness_sentence(close)


def closeness_sentence(close: Closeness) -> str:
    """What the distance to the nearest training digit says, worded by which way its numbers point."""
    nearer = close.prior < close.uniform
    text = ("Measured another way, the prior's decodes lie **closer to real handwriting** than uniform grids do"
            if nearer else "Measured another way, the prior's decodes lie **no closer to real handwriting** than "
                           "uniform grids do")
    text += (f": the median distance (MSE) from each decode to its nearest training digit is **{close.prior:.4f}** "
             f"for {close.grids:,} grids sampled from the prior, against **{close.uniform:.4f}** for as many uniform "
             f"grids (real test digits, each to its nearest training digit: {close.real:.4f}). ")
    if not nearer:
        return text + "Look at the pictures: they show the difference the numbers miss."
    if close.prior <= close.real:
        return text + "As close as real digits, or closer: look at the pictures for copies of training digits."
    share = (close.uniform - close.prior) / (close.uniform - close.real)
    return text + (f"By this measure the prior goes **{share:.0%} of the way** from uniform tokens to real digits. "
                   "Look at the pictures too.")


def bits_sentences(chart: BitsChart) -> str:
    """What the chart of error against bits shows, from its own points: a list, one line per kind of code."""
    lines = [f"**Tokens:** 49 of log2({chart.codebook_size}) = {chart.vq_bits / 49:.0f} bits each make "
             f"**{chart.vq_bits:.0f} bits** per digit, for a test error (MSE) of **{chart.vq_mse:.4f}**."]
    match = cheapest_at_least_as_good(chart.ae_ks, chart.ae_bits, chart.ae_mse, chart.vq_mse)
    if match is None:
        lines.append(f"**Floats at 32 bits:** no shipped autoencoder reaches that error; the largest (k = "
                     f"{chart.ae_ks[-1]}, {chart.ae_bits[-1]:,} bits) has {chart.ae_mse[-1]:.4f}.")
    else:
        lines.append(f"**Floats at 32 bits:** the smallest autoencoder that does as well is k = {match[0]}, "
                     f"**{match[1]:,} bits**.")
    if chart.rounded_bits:
        lines.append(rounded_sentence(chart))
    if chart.prior_bits is not None:
        lines.append(f"**With the prior:** written with the prior's probabilities (short names for likely tokens, "
                     f"as a compressor does), the same tokens take **{chart.prior_bits:.0f} bits** on average.")
    lines.append(f"**PNG:** a lossless 8-bit PNG of a test digit takes **{chart.png_bits:,.0f} bits** on average "
                 f"(median {chart.png_median_bits:,.0f}): every code here is far smaller, and pays in error.")
    return "\n".join(f"- {line}" for line in lines)


def rounded_sentence(chart: BitsChart) -> str:
    """How much of the VQ-VAE's lead is the count of 32 bits a number: the same AEs with 8-bit numbers."""
    ks = rounded_ks(chart)
    worst = max(rounded / full - 1 for rounded, full in zip(chart.rounded_mse, chart.ae_mse, strict=True))
    text = (f"**Floats at {ROUNDED_BITS} bits:** a code needs nothing like 32 bits a number; rounded to "
            f"{ROUNDED_BITS} (the dotted line), the autoencoders' error grows by at most {worst:.1%}. ")
    points = list(zip(ks, chart.rounded_bits, chart.rounded_mse, strict=True))
    below = [p for p in points if p[1] <= chart.vq_bits]
    above = [p for p in points if p[1] > chart.vq_bits]
    if below and above:
        (k0, b0, e0), (k1, b1, e1) = below[-1], above[0]
        text += f"Then k = {k0} takes {b0:,.0f} bits for {e0:.4f}, and k = {k1} takes {b1:,.0f} bits for {e1:.4f}. "
    solid = error_at(chart.ae_bits, chart.ae_mse, chart.vq_bits)
    rounded = error_at(chart.rounded_bits, chart.rounded_mse, chart.vq_bits)
    if solid is not None and rounded is not None and solid > chart.vq_mse:
        share = math.log(solid / rounded) / math.log(solid / chart.vq_mse)
        text += (f"At {chart.vq_bits:.0f} bits the solid curve reads {solid:.4f} and the dotted one {rounded:.4f}: "
                 f"{'most' if share > 0.5 else 'less than half'} of the VQ-VAE's lead ({share:.0%}, on the log "
                 f"scale) comes from counting 32 bits a number. ")
        if rounded > chart.vq_mse:
            text += ("The rest cannot be put down to the tokens alone: the models differ in more than how their "
                     f"code is written. {models_differ(chart)}")
    return text


def models_differ(chart: BitsChart) -> str:
    """Every way the VQ-VAE differs from the Bottleneck page's autoencoders, read from the manifest where it can
    be: the code's shape, the decoder, the epochs and the loss."""
    ae_epochs = " or ".join(str(epochs) for epochs in sorted(set(chart.ae_epochs)))
    return (f"Its code is a {GRID} × {GRID} grid of vectors, each snapped to one of {chart.codebook_size} entries, "
            f"against k numbers for the whole digit; its decoder starts with {term('conv', 'convolutions')} on that "
            "grid, theirs with "
            f"a fully connected layer; it trained {chart.vq_epochs} epochs, they {ae_epochs}; and its loss adds a "
            "commitment term to the reconstruction, theirs is the reconstruction alone.")


EXPLANATION = """
**The nearest-neighbour lookup.** The encoder turns each 4 × 4 block of the digit (with what surrounds it) into
a vector of D numbers. The quantiser measures the distance from that vector to every entry of the codebook and
keeps only the nearest entry, or rather its number: the token. The decoder never sees the encoder's vector,
only the entry. That is the bottleneck: 49 choices from a fixed list.

**Why the gradient is copied straight through.** Training needs to know how a small change in the encoder's
vector would change the loss. But "pick the nearest entry" jumps from one entry to another: nudging the vector
a little changes nothing, then suddenly everything. Its gradient is zero almost everywhere. So training
pretends the lookup was not there: the decoder's gradient at the entry is handed, unchanged, to the encoder's
vector (the *straight-through estimator*). It works because the entry and the vector lie close together.

**What the commitment loss prevents.** The codebook must follow the encoder's vectors. In this model each entry
moves to the running average of the vectors that chose it (an *exponential moving average*), and an entry
nobody chooses is moved onto a vector that is in use. The **commitment loss** is the squared distance from
each vector to its entry, added to the loss: it keeps the encoder's vectors near the entries they chose.
Without it the encoder's outputs could drift and grow faster than the codebook can follow, and the lookup
would throw away more and more of what the encoder says.

**How a tokenizer feeds a generator.** Once images are grids of tokens, generating an image means generating
tokens. An *autoregressive* prior (like the small transformer above, or the language models behind image
generators) predicts the next token from the ones before it, row by row; a *diffusion* prior instead learns to
clean up a noisy or masked grid of tokens or of their vectors. Either way the decoder you met here turns the
generated tokens into pixels, and it can only decode what it is given: uniform random tokens make scraps.
"""
