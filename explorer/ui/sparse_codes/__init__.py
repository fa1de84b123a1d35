"""The Sparse codes page's Streamlit glue
(app_pages/sparse_codes.py lays it out; explorer/topics/sparse_codes/ computes)."""
