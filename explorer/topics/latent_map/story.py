"""The Latent map page's sentences about the shipped models, with every number filled in from the
measurements. Each qualitative word here ("higher", "about the same", "fewer digits") is what the
shipped models show; tests/unit/test_latent_map_claims.py fails if a rebuild stops showing it."""

from __future__ import annotations

from explorer.core.glossary import term
from explorer.models.digit_judge import too_close_to_call
from explorer.models.digit_likeness import DigitLikeness
from explorer.topics.latent_map.measures import SizeDistortion
from explorer.topics.latent_map.sampling import CodeCloud, top_digits
from explorer.topics.latent_map.shipped import PairVerdicts

WALK_TIE = 0.05  # shares of walk steps judged real closer than this (5 points) are called alike


def digit_list(digits: list[int]) -> str:
    names = [f"{digit}s" for digit in digits]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def sampling_story(k: int, verdicts: PairVerdicts, samples: dict[str, DigitLikeness], clouds: dict[str, CodeCloud],
                   draws_reach: float) -> str:
    """What the three strips show, in words: one story for k = 16, another for k = 2. verdicts: the digit judge's
    (the measure of "is it a digit"); samples: the classifier's confidence and which digits it names;
    draws_reach: how far from 0 the farthest N(0, I) draw lies."""
    sets, real = verdicts.sets, verdicts.real
    ae, vae, fitted = sets["ae_normal"], sets["vae_normal"], sets["ae_fitted"]
    where = (f"The AE's codes gather around a point **{clouds['ae'].centre_from_zero:.1f}** away from 0, each "
             f"number spread about **{clouds['ae'].spread:.1f}** either way, while N(0, I) draws gather around 0 "
             f"with a spread of 1. The VAE's codes gather around a point {clouds['vae'].centre_from_zero:.1f} "
             f"from 0, spread about {clouds['vae'].spread:.1f}: close to N(0, I), because its training pulls "
             "them there.")
    judged = (f"the digit judge calls **{ae.share_real:.1%}** of the plain autoencoder's decodes real and "
              f"**{vae.share_real:.1%}** of the VAE's (real held-out digits: {real.share_real:.0%}; the "
              f"classifier's confidence, beside: {ae.mean_confidence:.2f} and {vae.mean_confidence:.2f})")
    if too_close_to_call(fitted, vae):
        against_vae = "about as often as the VAE's, too close to call"
    else:
        against_vae = "more often than the VAE's" if fitted.share_real > vae.share_real else "less often than the VAE's"
    if k > 2:
        return (
            f"**What the strips show.** Fed N(0, I) draws, {judged}. The reason is *where* the codes are. {where} "
            f"None of the AE's codes lies within {clouds['ae'].nearest_to_zero:.1f} of 0, and every N(0, I) draw "
            f"lies within {draws_reach:.1f} of 0: the draws land where the AE never put a code. But its space is "
            "no worse where its codes really are: draws from a bell curve fitted to them are judged real "
            f"**{fitted.share_real:.1%}** of the time, {against_vae}. The VAE's real gift for making new digits "
            "is that you know where to draw without measuring first."
        )
    digits, share = top_digits(samples["ae_normal"].class_counts)
    redrawn = f"{sets['ae_redrawn'].share_real:.0%} (AE) and {sets['vae_redrawn'].share_real:.0%} (VAE)"
    return (
        f"**What the strips show.** With only two numbers, fed N(0, I) draws, {judged}. {where} So N(0, I) "
        f"reaches only the part of the AE's plane nearest 0; there {share:.0%} of its draws are "
        f"{digit_list(digits)}, as the classifier names them (spread **{samples['ae_normal'].class_spread:.2f}**, "
        f"against **{samples['vae_normal'].class_spread:.2f}** for the VAE). A bell curve fitted to the AE's codes "
        f"reaches all of it: **{fitted.share_real:.1%}** judged real, {against_vae}. Two numbers cannot hold a "
        f"crisp digit: even the models' reconstructions of held-out digits are judged real only {redrawn}."
    )


def plane_story(k: int, verdicts: PairVerdicts) -> str:
    """What the red shading of the exact maps shows: how often each decoder draws what the digit judge does not
    call real, among the dots and in the map's empty space (its planes' "unsure" cells: not judged real)."""
    shares = verdicts.planes
    ae, vae = shares["ae"], shares["vae"]
    counts = (f"The digit judge calls {ae.among_dots:.0%} of the AE's cells with dots nearby *not* real and "
              f"{vae.among_dots:.0%} of the VAE's; in empty space, about **{ae.in_empty_space:.0%}** of the AE's "
              f"and **{vae.in_empty_space:.0%}** of the VAE's.")
    caution = (f"Even real held-out digits are judged real only {verdicts.real.share_real:.0%} of the time (the "
               "judge's ladder, under the sampling experiment), so a red cell among the dots is no proof of a bad "
               "decode: compare it with the empty space, and trust your eyes.")
    if k > 2:
        emptier = {kind: "more" if part.in_empty_space > part.among_dots else "no more"
                   for kind, part in shares.items()}
        return (f"**The red shading** marks the cells whose decode the digit judge does not call real. {counts} On "
                f"this flat slice through the codes, the AE's empty space holds {emptier['ae']} decodes that are not "
                f"judged real than the part with dots; the VAE's holds {emptier['vae']}. " + caution)
    return (f"**The red shading** marks the cells whose decode the digit judge does not call real. {counts} Among "
            f"the dots, {ae.mixed_when_unsure:.0%} of the AE's red cells (and {vae.mixed_when_unsure:.0%} of the "
            f"VAE's) have dots of several digits around them, against {ae.mixed_when_sure:.0%} "
            f"({vae.mixed_when_sure:.0%}) of the cells judged real: the red gathers where dots of different digits "
            "meet. " + caution)


