"""Anomaly page: reconstruction error as an anomaly score, thresholds and ROC (logic), and their charts (figures)."""
