"""The only Streamlit glue: cached loaders, shared widgets and error displays."""
