"""The Inside the network page's widget keys, named once: view links, lesson links and the tests know the widgets
by them."""

DIGIT = "inside_digit"
EXAMPLE = "inside_example"  # which test image of that digit
SHIFT = "inside_shift"  # pixels to the right
CHANNELS = "inside_channels"  # which feature maps are shown
FIRST = "inside_first"  # the first channel shown, when they are shown by number
TRACE, OWN_TRACE = "inside_trace", "inside_own_trace"  # the layer traces: their charts' keys start with these
SHIFT_CURVE_CHART = "inside_shift_curve"
