"""The Diffusion page's Streamlit glue (app_pages/diffusion.py lays it out; explorer/topics/diffusion/ computes)."""
