"""The Bottleneck page's widget keys, named once: view links, lesson links and the tests know the widgets by them."""

K = "bottleneck_k"  # the code size; its arrow buttons add "_next" and "_previous"
MODE = "bottleneck_mode"  # which test digits
SEED = "bottleneck_seed"  # the random draw's seed (mode "random")
DIGIT = "bottleneck_digit"  # the digit shown (mode "digit")
CURVE_CHART, ROWS_PNG = "bottleneck_curve", "bottleneck_rows"
