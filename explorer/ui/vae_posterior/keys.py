"""The Inside the VAE page's widget and session-state keys, named once: view links, lesson links and the tests know
them by these names."""

DIGIT = "posterior_digit"  # the test digit's number (its number input's key)
USE_OWN = "posterior_use_own"  # the toggle: show the student's own digit instead
OWN_NEXT = "posterior_own_next"  # a digit drawn just now: turn the toggle on at the next run, before it is drawn
DRAW = "posterior_draw"  # the number of the eps draw, its seed: a link reproduces it
ANOTHER = "posterior_another"  # the button that draws another eps
WHOLE_CHART, CLOSE_CHART = "posterior_plane", "posterior_close_up"
