"""The Loss-balance gallery's sentences, written from the measured evidence of the shipped β runs; the
claims behind their wording are checked against the shipped models in tests/unit/test_claims_loss_balance.py."""

from __future__ import annotations

from explorer.topics.loss_balance.evidence import CONFIDENCE_TIE, BetaEvidence, GalleryEvidence, confidence_plateau


def confidence(run: BetaEvidence) -> float:
    return run.samples.mean_confidence


def betas_in_words(betas: list[float]) -> str:
    """[0.5, 1, 2] -> "β = 0.5, 1 and 2"."""
    names = [f"{beta:g}" for beta in betas]
    return "β = " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])


def row_captions(run: BetaEvidence) -> tuple[str, str]:
    """Under a gallery row: its reconstructions' readability, its samples' confidence and spread."""
    return (f"β = {run.beta:g} · the classifier reads {run.read_right:.0%} right",
            f"β = {run.beta:g} · confidence {confidence(run):.2f}, spread {run.samples.class_spread:.2f}")


def gallery_introduction(gallery: GalleryEvidence) -> str:
    return ("The same VAE trained at each β with the same seed. Under each row, the verdict of the shipped digit "
            f"classifier (the Diffusion page's judge): on the left, the share of all {gallery.test_images:,} test "
            "reconstructions it reads as the digit that went in; on the right, how sure it is on average of its "
            f"answer (*confidence*) and how evenly its answers cover the ten digits (*spread*: 1 when all ten "
            f"come up equally often) for {gallery.draws:,} decodes of the same draws from the prior.")


def reconstruction_summary(gallery: GalleryEvidence) -> str:
    first, last = gallery.runs[0], gallery.runs[-1]
    return (f"Reconstructions blur as β grows. The classifier reads {first.read_right:.0%} of them as "
            f"the right digit at β = {first.beta:g} and {last.read_right:.0%} at β = {last.beta:g}: blurrier, "
            "yet most are still readable.")


def samples_summary(gallery: GalleryEvidence) -> str:
    runs = gallery.runs
    first, last = runs[0], runs[-1]
    best = max(runs, key=confidence)
    others = [beta for beta in confidence_plateau(runs) if beta != best.beta]
    close = ""
    if others:
        come = "comes" if len(others) == 1 else "come"
        close = f" {betas_in_words(others)} {come} within {CONFIDENCE_TIE:g} of it, too close to call with these draws."
    spread = min(run.samples.class_spread for run in runs[1:])
    return (f"A draw from the prior lands a median {gallery.draws_distance:.1f} "
            f"from the centre, and every one within {gallery.draws_reach:.1f}. At β = {first.beta:g} the codes of "
            f"the test digits lie a median {first.code_distance:.1f} from it and none closer than "
            f"{first.closest_code:.1f}: the draws land where no digit's code lies, and the classifier is least "
            f"sure of their decodes (confidence {confidence(first):.2f}). The larger β, the closer the "
            f"codes are pulled in: {last.code_distance:.1f} at β = {last.beta:g}. Confidence peaks at "
            f"β = {best.beta:g}, with {confidence(best):.2f}.{close} At β = {last.beta:g}, where the decodes blur, "
            f"it falls to {confidence(last):.2f}. Above β = {first.beta:g} the spread stays at {spread:.2f} or "
            "more: the samples never settle on a few digits.")


def active_rule_comparison(gallery: GalleryEvidence, latent_dim: int) -> str:
    """How this page's count of active dimensions compares with Burda et al.'s, at the largest shipped β."""
    last = gallery.runs[-1]
    return (f"By that test the shipped β = {last.beta:g} run keeps {last.active_by_variance} of {latent_dim} "
            f"dimensions active, against {last.active_by_kl} by this page's rule.")
