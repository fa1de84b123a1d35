"""The home page's widget and session-state keys, named once."""

IMAGE = "home_image"  # the test digit the diagram passes through the autoencoder
NEXT = "home_next"  # the button that shows another digit
