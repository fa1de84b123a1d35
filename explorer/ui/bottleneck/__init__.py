"""The Bottleneck page's Streamlit glue (app_pages/bottleneck.py lays it out; explorer/topics/bottleneck/ computes)."""
