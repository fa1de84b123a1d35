"""Diffusion page: forward noising and reverse sampling in pixels and in a VAE's codes (logic), animated (figures)."""
