"""The VQ-VAE page's Streamlit glue (app_pages/vqvae.py lays it out; explorer/topics/vqvae/ computes)."""
