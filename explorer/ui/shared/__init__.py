"""The Streamlit glue every page shares: page anatomy, cards, view and lesson links, style, images, export,
errors, the student's own digit, and the resources several pages read (resources.py)."""
