"""The Denoising page's Streamlit glue (app_pages/denoising.py lays it out; explorer/topics/denoising/ computes)."""
