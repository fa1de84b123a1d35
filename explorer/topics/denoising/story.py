"""What the shipped PSNR curves say, in the words the Denoising page uses: at which levels a model beats
the noisy input it was given, and how fast the DAE's score falls on either side of its training limit."""

from __future__ import annotations

from explorer.core.noise import MAX_PSNR_DB
from explorer.topics.denoising.logic import Denoised, PsnrCurves


def noisy_levels(curves: PsnrCurves) -> list[float]:
    """The levels that add any noise (level 0 is the clean digit)."""
    return [level for level in curves.levels if level > 0]


def levels_where_better(curves: PsnrCurves, model: str, kind: str) -> list[float]:
    """The noisy levels at which `model` ("plain" or "denoising") scores a higher mean PSNR than its input."""
    scores, inputs = getattr(curves, model)[kind], curves.noisy[kind]
    return [level for level, score, given in zip(curves.levels, scores, inputs, strict=True)
            if level > 0 and score > given]


def psnr_at(curves: PsnrCurves, series: str, kind: str, level: float) -> float:
    """Mean test PSNR of one series ("noisy", "plain" or "denoising") at one level."""
    return getattr(curves, series)[kind][curves.levels.index(level)]


def at_levels(chosen: list[float], levels: list[float]) -> str:
    """Levels in words, runs of neighbours joined: [0.1, 0.2, 0.3, 0.6] -> "at levels 0.1 to 0.3 and 0.6",
    [0.7, 0.8] -> "at levels 0.7 and 0.8"."""
    runs: list[list[float]] = []
    for level in chosen:
        if runs and levels.index(level) == levels.index(runs[-1][-1]) + 1:
            runs[-1].append(level)
        else:
            runs.append([level])
    parts: list[str] = []
    for run in runs:  # two neighbours read better as "a and b" than as "a to b"
        parts += [f"{run[0]:g} to {run[-1]:g}"] if len(run) > 2 else [f"{level:g}" for level in run]
    if not parts:
        return "at no level"
    if len(parts) == 1:
        return f"at level {parts[0]}" if len(chosen) == 1 else f"at levels {parts[0]}"
    return "at levels " + ", ".join(parts[:-1]) + " and " + parts[-1]


def drops_around(curves: PsnrCurves, kind: str, level: float) -> tuple[float, float]:
    """How many dB the DAE loses over the step up to `level` and over the step after it (`level` must have
    a level on either side)."""
    scores = curves.denoising[kind]
    i = curves.levels.index(level)
    if not 0 < i < len(scores) - 1:
        raise ValueError(f"level {level:g} has no level on both sides in {curves.levels}")
    return scores[i - 1] - scores[i], scores[i] - scores[i + 1]


NOISE_IN_WORDS = {"gaussian": "Gaussian noise", "salt_pepper": "salt-and-pepper noise", "masking": "masking"}
# Why the plain autoencoder does what it does with each noise: written for what the shipped curves show
# (tests/unit/test_claims_denoising.py fails if a rebuild changes that).
PLAIN_WHY = {
    "gaussian": "The noise is clipped to the pixel range 0 to 1, so on the black background only its bright "
                "half survives and the background turns into grey speckle. The plain autoencoder only ever "
                "copied digits on black: it takes the speckle for ink and draws thick, smeared strokes.",
    "salt_pepper": "The white specks on the black background look like bits of stroke to the plain "
                   "autoencoder, which never saw a speck in training, so it draws ink around them.",
    "masking": "Masking only blanks pixels to black, so the background stays clean, and a digit with gaps "
               "looks much like a digit with thinner strokes, which the plain autoencoder knows how to reconstruct.",
}


