"""Loss-balance page: its settings, starting a run (run), what each epoch shows (epoch_view), the shipped
reference runs (references), walking a trained code (traversal), and the Vega-Lite charts (figures)."""
