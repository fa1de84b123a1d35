"""The Latent map page's Streamlit glue (app_pages/latent_map.py lays it out; explorer/topics/latent_map/ computes)."""
