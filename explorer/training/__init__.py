"""Training: fit() for autoencoders by epochs, train_steps() for the other networks by steps, a live run
in a worker thread that a page watches, and the line of slots that live runs share on one server."""
