"""The Shapes page's Streamlit glue (app_pages/shapes.py lays it out; explorer/topics/shapes/ computes)."""
