"""The digit judge's reference ladder, shown under Go deeper wherever a page judges whether samples are digits:
sets whose answer is known, from real held-out digits down to a blank image, with the judge's numbers on each."""

from __future__ import annotations

import streamlit as st

from explorer.models.digit_judge import FAR_FID, FAR_SHARE, JUDGE_GROUP, JudgeScores, judged
from explorer.ui.shared.errors import report_pretrained_error
from explorer.ui.shared.images import show_digit
from explorer.ui.shared.resources import pretrained_store

SPARE_COLUMNS = 4

EXPLANATION = (
    "**How the judge works.** The digit classifier turns each image into 128 numbers (its last hidden layer) "
    "before it names a digit. Real digits land close together there; static does not. Around each of {reference} "
    "real held-out digits the judge draws a ball reaching its k-th nearest real neighbour (k = {k}). An image's "
    "**realism** is how deep it sits in the nearest ball (1 or more: inside; only the smaller half of the balls "
    "count, so an odd digit's wide ball cannot make anything look real), after Kynkäänniemi et al. (2019). "
    "For a set: the **share judged real** (realism of 1 or more), **precision** (share inside any ball), "
    "**recall** (share of the real digits that the set's own balls cover: it grows with the set's size), and "
    "**FID**, the distance between bell curves fitted to the two sets' numbers (Heusel et al., 2017; 0: alike). "
    "The old measure, the classifier's **confidence** in its top digit, is shown beside: it must name a digit "
    "for any picture."
)


def ladder_table(ladder: dict[str, JudgeScores]) -> str:
    rows = ["| Set | judged real | median realism | precision | recall | FID | confidence |",
            "|---|---|---|---|---|---|---|"]
    rows += [f"| {s.method} ({s.images:,}) | **{s.share_real:.0%}** | {s.realism:.2f} | {s.precision:.0%} | "
             f"{s.recall:.0%} | {s.fid:,.1f} | {s.mean_confidence:.2f} |" for s in ladder.values()]
    return "\n".join(rows)


def far_rule(ladder: dict[str, JudgeScores]) -> str:
    real, redrawn = ladder["real"], ladder["reconstructions"]
    return (f"Real held-out digits: **{real.share_real:.0%}** judged real; reconstructed by an autoencoder "
            f"**{redrawn.share_real:.0%}**. A set counts as *far below* real digits when under "
            f"{FAR_SHARE:.0%} of their share ({FAR_SHARE * real.share_real:.1%}) is judged real, fewer than the "
            f"reconstructions, and its FID is over {FAR_FID:.0f} times theirs ({FAR_FID * redrawn.fid:.0f}). "
            f"Static scores **{ladder['static'].share_real:.1%}** (confidence {ladder['static'].mean_confidence:.2f}"
            f"), scrambled digits **{ladder['scrambled'].share_real:.1%}**, a blank image "
            f"**{ladder['blank'].share_real:.1%}**.")


def show_judge_ladder() -> None:
    """The ladder, from the shipped digit_judge group (measured once at build time)."""
    with report_pretrained_error(stop=False):
        group = pretrained_store().group(JUDGE_GROUP)
        # The manifest sorts its keys: shown from the most real down, as a ladder reads.
        ladder = dict(sorted(judged(group["ladder"]).items(), key=lambda item: -item[1].realism))
        examples = pretrained_store().load_arrays(group["examples"])
        st.markdown("#### The digit judge, on sets whose answer we know")
        cells = st.columns(len(ladder) + SPARE_COLUMNS)  # the spare ones keep the examples digit-sized
        for cell, (key, scores) in zip(cells[:len(ladder)], ladder.items(), strict=True):
            with cell:
                # shipped as uint8 pixels: show_digit takes [0, 1] floats
                show_digit(examples[key][0] / 255.0, caption=f"{key}: {scores.share_real:.0%} judged real",
                           alt=f"One picture of the set {key}, of which the digit judge calls "
                               f"{scores.share_real:.0%} real")
        st.markdown(ladder_table(ladder))
        st.markdown(far_rule(ladder))
        st.markdown(EXPLANATION.format(reference=ladder["real"].images, k=group["neighbours"]))