def walk_story(walks: dict) -> str:
    """walks: the digit judge's shipped summary (scripts/pretrained_groups/judged_latent_map.py)."""
    ae, vae = walks["ae"], walks["vae"]
    gap = vae["between_real"] - ae["between_real"]
    verdict = ("about as often" if abs(gap) < WALK_TIE
               else f"the {'VAE' if gap > 0 else 'AE'} more often, by {abs(gap):.0%}")
    return (
        f"Measured over {walks['pairs']:,} straight walks between random pairs of different test digits, the "
        f"digit judge calls **{ae['between_real']:.0%}** of the AE's steps between the ends real and "
        f"**{vae['between_real']:.0%}** of the VAE's ({verdict}; the ends themselves, each model's reconstructions, "
        f"{ae['ends_real']:.0%} and {vae['ends_real']:.0%}). The suggested pairs are the walks where the two models "
        "differ most, among walks whose ends both models reconstruct as digits the judge calls real: some where the "
        "AE's lowest step falls further than the VAE's, and some the other way round."
    )


def walk_pair_label(pair: dict, labels) -> str:
    return (f"#{pair['a']} ({labels[pair['a']]}) → #{pair['b']} ({labels[pair['b']]}): lowest realism on the "
            f"way, AE {pair['ae_lowest']:.2f}, VAE {pair['vae_lowest']:.2f}")


def distance_story(median_multiples: dict[str, float]) -> str:
    return (
        "Under each decode: how far the draw lies from that model's nearest real code, counted in the model's "
        "usual gap between neighbouring codes, so that the two compare. Over all the shipped draws the middle "
        f"value is {median_multiples['ae']:.1f}× for the AE and {median_multiples['vae']:.1f}× for the VAE, about "
        "the same: nearness to a dot is not what tells the two models apart. The sampling experiment under "
        "*Go deeper* shows what does."
    )


def axes_span(extent) -> str:
    """'−24 to 28': the range an exact map's axes cover (extent: x_min, x_max, y_min, y_max), rounded."""
    low, high = int(round(float(min(extent[0], extent[2])))), int(round(float(max(extent[1], extent[3]))))
    return f"{low} to {high}".replace("-", "−")


CLICK_TO_COMPARE = ("Click a black cross, then an empty spot, on each map and compare the decodes; then click two "
                    "dots to walk between them (below).")


def look_for_text(method_name: str, spans: dict[str, str] | None) -> str:
    """spans: each model's axes_span on an exact map; None on UMAP or t-SNE, whose axes have no unit."""
    if spans is None:
        return (f"A {method_name} map has axes without a unit: it keeps each code's nearest neighbours close and "
                "bends everything larger, so compare the groups, not the numbers (PCA keeps each model's own "
                f"scale). {CLICK_TO_COMPARE}")
    return (f"**Mind the axes**: the AE's map runs from {spans['ae']}, the VAE's only from {spans['vae']}. A VAE "
            f"is trained to keep its codes in the bell curve {term('N(0, I)')} that the black crosses are drawn from; "
            "nothing "
            f"holds a plain autoencoder's codes there. {CLICK_TO_COMPARE}")


def spot_story(owner: str, spans: dict[str, str] | None, method_name: str | None) -> str:
    """Why only `owner`'s model decodes a spot of its map, and how exactly the map's inverse finds the spot's
    code. spans: as for look_for_text; method_name: None on an exact map, else UMAP's or t-SNE's name."""
    other = "vae" if owner == "ae" else "ae"
    scale = f" (the {owner.upper()}'s map runs from {spans[owner]}, the {other.upper()}'s from {spans[other]})" \
        if spans is not None else ""
    why = (f"Only the {owner.upper()} decodes it. A place on a map is a code in that model's own numbers, and the "
           f"two encoders put the same digit at very different numbers{scale}: to the {other.upper()} these numbers "
           "mean another place. To compare the models, click a dot (one image, encoded by each) or a black cross "
           "(the same random numbers for both).")
    if method_name is None:
        return why + "\n\n**Exact inverse**: on this map a spot is exactly one code, decoded as it is."
    return (why + f"\n\n**Approximate inverse**: {method_name} cannot be run backwards, so the spot's code is a "
            "weighted mean of the codes placed nearest to it, and an empty spot decodes like a blend of its "
            "neighbours, not like the place it seems to be. PCA shows exactly what a decoder makes of a place.")


def size_story(method_name: str, k: int, distortion: SizeDistortion) -> str:
    return (
        f"**What a {method_name} map distorts.** It keeps near neighbours together but bends everything larger: "
        "the size of a group and the gaps between groups do not mean what they seem. On the plain autoencoder's "
        f"map the {distortion.wide}s' group looks {distortion.on_map:.1f}× as spread out as the "
        f"{distortion.narrow}s'; in the {k} numbers of the codes themselves it is {distortion.in_codes:.2f}× as "
        "spread out. (See Wattenberg, Viégas "
        "and Johnson, [How to Use t-SNE Effectively](https://distill.pub/2016/misread-tsne/), Distill 2016.)"
    )
