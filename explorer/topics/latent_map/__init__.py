"""Latent map page: what a click on a map of the codes picks and decodes (logic), and the maps (figures)."""
