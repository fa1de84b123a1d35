"""Summaries that every benchmark reports the same way."""

import statistics


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)
