"""Bottleneck page: the autoencoder beside PCA at one code size k (logic), and the error-against-k chart (figures)."""
