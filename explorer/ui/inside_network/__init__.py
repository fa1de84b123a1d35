"""The Inside the network page's Streamlit glue
(app_pages/inside_network.py lays it out; explorer/topics/inside_network/ computes)."""
