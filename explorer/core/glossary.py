"""The app's glossary: each technical term a page uses, in plain words, and the link that takes a student there.

A page's text writes a term with `term("KL")`: a markdown link to the glossary page (app_pages/glossary.py) at
that term, whose hover text is the term's first sentence. tests/app/test_glossary.py checks, page by page, that
the first time the screen shows a term it is such a link."""

from __future__ import annotations

from dataclasses import dataclass

GLOSSARY_URL = "glossary"  # the glossary page's URL name (explorer/ui/shared/navigation.py GLOSSARY)


@dataclass(frozen=True)
class Term:
    key: str  # how a page names it, term("KL"), and the words the link shows unless told otherwise
    name: str  # the glossary's heading
    plain: str  # what it means, in plain words; the first sentence is the link's hover text
    pattern: str  # a regular expression that finds the term in on-screen text
    pages: tuple[str, ...] = ()  # the pages (URL names) where the pattern means this term; () means every page

    @property
    def anchor(self) -> str:
        kept = "".join(letter if letter.isascii() and letter.isalnum() else " " for letter in self.name.lower())
        return "-".join(kept.split())

    @property
    def hover(self) -> str:
        return self.plain.split(". ")[0].rstrip(".").replace('"', "'") + "."


TERMS = (
    Term("μ", "μ (mu): the centre of a cloud",
         "The centre of a VAE's cloud for one image: where the encoder puts that image's code on average. μ is the "
         "Greek letter mu, the usual name for a mean.", "μ"),
    Term("σ", "σ (sigma): the width of a cloud",
         "How wide a VAE's cloud is along each dimension of the code: its standard deviation. σ is the Greek "
         "letter sigma; σ² (the variance) is its square, and log σ² is what the encoder actually outputs.", "σ"),
    Term("ε", "ε (epsilon): the random part of a sample",
         "A random number drawn afresh for every sample from N(0, 1), the standard bell curve. The VAE's sample is "
         "z = μ + σ·ε: ε holds the chance, μ and σ the encoder's say.", "ε"),
    Term("N(0, I)", "N(0, I): the standard bell curve",
         "The bell curve centred on 0 with a spread of 1 in every dimension, each dimension independent of the "
         "others (I is the identity matrix). N(0, 1) is the same for a single number. A VAE's prior: where its "
         "random codes are drawn from.", r"N\(0, ?[I1]\)"),
    Term("nats", "nat: a unit of information",
         "A unit of information, like a bit but counted with natural logarithms: 1 nat is about 1.44 bits. Losses "
         "written as log-probabilities, such as the cross-entropy and the KL, come in nats.", r"\bnats?\b"),
    Term("KL", "KL: how far one distribution is from another",
         "The Kullback–Leibler divergence: how far one probability distribution lies from another, in nats; 0 when "
         "they are the same. A VAE pays the KL from each image's cloud N(μ, σ²) to the prior N(0, I), which pulls "
         "every cloud towards the centre and keeps it wide.", r"\bKL\b"),
    Term("mutual information", "mutual information",
         "How much knowing one thing tells you about another, in nats: 0 when they are unrelated, and as much as "
         "there is to know when one settles the other. On the Shapes page: how much a dimension of the code tells "
         "about a true factor such as the shape's size.", r"(?i)\bmutual information\b"),
    Term("MIG", "MIG: the mutual information gap",
         "A score from 0 to 1 of whether each true factor has a dimension of the code to itself. For each factor, "
         "the share of it held by the dimension that knows most about it, minus the runner-up's share, averaged "
         "over the factors (Chen et al., 2018).", r"\bMIG\b"),
    Term("perplexity", "perplexity",
         "The number of equally likely choices that would be as hard to guess as the real ones. A codebook used "
         "with a perplexity of 40 is as spread out as 40 entries used equally often; it is e to the power of the "
         "entropy of the usage.", r"(?i)\bperplexity\b"),
    Term("conv", "conv: a convolution layer",
         "A layer that slides one small grid of weights, its kernel, over every place of its input and writes one "
         "number per place. A conv autoencoder (conv AE) is built from such layers; it uses the same weights "
         "everywhere in the picture.", r"(?i)\bconv(?:s|olutions?|olutional)?\b"),
    Term("kernel", "kernel (filter)",
         "The small grid of weights a conv layer slides over its input, 4 × 4 in the shipped models; also called a "
         "filter. Each kernel looks for one pattern, such as an edge at one angle.", r"(?i)\bkernels?\b"),
    Term("channel", "channel",
         "One of the stacked pictures a conv layer reads or writes: one per kernel. A grey digit has 1 channel; a "
         "conv layer writes as many as it has kernels.", r"(?i)\bchannels?\b", pages=("inside_network",)),
    Term("feature map", "feature map",
         "The picture one kernel makes as it slides over its input: bright where it finds its pattern. A conv layer "
         "writes one feature map per channel.", r"(?i)\b(?:feature )?maps?\b", pages=("inside_network",)),
)
BY_KEY = {each.key: each for each in TERMS}


def term(key: str, shown: str | None = None) -> str:
    """Markdown: `shown` (the term itself unless given) as a link to the term in the glossary, opened in a new tab
    so that the page keeps its state, with the term's first sentence as its hover text."""
    found = BY_KEY[key]
    return f'[{shown or found.key}]({GLOSSARY_URL}#{found.anchor} "{found.hover}")'
