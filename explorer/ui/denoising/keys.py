"""The Denoising page's widget keys, named once: view links, lesson links and the tests know the widgets by them."""

KIND = "denoising_kind"  # the kind of noise
LEVEL = "denoising_level"
CURVE_CHART = "denoising_curve"
