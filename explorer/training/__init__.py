"""Training: fit() for autoencoders by epochs, train_steps() for the other networks by steps, a live run
in a worker thread that a page watches (its place in the server's line of heavy work is core's work_line)."""
