"""The shapes page: β-VAEs on shapes whose true factors are known."""
