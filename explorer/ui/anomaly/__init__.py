"""The Anomaly page's Streamlit glue (app_pages/anomaly.py lays it out; explorer/topics/anomaly/ computes)."""
