"""The Latent map page's sentences about the shipped models, with every number filled in from the
measurements. Each qualitative word here ("higher", "about the same", "fewer digits") is what the
shipped models show; tests/unit/test_latent_map_claims.py fails if a rebuild stops showing it."""

from __future__ import annotations

from explorer.core.glossary import term
from explorer.models.digit_likeness import DigitLikeness
from explorer.topics.latent_map.measures import SizeDistortion, UnsureShares
from explorer.topics.latent_map.sampling import CodeCloud, top_digits


def digit_list(digits: list[int]) -> str:
    names = [f"{digit}s" for digit in digits]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def sampling_story(k: int, samples: dict[str, DigitLikeness], ae_unsure: float, clouds: dict[str, CodeCloud],
                   draws_reach: float, reconstructed: dict[str, DigitLikeness], real: DigitLikeness,
                   unsure: float) -> str:
    """What the three strips show, in words: one story for k = 16, another for k = 2. ae_unsure: the share of
    the AE's N(0, I) decodes that the classifier scores below `unsure`; draws_reach: how far from 0 the
    farthest N(0, I) draw lies."""
    ae, vae, fitted = samples["ae_normal"], samples["vae_normal"], samples["ae_fitted"]
    where = (f"The AE's codes gather around a point **{clouds['ae'].centre_from_zero:.1f}** away from 0, each "
             f"number spread about **{clouds['ae'].spread:.1f}** either way, while N(0, I) draws gather around 0 "
             f"with a spread of 1. The VAE's codes gather around a point {clouds['vae'].centre_from_zero:.1f} "
             f"from 0, spread about {clouds['vae'].spread:.1f}: close to N(0, I), because its training pulls "
             "them there.")
    if k > 2:
        return (
            f"**What the strips show.** Fed N(0, I) draws, the plain autoencoder mostly draws shapes the classifier "
            f"cannot name: {ae_unsure:.0%} of them score below {unsure:.1f}, and the mean confidence is "
            f"**{ae.mean_confidence:.2f}**, against **{vae.mean_confidence:.2f}** for the VAE. The reason is "
            f"*where* the codes are. {where} None of the AE's codes lies within "
            f"{clouds['ae'].nearest_to_zero:.1f} of 0, and every N(0, I) draw lies within {draws_reach:.1f} of 0: "
            "the draws land where the AE never put a code. But its "
            "space is no worse where its codes really are: draws from a bell curve fitted to them score "
            f"**{fitted.mean_confidence:.2f}**, no lower than the VAE's. The VAE's real gift for making new digits "
            "is that you know where to draw without measuring first."
        )
    digits, share = top_digits(ae.class_counts)
    return (
        f"**What the strips show.** With only two numbers, N(0, I) draws score about the same for both models "
        f"(mean confidence **{ae.mean_confidence:.2f}** for the AE, **{vae.mean_confidence:.2f}** for the VAE). "
        f"The difference is *which* digits come out: {share:.0%} of the AE's draws are {digit_list(digits)} "
        f"(spread **{ae.class_spread:.2f}**, against **{vae.class_spread:.2f}** for the VAE). {where} So N(0, I) "
        "reaches only the part of the AE's plane nearest 0. A bell curve fitted to the AE's codes reaches all of "
        f"it: spread **{fitted.class_spread:.2f}**. None of the three comes near real digits "
        f"({real.mean_confidence:.2f}): two numbers cannot hold a crisp digit, and even the models' "
        f"reconstructions of real test digits score only {reconstructed['ae'].mean_confidence:.2f} (AE) and "
        f"{reconstructed['vae'].mean_confidence:.2f} (VAE)."
    )


def plane_story(k: int, shares: dict[str, UnsureShares], unsure: float) -> str:
    """What the red shading of the exact maps shows: how often each decoder draws no clear digit, among the
    dots and in the map's empty space."""
    ae, vae = shares["ae"], shares["vae"]
    counts = (f"The classifier is unsure (below {unsure:.1f}) about {ae.among_dots:.0%} of the AE's cells with "
              f"dots nearby and {vae.among_dots:.0%} of the VAE's; in empty space, about **{ae.in_empty_space:.0%}** "
              f"of the AE's and **{vae.in_empty_space:.0%}** of the VAE's.")
    caution = ("The classifier only judges which digit a shape looks most like, not how clean it is: where a "
               "decoded plane looks speckled or faded but its background stays dark, trust your eyes.")
    if k > 2:
        return (f"**The red shading** marks the cells whose decode the classifier cannot name. {counts} On this "
                "flat slice through the codes, the AE's empty space holds more shapes the classifier cannot name "
                "than the part with dots; the VAE's holds fewer: it draws clear digits there. " + caution)
    return (f"**The red shading** marks the cells whose decode the classifier cannot name. {counts} Among the "
            f"dots, the red sits where dots of different digits meet: {ae.mixed_when_unsure:.0%} of the AE's "
            f"unsure cells there (and {vae.mixed_when_unsure:.0%} of the VAE's) have dots of several digits "
            f"around them, against {ae.mixed_when_sure:.0%} ({vae.mixed_when_sure:.0%}) of the cells it is sure "
            "about. " + caution)


def walk_story(walks: dict, unsure: float) -> str:
    ae, vae = walks["ae"], walks["vae"]
    return (
        f"Measured over {walks['pairs']:,} straight walks between random pairs of different test digits, the "
        f"classifier's confidence drops below {unsure:.1f} somewhere between the ends on "
        f"**{ae['share_dipping']:.0%}** of the AE's walks and **{vae['share_dipping']:.0%}** of the VAE's: "
        "between two digits, both models pass through blends the classifier cannot name, about as often. "
        "The suggested pairs are the walks where the two models differ most, some where the AE dips and the "
        "VAE does not, and some the other way round."
    )


def walk_pair_label(pair: dict, labels) -> str:
    return (f"#{pair['a']} ({labels[pair['a']]}) → #{pair['b']} ({labels[pair['b']]}): lowest confidence on the "
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