def plain_verdict(curves: PsnrCurves, kind: str, background: tuple[float, float]) -> str:
    """Where the plain AE beats its input and where it makes things worse, and why; `background` is the
    mean background brightness of the shown noisy inputs and of the plain AE's outputs."""
    better = levels_where_better(curves, "plain", kind)
    worse = [level for level in noisy_levels(curves) if level not in better]
    levels = curves.levels
    if not worse:
        verdict = f"**The plain autoencoder beats the noisy input** at every level of {NOISE_IN_WORDS[kind]}."
    else:
        verdict = (f"**With {NOISE_IN_WORDS[kind]} the plain autoencoder makes things worse** "
                   f"{at_levels(worse, levels)}: its output is further from the clean digit than the noisy input "
                   "it was given.")
    if kind == "masking":
        return f"{verdict} {PLAIN_WHY[kind]}"
    noisy, plain = background
    verdict += (f" {PLAIN_WHY[kind]} On the digits above, the background, black in the clean digit, averages "
                f"{noisy:.2f} in the noisy input and {plain:.2f} in the plain autoencoder's output.")
    if better:
        verdict += (f" Only {at_levels(better, levels)} is the input itself so damaged that even this smeared "
                    "output comes closer to the clean digit.")
    return verdict


def denoising_verdict(curves: PsnrCurves, kind: str, max_train_level: float) -> str:
    """Where the DAE beats its input, what its blur costs on clean digits, and its curve past its training."""
    levels = curves.levels
    better = levels_where_better(curves, "denoising", kind)
    not_better = [level for level in noisy_levels(curves) if level not in better]
    where = "at every level" if not not_better else at_levels(better, levels)
    text = (f"**The denoising autoencoder beats the noisy input** {where}. It pays for that with a little "
            f"blur on clean digits: at level 0 it scores {psnr_at(curves, 'denoising', kind, 0.0):.1f} dB, the "
            f"plain autoencoder {psnr_at(curves, 'plain', kind, 0.0):.1f} dB.")
    if not_better:
        text += (f" Light {NOISE_IN_WORDS[kind]}, {at_levels(not_better, levels)}, costs less than that blur, "
                 "so there the noisy input scores higher.")
    if max_train_level in levels[1:-1]:
        before, after = drops_around(curves, kind, max_train_level)
        following = levels[levels.index(max_train_level) + 1]
        text += (f" As the noise grows its score falls steadily. It trained on noise levels up to {max_train_level:g}, "
                 f"and past them it keeps falling with no sudden break: {before:.1f} dB over the step up to "
                 f"{max_train_level:g}, {after:.1f} dB over the step to {following:g}, on noise stronger than "
                 "any it met.")
    return text


def change_in_words(gain: float) -> str:
    """A model's mean PSNR against its noisy input's: +7.9 -> "7.9 dB better", -3.7 -> "3.7 dB worse"."""
    if round(abs(gain), 1) == 0:
        return "no better"
    return f"{abs(gain):.1f} dB {'better' if gain > 0 else 'worse'}"


def shown_in_words(result: Denoised, noise: str, level: float) -> str:
    """What the digits on screen score, as a short list: the mean PSNR of each row (`noise`: its name)."""
    noisy, plain, dae = (float(scores.mean()) for scores in
                         (result.noisy_psnr, result.plain_psnr, result.denoising_psnr))
    if level == 0:
        return (f"**No noise (level 0).** The input is the clean digit itself. How close each copy comes to it, "
                f"in mean PSNR (higher is closer; a perfect copy scores {MAX_PSNR_DB:g} dB here):\n"
                f"- plain AE: **{plain:.1f} dB**\n- denoising AE: **{dae:.1f} dB**")
    return (f"**{noise} at level {level:g}.** How close each row comes to the clean digits, in mean PSNR "
            f"(higher is closer):\n- noisy input: **{noisy:.1f} dB**\n"
            f"- plain AE: **{plain:.1f} dB**, {change_in_words(plain - noisy)} than its input\n"
            f"- denoising AE: **{dae:.1f} dB**, {change_in_words(dae - noisy)}")
