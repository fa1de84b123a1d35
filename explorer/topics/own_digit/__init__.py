"""The student's own digit, used on several pages: where its code lands among the known digits (placement),
once explorer.core.digitize has made the drawing or upload MNIST-like. Its Streamlit widget is explorer.ui.own_digit."""
