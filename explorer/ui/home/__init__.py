"""The Home page's Streamlit glue (app_pages/home.py lays it out; explorer/topics/home/ computes)."""
