"""What the Shapes page says about its shipped runs, in sentences computed from their scores: a retrain that
changes the scores changes the words."""

from __future__ import annotations

from explorer.core.shapes import FACTOR_NAMES
from explorer.topics.shapes.kept import KEPT_OVER_CHANCE, NEIGHBOURS, FactorGuess
from explorer.topics.shapes.shipped import ShippedRun

WELL_SEPARATED = 0.5  # MIG at or above this: most factors each have a dimension of their own
HELD = 0.1  # a factor counts as held by a run when one of its dimensions in use holds this share of it


def held_factors(run: ShippedRun) -> list[str]:
    """The factors that some dimension in use holds at least HELD of, in FACTOR_NAMES order."""
    in_use = run.scores.normalised[run.scores.active]
    if not len(in_use):
        return []
    return [name for name, share in zip(FACTOR_NAMES, in_use.max(axis=0), strict=True) if share >= HELD]


def holders(run: ShippedRun) -> dict[str, int]:
    """For each held factor, how many dimensions in use hold at least HELD of it: 1 is the disentangled ideal."""
    in_use = run.scores.normalised[run.scores.active]
    return {name: int((in_use[:, FACTOR_NAMES.index(name)] >= HELD).sum()) for name in held_factors(run)}


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def trend(first: ShippedRun, last: ShippedRun) -> str:
    """'rises' or 'falls' when every seed at `last` scores above (below) every seed at `first`; else 'overlaps'."""
    (low_first, high_first), (low_last, high_last) = first.mig_range, last.mig_range
    return "rises" if low_last > high_first else "falls" if high_last < low_first else "overlaps"


def _spread(run: ShippedRun) -> str:
    low, high = run.mig_range
    return f"{low:.2f} to {high:.2f}"


def mig_story(runs: list[ShippedRun]) -> str:
    first, last = runs[0], runs[-1]
    best = max(runs, key=lambda run: max(run.seed_migs))
    seeds = len(first.seed_migs)
    words = (f"Trained with {seeds} seeds each, the runs score a MIG of {_spread(first)} at β = {first.beta:g} and "
             f"{_spread(last)} at β = {last.beta:g}: ")
    words += {"rises": "it rises with β, by more than the seed moves it. ",
              "falls": "it falls as β grows, by more than the seed moves it. ",
              "overlaps": "the ranges overlap, so the change with β is no larger than the change from one seed to "
                          "another. "}[trend(first, last)]
    if max(best.seed_migs) < WELL_SEPARATED:
        words += (f"Even the best ({max(best.seed_migs):.2f}, at β = {best.beta:g}) is far from 1: no β here gives "
                  "each factor a dimension of its own, so on these shapes a larger β alone does not untangle them.")
    else:
        words += f"At β = {best.beta:g} one seed gives most factors a dimension of their own."
    return words


def _guesses(guesses: list[FactorGuess]) -> str:
    return ", ".join(f"{guess.factor} {guess.right:.0%} (chance {guess.chance:.0%})" for guess in guesses)


def largest_beta_story(runs: list[ShippedRun], guesses: list[FactorGuess]) -> str:
    """`guesses`: what the largest β's whole code keeps of each factor (kept.guess_factors on its code means)."""
    last = runs[-1]
    held = held_factors(last)
    unheld = [name for name in FACTOR_NAMES if name not in held]
    kept = [guess.factor for guess in guesses if guess.kept]
    words = (f"At β = {last.beta:g}, {int(last.scores.active.sum())} of the {len(last.scores.kl_per_dim)} "
             f"dimensions stay in use")
    words += f": some hold {HELD:.0%} or more of {_names(held)}" if held else ", and none holds a factor"
    if unheld:
        words += f", none as much of {_names(unheld)}"
    words += (f". The code as a whole keeps more than any one dimension: guessing each held-out shape's factors "
              f"from the code's {len(last.scores.kl_per_dim)} numbers (the {NEIGHBOURS} training shapes with the "
              f"nearest codes vote) gets them right this often: {_guesses(guesses)}")
    spread = [name for name in unheld if name in kept]
    gone = [name for name in FACTOR_NAMES if name not in kept]
    if spread:
        words += (f". So {_names(spread)} {'is' if len(spread) == 1 else 'are'} still in the code, spread over "
                  "several dimensions where no single one holds them")
    if gone:
        words += (f"; {'only ' if len(gone) == 1 else ''}{_names(gone)} "
                  f"{'is' if len(gone) == 1 else 'are'} left out (guessed under {KEPT_OVER_CHANCE:g} times chance)")
    return words + f". Test error per pixel: {runs[0].test_mse:.4f} at β = {runs[0].beta:g}, {last.test_mse:.4f} here."


def never_held_story(runs: list[ShippedRun]) -> str:
    """The factors no dimension in use holds HELD of, in any shipped run; '' when every factor is held somewhere."""
    held = {name for run in runs for name in held_factors(run)}
    missing = [name for name in FACTOR_NAMES if name not in held]
    if not missing:
        return ""
    return (f"In no shipped run does a dimension in use hold {HELD:.0%} of {_names(missing)}: whatever the code keeps "
            f"of {'it' if len(missing) == 1 else 'them'}, it keeps spread thinly over several dimensions, if at all.")
