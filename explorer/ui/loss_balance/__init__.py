"""The Loss balance page's Streamlit glue
(app_pages/loss_balance.py lays it out; explorer/topics/loss_balance/ computes)."""
