"""Autoencoder Explorer's library: data, models, training, checkpoints, projections, plots.

Nothing here imports streamlit except `explorer.ui`.
"""
