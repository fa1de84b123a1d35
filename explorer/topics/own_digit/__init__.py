"""The student's own digit, used on several pages: a drawing or upload made MNIST-like (digitize), and where
its code lands among the known digits (placement). Its Streamlit widget is explorer.ui.own_digit."""
