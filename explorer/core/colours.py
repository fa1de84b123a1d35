"""Colours that mean the same thing on every page."""

# One colour per digit class, 0 to 9 (D3's ten categorical colours: distinct on a projector and in a
# legend), so that a 3 is the same red on the Latent map and on Loss balance.
DIGIT_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                 "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")

# One colour per kind of model wherever two are compared.
AE_COLOUR = "#4361ee"  # the plain autoencoder
VAE_COLOUR = "#7209b7"  # the variational autoencoder
PCA_COLOUR = "#f77f00"  # PCA, the linear autoencoder

# Text on charts and captions: Streamlit's own text colour. Its chart theme and its captions use paler
# greys that a projector washes out.
TEXT_COLOUR = "#31333f"
