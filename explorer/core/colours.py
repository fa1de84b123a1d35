"""Colours that mean the same thing on every page."""

# One colour per digit class, 0 to 9, so that a 3 is the same red on the Latent map and on Loss balance. Chosen
# (by a search) to stay apart for every student: each is dark enough to read as text on white (4.5:1, WCAG 2.1
# AA), and every two of them, and each and the black of the random codes, stay apart in normal colour vision and
# under protanopia, deuteranopia and tritanopia (tests/unit/test_accessibility.py measures it). Colour is never
# the only signal: the maps' key and their hover name each digit.
DIGIT_COLOURS = ("#4164ff", "#4208e0", "#4c663b", "#821000", "#7c0088",
                 "#593657", "#dc2762", "#004b36", "#6e7d08", "#0a816c")

# One colour per kind of model wherever two are compared.
AE_COLOUR = "#4361ee"  # the plain autoencoder
VAE_COLOUR = "#7209b7"  # the variational autoencoder
PCA_COLOUR = "#c96500"  # PCA, the linear autoencoder (3:1 on white, as every chart colour)

# Text on charts and captions: Streamlit's own text colour. Its chart theme and its captions use paler
# greys that a projector washes out.
TEXT_COLOUR = "#31333f"

# The ring round whatever the keyboard is on: 3:1 or more against white and the grey of the sidebar.
FOCUS_COLOUR = "#1f3fbf"
