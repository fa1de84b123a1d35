"""The Your data set page's Streamlit glue
(app_pages/own_dataset.py lays it out; explorer/topics/own_dataset/ computes)."""
