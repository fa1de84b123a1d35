"""Home page: the encoder, code and decoder diagram drawn from a real pass through a shipped model."""
