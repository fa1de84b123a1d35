"""The Inside the VAE page's Streamlit glue
(app_pages/vae_posterior.py lays it out; explorer/topics/vae_posterior/ computes)."""
