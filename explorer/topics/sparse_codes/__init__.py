"""The Sparse codes page: how a penalty on the code quiets most of its units, and what the rest learn."""
