"""The Diffusion page's sentences about the digit judge's verdict on its ways of sampling (measured at build
time by scripts/pretrained_groups/digit_judge.py); tests/unit/test_claims_diffusion.py checks their wording
against the shipped numbers."""

from __future__ import annotations

from explorer.models.digit_judge import STANDARD_ERRORS, JudgeScores, too_close_to_call

GENERATED = ("latent_ddpm", "pixel_ddim", "vae_prior")  # the ways of sampling the page compares


def short_name(scores: JudgeScores) -> str:
    return scores.method.split(" (")[0]


def ranked(quality: dict[str, JudgeScores]) -> list[JudgeScores]:
    """The ways of sampling, most often judged real first."""
    return sorted((quality[key] for key in GENERATED if key in quality), key=lambda s: -s.share_real)


def quality_words(quality: dict[str, JudgeScores], classifier_accuracy: float) -> str:
    """What the bars show, with the judge's numbers; `quality` holds the ways of sampling and "real"."""
    order, real = ranked(quality), quality["real"]
    shares = ", ".join(f"**{s.share_real:.0%}** of {short_name(s)}'s {s.images}" for s in order)
    ties = [f"{short_name(a)} and {short_name(b)}" for a, b in zip(order, order[1:], strict=False)
            if too_close_to_call(a, b)]
    tie_words = (f" {'; '.join(ties)}: within {STANDARD_ERRORS} standard errors of each other, too close to call "
                 "with this many samples." if ties else "")
    nearest, fewest = min(order, key=lambda s: s.fid), min(order, key=lambda s: s.images)
    small = ("" if fewest.images == max(s.images for s in order) else
             f", so {short_name(fewest)}'s, over only {fewest.images} samples, reads worse than it would over more")
    return (
        "The **digit judge** (its ladder is below) looks at each sample in the features of a small digit classifier "
        f"(trained on the bundled training split; test accuracy {classifier_accuracy:.1%}) and calls it real when it "
        "lies inside the neighbourhood of a real held-out digit. Measured when the models were built, it calls "
        f"real {shares} samples; real held-out digits score {real.share_real:.0%}.{tie_words} **FID** (0: the "
        f"samples' features spread like real digits') is lowest for {short_name(nearest)} ({nearest.fid:.0f}); it "
        f"grows when fewer images are measured{small}."
    )


def confidence_words(ladder: dict[str, JudgeScores], static_confidence: float) -> str:
    """Why the classifier's confidence, shown beside, is not the measure."""
    static = ladder["static"]
    return (
        "**Why not the classifier's confidence?** It must name one of the ten digits for any picture, however "
        "unreadable, and it can be sure of itself when it should not be: pure static, like the first frame of the "
        f"animation at the top, gets an average confidence of **{static_confidence:.2f}**, where the judge calls "
        f"**{static.share_real:.0%}** of it real. Its bars stay beside the judge's for comparison."
    )
