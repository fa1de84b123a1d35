"""The VQ-VAE page: a digit as a grid of tokens, their codebook, and a prior over token grids."""
