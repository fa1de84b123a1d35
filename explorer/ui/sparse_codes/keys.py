"""The Sparse codes page's widget keys, named once: view links, lesson links and the tests know the widgets by them."""

STRENGTH = "sparse_strength"  # the penalty λ: which shipped model
DIGIT = "sparse_digit"
EXAMPLE = "sparse_example"  # which test image of that digit
BARS_CHART, OWN_BARS_CHART, HISTOGRAM_CHART = "sparse_bars", "sparse_own_bars", "sparse_histogram"
